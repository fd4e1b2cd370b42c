import { fileURLToPath } from 'node:url';
import Router from '@koa/router';
import { Container } from 'inversify';
import { DefaultLogger, NativeConnection, Worker, bundleWorkflowCode, Runtime, makeTelemetryFilterString, type LogLevel, type WorkflowBundle } from '@temporalio/worker';
import { createOrderSagaActivities, type SagaPorts } from '../../activities/order-saga.activities.js';
import { CircuitBreakers } from '../../activities/adapters/circuit-breaker.js';
import { sagaProgressInterceptors } from '../../activities/saga-progress.interceptor.js';
import { provideDatabase } from '../../shared/infrastructure/persistence/provide-database.js';
import { registerSearchAttributes } from '../../shared/infrastructure/temporal-search-attributes.js';
import { createRealtimePublisher, ensureEventsDatabase } from '../../shared/infrastructure/realtime/realtime-emitter.js';
import { HttpCustomerClient } from '../../clients/http-customer.client.js';
import { HttpInventoryClient } from '../../clients/http-inventory.client.js';
import { HttpNotificationClient } from '../../clients/http-notification.client.js';
import { HttpOrderClient } from '../../clients/http-order.client.js';
import { HttpPaymentClient } from '../../clients/http-payment.client.js';
import { createHttpApp } from '../../shared/infrastructure/http/app.js';
import { listen, type RunningServer } from '../../shared/infrastructure/http/server.js';
import { createLogger, type Logger } from '../../shared/infrastructure/logger.js';
import { codecEndpoint } from '../../shared/infrastructure/temporal/codec-endpoint.js';
import { loadCodecKeyring } from '../../shared/infrastructure/temporal/codec-keys.js';
import { FAILURE_CONVERTER_PATH, temporalDataConverter } from '../../shared/infrastructure/temporal/data-converter.js';
import { AesGcmPayloadCodec } from '../../shared/infrastructure/temporal/payload-codec.js';
import { codecAccess, loadWorkerConfig, type WorkerConfig } from './worker.config.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../../workflows/index.ts', import.meta.url));

const TOKENS = {
  Config: Symbol.for('worker.Config'),
  Logger: Symbol.for('worker.Logger'),
  Breakers: Symbol.for('worker.Breakers'),
  Ports: Symbol.for('worker.SagaPorts'),
  Activities: Symbol.for('worker.Activities'),
};

/** Composition root of the worker: HTTP adapters of each contract, each behind its own breaker. */
export function composeWorker(config: WorkerConfig, logger: Logger): Container {
  const container = new Container();
  container.bind(TOKENS.Config).toConstantValue(config);
  container.bind(TOKENS.Logger).toConstantValue(logger);
  container
    .bind(TOKENS.Breakers)
    .toDynamicValue(
      () =>
        new CircuitBreakers(
          { consecutiveFailures: config.BREAKER_CONSECUTIVE_FAILURES, halfOpenAfterMs: config.BREAKER_HALF_OPEN_AFTER_MS },
          logger.child({ component: 'breaker' }),
        ),
    )
    .inSingletonScope();
  container
    .bind<SagaPorts>(TOKENS.Ports)
    .toDynamicValue((ctx) => {
      const breakers = ctx.get<CircuitBreakers>(TOKENS.Breakers);
      const timeoutMs = config.HTTP_CLIENT_TIMEOUT_MS;
      return {
        customers: breakers.protect('customer', new HttpCustomerClient({ baseUrl: config.CUSTOMER_URL, timeoutMs })),
        inventory: breakers.protect('inventory', new HttpInventoryClient({ baseUrl: config.INVENTORY_URL, timeoutMs })),
        orders: breakers.protect('order', new HttpOrderClient({ baseUrl: config.ORDER_URL, timeoutMs })),
        payments: breakers.protect('payment', new HttpPaymentClient({ baseUrl: config.PAYMENT_URL, timeoutMs })),
        notifications: breakers.protect('notification', new HttpNotificationClient({ baseUrl: config.NOTIFICATION_URL, timeoutMs })),
      };
    })
    .inSingletonScope();
  container
    .bind(TOKENS.Activities)
    .toDynamicValue((ctx) => createOrderSagaActivities(ctx.get<SagaPorts>(TOKENS.Ports)))
    .inSingletonScope();
  return container;
}

export interface RunningWorker {
  worker: Worker;
  breakers: CircuitBreakers;
  health: RunningServer;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/**
 * SDK and core logs go through pino like every other line we log. Once per process, before any
 * worker (or replayer) exists; later calls are no-ops.
 */
export function installTemporalRuntime(logger: Logger, level: string): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  Runtime.install({
    logger: new DefaultLogger(sdkLevel(level), (entry) => {
      const method = entry.level === 'TRACE' ? 'trace' : entry.level === 'DEBUG' ? 'debug' : entry.level === 'INFO' ? 'info' : entry.level === 'WARN' ? 'warn' : 'error';
      sdkLogger[method](entry.meta ?? {}, entry.message);
    }),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: level === 'silent' ? 'ERROR' : 'WARN' }), forward: {} } },
  });
}

export async function startWorker(
  env: NodeJS.ProcessEnv = process.env,
  options: { workflowBundle?: WorkflowBundle } = {},
): Promise<RunningWorker> {
  const config = loadWorkerConfig(env);
  const logger = createLogger('worker', config.LOG_LEVEL);
  const codecKeys = loadCodecKeyring(config);
  if (codecKeys.source === 'dev-file') {
    logger.warn({ file: codecKeys.file }, 'TEMPORAL_CODEC_KEYS is not set: payloads are encrypted with this machine\'s development key (refused with NODE_ENV=production)');
  }
  installTemporalRuntime(logger, config.LOG_LEVEL);
  const container = composeWorker(config, logger);
  const breakers = container.get<CircuitBreakers>(TOKENS.Breakers);

  const eventsDatabase = await provideDatabase('sagashop_events', config.EVENTS_DATABASE_URL, 'EVENTS_DATABASE_URL', logger);
  await ensureEventsDatabase(eventsDatabase.url);
  const publisher = createRealtimePublisher(eventsDatabase.url, logger.child({ component: 'realtime' }));

  // A workflow that upserts an unknown search attribute fails its task: make sure they exist.
  const added = await registerSearchAttributes(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE).catch((error) => {
    logger.warn({ err: error }, 'could not check search attributes (no operator permission?); the saga needs OrderStatus and CustomerId');
    return [];
  });
  if (added.length > 0) logger.info({ added }, 'search attributes registered');

  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: container.get(TOKENS.Activities),
    interceptors: { activity: [sagaProgressInterceptors(publisher)] },
    // Everything the worker hands Temporal is encrypted, failure messages and stacks included.
    dataConverter: temporalDataConverter(codecKeys.keyring),
  });
  const running = worker.run();
  running.catch((error) => logger.error({ err: error }, 'worker stopped with an error'));

  const probes = new Router();
  probes.get('/breakers', (ctx) => {
    ctx.body = { breakers: breakers.snapshot() };
  });
  const access = codecAccess(config);
  if (access.mode === 'disabled') logger.warn('codec endpoint off: set TEMPORAL_CODEC_AUTH_TOKEN to decode payloads in the Temporal UI');
  const codecHttp = codecEndpoint({ codec: new AesGcmPayloadCodec(codecKeys.keyring), access, uiOrigins: config.TEMPORAL_UI_ORIGINS });
  const health = await listen(
    createHttpApp({
      logger,
      routers: [probes, codecHttp.router],
      outermost: [codecHttp.cors],
      // The Temporal UI decodes a page of history events per call.
      bodyLimit: '4mb',
      ready: async () => worker.getState() === 'RUNNING',
      extraHealth: () => ({ worker: worker.getState(), taskQueue: config.TEMPORAL_TASK_QUEUE, breakers: breakers.snapshot() }),
    }),
    config.WORKER_PORT,
    config.HOST,
  );
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, temporal: config.TEMPORAL_ADDRESS, health: health.url }, 'worker running');

  return {
    worker,
    breakers,
    health,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
      await health.close();
      await publisher.close();
      await eventsDatabase.release();
    },
  };
}

function sdkLevel(level: string): LogLevel {
  // The SDK's INFO is chatty (every state change); keep it one notch quieter than ours.
  switch (level) {
    case 'trace':
      return 'TRACE';
    case 'debug':
      return 'DEBUG';
    case 'info':
    case 'warn':
      return 'WARN';
    default:
      return 'ERROR';
  }
}

export function bundleWorkflows(): Promise<WorkflowBundle> {
  // The sandbox converts workflow failures itself: it needs the same failure converter.
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string, meta?: unknown) => process.stderr.write(`workflow bundler: ${message} ${meta ? JSON.stringify(meta) : ''}\n`),
  error: (message: string, meta?: unknown) => process.stderr.write(`workflow bundler: ${message} ${meta ? JSON.stringify(meta) : ''}\n`),
};
