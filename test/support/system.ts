import { randomUUID } from 'node:crypto';
import type { WorkflowBundle } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { customerService } from '../../src/apps/customer/customer.service.js';
import { inventoryService } from '../../src/apps/inventory/inventory.service.js';
import { notificationService } from '../../src/apps/notification/notification.service.js';
import { orderService } from '../../src/apps/order/order.service.js';
import { paymentService } from '../../src/apps/payment/payment.service.js';
import { AccessTokens } from '../../src/apps/gateway/auth/access-tokens.js';
import { startGateway, type RunningGateway } from '../../src/apps/gateway/gateway.service.js';
import { installTemporalRuntime } from '../../src/apps/worker/temporal-runtime.js';
import { bundleWorkflows } from '../../src/apps/worker/temporal-worker.js';
import { startWorker, type RunningWorker } from '../../src/apps/worker/worker.service.js';
import { createLogger } from '../../src/shared/infrastructure/logger.js';
import {
  startContextService,
  type ContextName,
  type ContextServiceDefinition,
  type RunningService,
} from '../../src/shared/infrastructure/context-service.js';
import type { SagaPolicyOverrides } from '../../src/workflows/order-saga.policy.js';
import { TEST_CODEC_ENV, testDataConverter } from './codec.js';
import { freshDatabaseUrl, testEventsDatabaseUrl } from './postgres.js';
import { testTemporalServer } from './temporal.js';

/** Short, explicit timings: tests wait on outcomes, never on guessed sleeps. */
export const TEST_SAGA_POLICY: SagaPolicyOverrides = {
  activityStartToClose: '5 seconds',
  paymentStartToClose: '5 seconds',
  forwardRetry: { initialInterval: '50 ms', backoffCoefficient: 2, maximumInterval: '500 ms', maximumAttempts: 20 },
  paymentRetry: { initialInterval: '50 ms', backoffCoefficient: 2, maximumInterval: '200 ms', maximumAttempts: 4 },
  compensationRetry: { initialInterval: '50 ms', backoffCoefficient: 2, maximumInterval: '300 ms', maximumAttempts: 6 },
  // Long enough for a test to restart the worker while a saga waits (that took 4.2 s on a loaded machine).
  paymentConfirmationTimeout: '10 seconds',
};

export const TEST_BREAKER = { consecutiveFailures: 3, halfOpenAfterMs: 300 };

/** Every gateway of a test system signs and checks tokens with this; tests may forge their own with it. */
export const TEST_JWT_SECRET = 'test-only-jwt-secret-0123456789abcdef-0123456789';

const DEFINITIONS: Record<ContextName, ContextServiceDefinition> = {
  customer: customerService,
  inventory: inventoryService,
  order: orderService,
  payment: paymentService,
  notification: notificationService,
};

let bundle: Promise<WorkflowBundle> | undefined;
/** Bundling the workflow code takes seconds; do it once per run. */
export function sharedWorkflowBundle(): Promise<WorkflowBundle> {
  const level = process.env.TEST_LOG_LEVEL ?? 'silent';
  installTemporalRuntime(createLogger('test', level), level);
  bundle ??= bundleWorkflows();
  return bundle;
}

export interface TestSystem {
  services: Record<ContextName, RunningService>;
  worker: RunningWorker;
  gateway: RunningGateway;
  temporal: Client;
  taskQueue: string;
  /** The env the gateway was started with (services, Temporal, events database, JWT secret): for more gateways. */
  gatewayEnv: Record<string, string>;
  /** A valid access token for any customer id (known to the customer service or not). */
  tokenFor(customerId: string): string;
  /** Another gateway on the same system (stopped by stop()); `env` overrides gatewayEnv. */
  startGateway(env?: Record<string, string>): Promise<RunningGateway>;
  /** Stops one context service (its data stays) and returns a function that starts it again on the same port. */
  stopService(name: ContextName): Promise<() => Promise<void>>;
  /** Stops the worker (nothing runs the saga until the returned function starts a fresh one). */
  stopWorker(): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

/**
 * The whole system in-process on real servers: five services (each its own fresh database), a
 * worker on its own task queue, and a gateway, all on port 0.
 */
export async function startTestSystem(env: NodeJS.ProcessEnv = {}): Promise<TestSystem> {
  const temporalServer = await testTemporalServer();
  const logLevel = process.env.TEST_LOG_LEVEL ?? 'silent';
  const databases = Object.fromEntries(
    await Promise.all((Object.keys(DEFINITIONS) as ContextName[]).map(async (name) => [name, await freshDatabaseUrl(name)] as const)),
  ) as Record<ContextName, string>;

  const eventsDatabaseUrl = await testEventsDatabaseUrl();
  const startOne = (name: ContextName, port = 0) =>
    startContextService(DEFINITIONS[name], {
      [`${name.toUpperCase()}_DATABASE_URL`]: databases[name],
      [`${name.toUpperCase()}_PORT`]: String(port),
      EVENTS_DATABASE_URL: eventsDatabaseUrl,
      LOG_LEVEL: logLevel,
      ...env,
    });
  const services = Object.fromEntries(
    await Promise.all((Object.keys(DEFINITIONS) as ContextName[]).map(async (name) => [name, await startOne(name)] as const)),
  ) as Record<ContextName, RunningService>;

  const taskQueue = `orders-test-${randomUUID()}`;
  const shared = {
    TEMPORAL_ADDRESS: temporalServer.address,
    TEMPORAL_NAMESPACE: temporalServer.namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    CUSTOMER_URL: services.customer.url,
    INVENTORY_URL: services.inventory.url,
    ORDER_URL: services.order.url,
    PAYMENT_URL: services.payment.url,
    NOTIFICATION_URL: services.notification.url,
    HTTP_CLIENT_TIMEOUT_MS: '2000',
    EVENTS_DATABASE_URL: eventsDatabaseUrl,
    LOG_LEVEL: logLevel,
    // A fixed key, so the histories recorded from these runs replay in CI.
    ...TEST_CODEC_ENV,
    ...env,
  };
  const launchWorker = async () =>
    startWorker(
      {
        ...shared,
        WORKER_PORT: '0',
        BREAKER_CONSECUTIVE_FAILURES: String(TEST_BREAKER.consecutiveFailures),
        BREAKER_HALF_OPEN_AFTER_MS: String(TEST_BREAKER.halfOpenAfterMs),
        // The worker's config, not the saga input, decides retries and timeouts; `env` may override it.
        SAGA_POLICY_JSON: JSON.stringify(TEST_SAGA_POLICY),
        ...env,
      },
      { workflowBundle: await sharedWorkflowBundle() },
    );
  let worker = await launchWorker();
  const gatewayEnv: Record<string, string> = {
    ...(shared as Record<string, string>),
    GATEWAY_PORT: '0',
    JWT_SECRET: TEST_JWT_SECRET,
    // Suites share one client address; the rate-limit tests start gateways with small limits.
    AUTH_RATE_LIMIT_MAX: '100000',
    ORDER_RATE_LIMIT_MAX: '100000',
    ...(env as Record<string, string>),
  };
  const gateway = await startGateway(gatewayEnv);
  const extraGateways: RunningGateway[] = [];
  const tokens = new AccessTokens(TEST_JWT_SECRET, 3600);
  const connection = await Connection.connect({ address: temporalServer.address });
  const temporal = new Client({ connection, namespace: temporalServer.namespace, dataConverter: testDataConverter() });

  return {
    services,
    get worker() {
      return worker;
    },
    gateway,
    temporal,
    taskQueue,
    gatewayEnv,
    tokenFor: (customerId) => tokens.issue(customerId).token,
    async startGateway(overrides = {}) {
      const extra = await startGateway({ ...gatewayEnv, ...overrides });
      extraGateways.push(extra);
      return extra;
    },
    async stopService(name) {
      const port = services[name].http.port;
      await services[name].stop();
      return async () => {
        services[name] = await startOne(name, port);
      };
    },
    async stopWorker() {
      await worker.stop();
      return async () => {
        worker = await launchWorker();
      };
    },
    async stop() {
      await Promise.all(extraGateways.map((extra) => extra.stop()));
      await gateway.stop();
      await worker.stop();
      await connection.close();
      await Promise.all(Object.values(services).map((service) => service.stop()));
    },
  };
}

/** Polls `probe` (sync or async) until it returns a value, failing with `what` after the deadline. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`);
}
