import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time.js';
import { z } from 'zod';
import {
  ConfigError,
  DEFAULT_PORTS,
  logLevel,
  optionalUrl,
  parseConfig,
  port,
  downstreamServicesEnv,
  temporalClientEnv,
} from '../../shared/infrastructure/config.js';
import type { CodecAccess } from '../../shared/infrastructure/temporal/codec-endpoint.js';
import { ORDER_TASK_QUEUE } from '../../workflows/order-saga.messages.js';
import { SAGA_ACTIVITY_MODES, type SagaPolicyOverrides } from '../../workflows/order-saga.policy.js';

/** Same floor as the gateway's JWT_SECRET: a bearer token worth guessing must not be guessable. */
export const MIN_CODEC_TOKEN_BYTES = 32;

/** Comma-separated URLs -> their origins (what a browser sends in `Origin`). */
const origins = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url().transform((url) => new URL(url).origin)).min(1));

/**
 * A Temporal duration ('5 seconds', '500 ms', '15m') or milliseconds, checked here with Temporal's
 * own parser: a typo must stop the worker at start-up, not fail every saga's first workflow task.
 */
const duration = z.union([z.string(), z.number()]).refine(
  (value) => {
    try {
      return msToNumber(value as Duration) > 0;
    } catch {
      return false;
    }
  },
  { message: "must be a positive Temporal duration like '5 seconds', '500 ms' or a number of milliseconds" },
);

const retryPolicy = z.strictObject({
  initialInterval: duration.optional(),
  backoffCoefficient: z.number().min(1).optional(),
  maximumInterval: duration.optional(),
  maximumAttempts: z.number().int().min(0).optional(),
});

/**
 * Overrides of the saga's retries and timeouts (tests and demos); unset means production
 * defaults. The worker's, not the gateway's: each saga reads it once through the sagaPolicy local
 * activity (src/activities/saga-policy.activities.ts), so a change reaches only new sagas.
 */
const sagaPolicyJson = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .strictObject({
        activityStartToClose: duration.optional(),
        paymentStartToClose: duration.optional(),
        forwardRetry: retryPolicy.optional(),
        paymentRetry: retryPolicy.optional(),
        compensationRetry: retryPolicy.optional(),
        paymentConfirmationTimeout: duration.optional(),
      })
      .optional(),
  )
  .transform((policy) => policy as SagaPolicyOverrides | undefined);

export const workerConfigSchema = z.object({
  NODE_ENV: z.string().default('development'),
  ...temporalClientEnv,
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(ORDER_TASK_QUEUE),
  ...downstreamServicesEnv,
  BREAKER_CONSECUTIVE_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  BREAKER_HALF_OPEN_AFTER_MS: z.coerce.number().int().min(50).max(3_600_000).default(10_000),
  SAGA_POLICY_JSON: sagaPolicyJson,
  /** Forward steps as local or regular activities (ADR 0005); unset = the policy's default. Recorded per saga like the policy. */
  SAGA_ACTIVITY_MODE: z.enum(SAGA_ACTIVITY_MODES).optional(),
  /** Shared with the gateways' socket.io adapter; unset = the embedded Postgres. */
  EVENTS_DATABASE_URL: optionalUrl,
  WORKER_PORT: port(DEFAULT_PORTS.worker),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: logLevel,
  /**
   * Bearer token of the codec endpoint (`/codec/encode`, `/codec/decode`). Unset: development
   * answers only the Temporal UI on loopback, production answers nobody. See docs/temporal-codec.md.
   */
  TEMPORAL_CODEC_AUTH_TOKEN: z.string().optional(),
  /** The Temporal UI's origins: CORS lets them call the codec endpoint. */
  TEMPORAL_UI_ORIGINS: origins.default(['http://127.0.0.1:8233', 'http://localhost:8233']),
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/**
 * Parses the env and refuses a guessable codec token in production. Checked here, not in the
 * schema, because a schema failure message echoes the offending value.
 */
export function loadWorkerConfig(env: NodeJS.ProcessEnv): WorkerConfig {
  const config = parseConfig(workerConfigSchema, env);
  const token = config.TEMPORAL_CODEC_AUTH_TOKEN;
  if (config.NODE_ENV === 'production' && token && Buffer.byteLength(token) < MIN_CODEC_TOKEN_BYTES) {
    throw new ConfigError(
      `Invalid configuration:\n  TEMPORAL_CODEC_AUTH_TOKEN: must be at least ${MIN_CODEC_TOKEN_BYTES} bytes in production ` +
        '(e.g. openssl rand -base64 48)',
    );
  }
  return config;
}

/** Who may use the codec endpoint (codec-endpoint.ts explains each mode). */
export function codecAccess(config: Pick<WorkerConfig, 'NODE_ENV' | 'TEMPORAL_CODEC_AUTH_TOKEN'>): CodecAccess {
  if (config.TEMPORAL_CODEC_AUTH_TOKEN) return { mode: 'token', token: config.TEMPORAL_CODEC_AUTH_TOKEN };
  return config.NODE_ENV === 'production' ? { mode: 'disabled' } : { mode: 'loopback-ui' };
}
