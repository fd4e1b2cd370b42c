import { runUntilSignalled, startContextService } from '../../shared/infrastructure/context-service.js';
import { customerService } from './customer.service.js';

runUntilSignalled(() => startContextService(customerService), 'customer');
