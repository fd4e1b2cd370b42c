import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { Worker } from '@temporalio/worker';
import type { CircuitBreakers } from '../../activities/adapters/circuit-breaker.js';
import { createHttpApp, type AppState } from '../../shared/infrastructure/http/app.js';
import { listen, type RunningServer } from '../../shared/infrastructure/http/server.js';
import type { Logger } from '../../shared/infrastructure/logger.js';
import { temporalSdkMetricsUrl } from './temporal-runtime.js';
import type { WorkerConfig } from './worker.config.js';

export interface HealthServerOptions {
  config: Pick<WorkerConfig, 'WORKER_PORT' | 'HOST' | 'TEMPORAL_TASK_QUEUE'>;
  logger: Logger;
  worker: Pick<Worker, 'getState'>;
  breakers: CircuitBreakers;
  /** Served on the same port (the codec endpoint); `cors` wraps every answer. */
  extra: { router: Router<AppState>; cors: Middleware<AppState> };
}

/** `/health`, `/ready` (the worker polls), `/breakers`, and whatever `extra` routes it is given. */
export function startHealthServer(options: HealthServerOptions): Promise<RunningServer> {
  const { config, worker, breakers } = options;
  const probes = new Router<AppState>();
  probes.get('/breakers', (ctx) => {
    ctx.body = { breakers: breakers.snapshot() };
  });
  return listen(
    createHttpApp({
      logger: options.logger,
      routers: [probes, options.extra.router],
      outermost: [options.extra.cors],
      // The Temporal UI decodes a page of history events per call.
      bodyLimit: '4mb',
      ready: () => Promise.resolve(worker.getState() === 'RUNNING'),
      // The SDK's own metrics (Core serves them on a local port) on the same /metrics as ours.
      extraMetrics: temporalSdkMetrics,
      extraHealth: () => ({ worker: worker.getState(), taskQueue: config.TEMPORAL_TASK_QUEUE, breakers: breakers.snapshot() }),
    }),
    config.WORKER_PORT,
    config.HOST,
  );
}

async function temporalSdkMetrics(): Promise<string> {
  const url = temporalSdkMetricsUrl();
  if (!url) return '';
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  if (!response.ok) throw new Error(`Temporal SDK metrics answered ${response.status}`);
  return response.text();
}
