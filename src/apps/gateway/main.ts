import { runUntilSignalled } from '../../shared/infrastructure/context-service.js';
import { startGateway } from './gateway.service.js';

runUntilSignalled(() => startGateway(), 'gateway');
