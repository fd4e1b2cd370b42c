import { runUntilSignalled, startContextService } from '../../shared/infrastructure/context-service.js';
import { orderService } from './order.service.js';

runUntilSignalled(() => startContextService(orderService), 'order');
