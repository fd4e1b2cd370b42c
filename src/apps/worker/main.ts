import { startTracing, stopTracingAfter } from '../../shared/infrastructure/observability/tracing.js';

// First, before the modules below load: instrumentation-pg must see knex's require('pg').
const tracing = await startTracing('worker');
const { runUntilSignalled } = await import('../../shared/infrastructure/context-service.js');
const { startWorker } = await import('./worker.service.js');

runUntilSignalled(async () => stopTracingAfter(await startWorker(), tracing), 'worker');
