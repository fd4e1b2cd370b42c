import type { Worker, WorkflowBundle } from '@temporalio/worker';
import type { CircuitBreakers } from '../../activities/adapters/circuit-breaker.js';
import { sagaProgressInterceptors } from '../../activities/saga-progress.interceptor.js';
import { withStepMetrics } from '../../activities/saga-metrics.js';
import type { RunningServer } from '../../shared/infrastructure/http/server.js';
import { createLogger } from '../../shared/infrastructure/logger.js';
import { loadCodecKeyring } from '../../shared/infrastructure/temporal/codec-keys.js';
import { codecRoutes } from './codec.routes.js';
import { startBreakerStatusPublisher } from './breaker-status.publisher.js';
import { startHealthServer } from './health.server.js';
import { openProgressPublisher } from './progress-publisher.js';
import { ensureSearchAttributes } from './search-attributes.js';
import { installTemporalRuntime } from './temporal-runtime.js';
import { startTemporalWorker } from './temporal-worker.js';
import { loadWorkerConfig } from './worker.config.js';
import { composeWorker, WORKER_TOKENS, type WorkerActivities } from './worker.container.js';

export interface RunningWorker {
  worker: Worker;
  breakers: CircuitBreakers;
  health: RunningServer;
  stop(): Promise<void>;
}

/**
 * Composition root of the worker: config, the Temporal runtime, the activities' container, the
 * progress publisher, the Temporal worker and its health server, in that order; stop() (or a
 * failed start) closes them in reverse.
 */
export async function startWorker(
  env: NodeJS.ProcessEnv = process.env,
  options: { workflowBundle?: WorkflowBundle } = {},
): Promise<RunningWorker> {
  const config = loadWorkerConfig(env);
  const logger = createLogger('worker', config.LOG_LEVEL);
  const codecKeys = loadCodecKeyring(config);
  if (codecKeys.source === 'dev-file') {
    logger.warn(
      { file: codecKeys.file },
      "TEMPORAL_CODEC_KEYS is not set: payloads are encrypted with this machine's development key (refused with NODE_ENV=production)",
    );
  }
  if (config.SAGA_POLICY_JSON)
    logger.info({ overrides: config.SAGA_POLICY_JSON }, 'SAGA_POLICY_JSON: new sagas use these retries and timeouts');
  installTemporalRuntime(logger, config.LOG_LEVEL);
  const container = composeWorker(config, logger);
  const breakers = container.get<CircuitBreakers>(WORKER_TOKENS.Breakers);

  // Everything opened so far, closed in reverse on a failed start or on stop.
  const opened: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of opened.reverse())
      await close().catch((error: unknown) => logger.warn({ err: error }, 'close failed during shutdown'));
    opened.length = 0;
  };
  try {
    const progress = await openProgressPublisher(config, logger);
    opened.push(() => progress.close());
    await ensureSearchAttributes(config, logger);

    const temporal = await startTemporalWorker({
      config,
      activities: container.get<WorkerActivities>(WORKER_TOKENS.Activities),
      // Step metrics count what the progress interceptor reports, on its way to the customer's room.
      interceptors: [sagaProgressInterceptors(withStepMetrics(progress.publisher))],
      keyring: codecKeys.keyring,
      logger,
      workflowBundle: options.workflowBundle,
    });
    // Stopped before the publisher closes: activities still finishing may publish progress.
    opened.push(() => temporal.stop());

    const health = await startHealthServer({
      config,
      logger,
      worker: temporal.worker,
      breakers,
      extra: codecRoutes(config, codecKeys.keyring, logger),
    });
    opened.push(() => health.close());
    // The operator console's view of this worker's breakers (events database + operator room).
    const breakerStatus = await startBreakerStatusPublisher({
      eventsDatabaseUrl: progress.eventsDatabaseUrl,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      breakers,
      publisher: progress.publisher,
      logger,
    });
    opened.push(() => breakerStatus.stop());
    logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, temporal: config.TEMPORAL_ADDRESS, health: health.url }, 'worker running');

    return { worker: temporal.worker, breakers, health, stop: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
