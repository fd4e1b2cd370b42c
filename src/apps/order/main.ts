import { startTracing, stopTracingAfter } from '../../shared/infrastructure/observability/tracing.js';

// First, before the modules below load: instrumentation-pg must see knex's require('pg').
const tracing = await startTracing('order');
const { runUntilSignalled, startContextService } = await import('../../shared/infrastructure/context-service.js');
const { orderService } = await import('./order.service.js');

runUntilSignalled(async () => stopTracingAfter(await startContextService(orderService), tracing), 'order');
