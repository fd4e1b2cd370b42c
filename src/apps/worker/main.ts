import { runUntilSignalled } from '../../shared/infrastructure/context-service.js';
import { startWorker } from './worker.service.js';

runUntilSignalled(() => startWorker(), 'worker');
