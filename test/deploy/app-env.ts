import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { customerConfigSchema, loadCustomerConfig } from '../../src/apps/customer/customer.config.js';
import { gatewayConfigSchema, loadGatewayConfig } from '../../src/apps/gateway/gateway.config.js';
import { inventoryConfigSchema, loadInventoryConfig } from '../../src/apps/inventory/inventory.config.js';
import { loadNotificationConfig, notificationConfigSchema } from '../../src/apps/notification/notification.config.js';
import { loadOrderConfig, orderConfigSchema } from '../../src/apps/order/order.config.js';
import { loadPaymentConfig, paymentServiceConfigSchema, paymentSimulatorConfigSchema } from '../../src/apps/payment/payment.config.js';
import { loadWorkerConfig, workerConfigSchema } from '../../src/apps/worker/worker.config.js';
import { DEFAULT_PORTS } from '../../src/shared/infrastructure/config.js';
import { loadCodecKeyring } from '../../src/shared/infrastructure/temporal/codec-keys.js';

/**
 * What a deployment (docker-compose.yml, deploy/k8s) must give each deployable, read from the
 * apps' own config schemas so that a variable added to an app is checked here without a second
 * list: the compose and k8s tests hand every container's env to these checks.
 */
export const DEPLOYABLES = ['gateway', 'worker', 'customer', 'inventory', 'order', 'payment', 'notification'] as const;
export type Deployable = (typeof DEPLOYABLES)[number];

export const isDeployable = (name: string): name is Deployable => (DEPLOYABLES as readonly string[]).includes(name);

const SCHEMAS: Record<Deployable, z.ZodType[]> = {
  gateway: [gatewayConfigSchema],
  worker: [workerConfigSchema],
  customer: [customerConfigSchema],
  inventory: [inventoryConfigSchema],
  order: [orderConfigSchema],
  payment: [paymentServiceConfigSchema, paymentSimulatorConfigSchema],
  notification: [notificationConfigSchema],
};

// Outside production the keyring falls back to a key file it writes: never into the repo's .data from here.
const keyring = (env: NodeJS.ProcessEnv) => loadCodecKeyring(env, { dataDir: path.join(tmpdir(), 'sagashop-deploy-test') });

/** The apps' own start-up checks (production secrets included), run on the env a deployment gives. */
const LOADERS: Record<Deployable, (env: NodeJS.ProcessEnv) => unknown> = {
  gateway: (env) => [loadGatewayConfig(env), keyring(env)],
  worker: (env) => [loadWorkerConfig(env), keyring(env)],
  customer: loadCustomerConfig,
  inventory: loadInventoryConfig,
  order: loadOrderConfig,
  payment: loadPaymentConfig,
  notification: loadNotificationConfig,
};

/** Read outside the zod schemas: the image (NODE_ENV) and the tracer (src/shared/infrastructure/observability). */
const READ_OUTSIDE_SCHEMAS = ['NODE_ENV', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_SERVICE_NAME'];

/** Must be set in every deployment although the apps run without them: traces would go nowhere. */
const DEPLOYMENT_ONLY = ['NODE_ENV', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME'];

/** The port each deployable listens on, and the variable that moves it. */
export const PORT_VARIABLE: Record<Deployable, string> = {
  gateway: 'GATEWAY_PORT',
  worker: 'WORKER_PORT',
  customer: 'CUSTOMER_PORT',
  inventory: 'INVENTORY_PORT',
  order: 'ORDER_PORT',
  payment: 'PAYMENT_PORT',
  notification: 'NOTIFICATION_PORT',
};

export function listenPort(app: Deployable, env: Record<string, string | undefined>): number {
  return Number(env[PORT_VARIABLE[app]] ?? DEFAULT_PORTS[app]);
}

/** Secrets a test may put where a deployment takes them from its operator (`${JWT_SECRET:?...}`, a Secret). */
export const TEST_SECRETS = {
  JWT_SECRET: randomBytes(48).toString('base64'),
  TEMPORAL_CODEC_KEYS: `test:${randomBytes(32).toString('base64')}`,
};

/** Every env variable a schema reads, with the schema of its value. */
function fieldsOf(schema: z.ZodType): Map<string, z.ZodType> {
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = schema.shape;
    return new Map(Object.entries(shape));
  }
  if (schema instanceof z.ZodPipe) return fieldsOf(schema.in as z.ZodType);
  if (schema instanceof z.ZodIntersection) {
    return new Map([...fieldsOf(schema.def.left as z.ZodType), ...fieldsOf(schema.def.right as z.ZodType)]);
  }
  throw new Error(`fieldsOf: a config schema of type ${schema.def.type} is not understood; teach test/deploy/app-env.ts`);
}

export function variablesRead(app: Deployable): Set<string> {
  return new Set([...SCHEMAS[app].flatMap((schema) => [...fieldsOf(schema).keys()]), ...READ_OUTSIDE_SCHEMAS]);
}

const LOOPBACK = /127\.0\.0\.1|localhost|\[::1\]/;

/**
 * Why a variable must be set in a deployment, or undefined when its default is fine there: no
 * default at all; a default that points at this machine (fine for `npm start`, wrong in a
 * container); or, for a database or Redis URL, "unset" meaning an embedded Postgres or a
 * per-process store that the other replicas cannot see.
 */
function whyRequired(name: string, field: z.ZodType): string | undefined {
  const local = field.safeParse(undefined);
  if (!local.success) return 'it has no default';
  if (LOOPBACK.test(JSON.stringify(local.data) ?? '')) return `its default ${JSON.stringify(local.data)} is this machine`;
  if (local.data === undefined && /(_DATABASE_URL|^REDIS_URL)$/.test(name)) {
    return 'unset means an embedded Postgres or a per-process store';
  }
  return undefined;
}

/** Problems with the env a deployment gives one container of `app`; empty when it would start right. */
export function envProblems(app: Deployable, env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const read = variablesRead(app);
  for (const schema of SCHEMAS[app]) {
    for (const [name, field] of fieldsOf(schema)) {
      const reason = whyRequired(name, field);
      if (reason && !env[name]) problems.push(`${name} is not set (${reason})`);
    }
  }
  for (const name of DEPLOYMENT_ONLY) if (!env[name]) problems.push(`${name} is not set`);
  for (const name of Object.keys(env)) {
    if (!read.has(name)) problems.push(`${name} is set but ${app} never reads it (a typo?)`);
  }
  try {
    LOADERS[app]({ ...env });
  } catch (error) {
    problems.push(`${app} would refuse to start: ${(error as Error).message}`);
  }
  return problems;
}
