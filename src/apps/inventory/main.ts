import { runUntilSignalled, startContextService } from '../../shared/infrastructure/context-service.js';
import { inventoryService } from './inventory.service.js';

runUntilSignalled(() => startContextService(inventoryService), 'inventory');
