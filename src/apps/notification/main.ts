import { runUntilSignalled, startContextService } from '../../shared/infrastructure/context-service.js';
import { notificationService } from './notification.service.js';

runUntilSignalled(() => startContextService(notificationService), 'notification');
