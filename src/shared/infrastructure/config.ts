import { z } from 'zod';

/**
 * Every app parses its env once at start-up. A bad value stops the process with a message that
 * names the variable, instead of failing later somewhere far from the cause.
 */
export class ConfigError extends Error {}

export function parseConfig<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(env)';
    return `  ${variable}: ${issue.message} (got ${JSON.stringify(env[variable] ?? null)})`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.url().optional())
  .optional();

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');

/** Ports each context listens on when run locally; 0 in tests. */
export const DEFAULT_PORTS = {
  gateway: 3000,
  customer: 3101,
  inventory: 3102,
  order: 3103,
  payment: 3104,
  notification: 3105,
  worker: 3106,
} as const;

const serviceUrl = (name: keyof typeof DEFAULT_PORTS) => z.url().default(`http://127.0.0.1:${DEFAULT_PORTS[name]}`);

/** Env of every process that calls the context services over their contracts (worker, gateway). */
export const downstreamServicesEnv = {
  CUSTOMER_URL: serviceUrl('customer'),
  INVENTORY_URL: serviceUrl('inventory'),
  ORDER_URL: serviceUrl('order'),
  PAYMENT_URL: serviceUrl('payment'),
  NOTIFICATION_URL: serviceUrl('notification'),
  /** Per-request timeout of the HTTP adapters; an activity's own timeout bounds its whole attempt. */
  HTTP_CLIENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
};

/** Env of every Temporal client (worker, gateway). */
export const temporalClientEnv = {
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /**
   * Payload encryption keys, `id:base64key[,id:base64key...]` (32-byte keys), shared by every
   * worker and client. Checked by loadCodecKeyring (temporal/codec-keys.ts), not here: a schema
   * error would echo the value. Unset outside production: a key generated once under .data/.
   */
  TEMPORAL_CODEC_KEYS: z.string().optional(),
  /** The key new payloads get; the others only decrypt (rotation). Optional with a single key. */
  TEMPORAL_CODEC_KEY_ID: z.string().optional(),
};
