import { startTracing, stopTracingAfter } from '../../shared/infrastructure/observability/tracing.js';

// First, before the modules below load: instrumentation-pg must see knex's require('pg').
const tracing = await startTracing('inventory');
const { runUntilSignalled, startContextService } = await import('../../shared/infrastructure/context-service.js');
const { inventoryService } = await import('./inventory.service.js');

runUntilSignalled(async () => stopTracingAfter(await startContextService(inventoryService), tracing), 'inventory');
