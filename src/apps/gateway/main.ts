import { startTracing, stopTracingAfter } from '../../shared/infrastructure/observability/tracing.js';

// First, before the modules below load: instrumentation-pg must see knex's require('pg').
const tracing = await startTracing('gateway');
const { runUntilSignalled } = await import('../../shared/infrastructure/context-service.js');
const { startGateway } = await import('./gateway.service.js');

runUntilSignalled(async () => stopTracingAfter(await startGateway(), tracing), 'gateway');
