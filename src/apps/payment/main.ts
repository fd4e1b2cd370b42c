import { runUntilSignalled, startContextService } from '../../shared/infrastructure/context-service.js';
import { paymentService } from './payment.service.js';

runUntilSignalled(() => startContextService(paymentService), 'payment');
