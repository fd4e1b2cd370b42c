import { hkdfSync } from 'node:crypto';
import path from 'node:path';
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
import { ORDER_TASK_QUEUE } from '../../workflows/order-saga.messages.js';

/**
 * Local development only: anyone who reads this file can mint tokens. With NODE_ENV=production
 * the gateway refuses to start on it (or on any secret shorter than MIN_SECRET_BYTES).
 */
export const INSECURE_DEV_JWT_SECRET = 'sagashop-dev-only-insecure-jwt-secret-do-not-deploy';
export const MIN_SECRET_BYTES = 32;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `15m`, `2h`, `1d` -> seconds. Bounded so a typo cannot mint year-long tokens. */
const tokenTtl = z
  .string()
  .trim()
  .default('2h')
  .transform((text, ctx) => {
    const match = /^(\d+)\s*([smhd]?)$/.exec(text);
    const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's'] : Number.NaN;
    if (!(seconds >= 10 && seconds <= 7 * 86_400)) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration like 900, 15m, 2h or 1d, between 10s and 7d' });
      return z.NEVER;
    }
    return seconds;
  });

const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** Comma-separated emails, trimmed and lower-cased; empty = none. */
const emailList = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()));

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

export const gatewayConfigSchema = z.object({
  NODE_ENV: z.string().default('development'),
  GATEWAY_PORT: port(DEFAULT_PORTS.gateway),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: logLevel,
  ...temporalClientEnv,
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(ORDER_TASK_QUEUE),
  ...downstreamServicesEnv,

  /** HS256 signing key of the access tokens; every gateway instance must share it. */
  JWT_SECRET: z.string().default(INSECURE_DEV_JWT_SECRET),
  /**
   * Key of the request HMAC in the idempotency memo; every gateway instance must share it. Unset:
   * derived from JWT_SECRET (so production never runs on a public default); set it to rotate
   * JWT_SECRET without turning retries of earlier orders into IDEMPOTENCY.KEY_REUSED.
   */
  IDEMPOTENCY_HMAC_SECRET: z.string().optional(),
  JWT_TTL: tokenTtl,
  /**
   * Accounts whose tokens carry the operator role (besides those granted with `npm run
   * operator:grant -- <email>`); read at each log-in, so the list changes with a restart.
   */
  OPERATOR_EMAILS: emailList,
  /**
   * How often an open operator socket's role is checked again (operator HTTP calls check it on
   * every call): a revoked role leaves the operator room, a deactivated account is disconnected.
   */
  OPERATOR_SOCKET_RECHECK_MS: positiveInt(10_000, 3_600_000),
  /** socket.io connections one customer may hold on one gateway process; more are refused (SOCKET.TOO_MANY). */
  SOCKETS_PER_CUSTOMER_MAX: positiveInt(20, 10_000),
  /** The storefront's origin: the only one CORS lets in (socket.io too). */
  WEB_ORIGIN: z
    .url()
    .default('http://127.0.0.1:5173')
    .transform((url) => new URL(url).origin),
  /** Trust X-Forwarded-For (only behind a proxy that sets it), so per-IP limits see the client. */
  TRUST_PROXY: booleanFlag,
  AUTH_RATE_LIMIT_MAX: positiveInt(20, 1_000_000),
  AUTH_RATE_LIMIT_WINDOW_MS: positiveInt(60_000, 86_400_000),
  ORDER_RATE_LIMIT_MAX: positiveInt(30, 1_000_000),
  ORDER_RATE_LIMIT_WINDOW_MS: positiveInt(60_000, 86_400_000),
  /** Set: rate limits live in Redis and are shared by every gateway; unset: per process, in memory. */
  REDIS_URL: optionalUrl,
  /** The socket.io adapter's database, shared with the producers; unset = the embedded Postgres. */
  EVENTS_DATABASE_URL: optionalUrl,
  /** A built storefront (web/dist) to serve on every non-API path; unset = API only. */
  WEB_DIST_DIR: z
    .string()
    .trim()
    .optional()
    .transform((dir) => (dir ? path.resolve(dir) : undefined)),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/**
 * Parses the env and refuses a guessable signing key in production. The secret check runs here,
 * not in the schema, because a schema failure message echoes the offending value.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const config = parseConfig(gatewayConfigSchema, env);
  if (config.NODE_ENV === 'production') {
    const problem =
      config.JWT_SECRET === INSECURE_DEV_JWT_SECRET
        ? 'must be set in production (the default is public)'
        : Buffer.byteLength(config.JWT_SECRET) < MIN_SECRET_BYTES
          ? `must be at least ${MIN_SECRET_BYTES} bytes in production (e.g. openssl rand -base64 48)`
          : undefined;
    if (problem) throw new ConfigError(`Invalid configuration:\n  JWT_SECRET: ${problem}`);
    if (config.IDEMPOTENCY_HMAC_SECRET !== undefined && Buffer.byteLength(config.IDEMPOTENCY_HMAC_SECRET) < MIN_SECRET_BYTES) {
      throw new ConfigError(
        `Invalid configuration:\n  IDEMPOTENCY_HMAC_SECRET: must be at least ${MIN_SECRET_BYTES} bytes in production ` +
          '(or unset: derived from JWT_SECRET)',
      );
    }
  }
  return config;
}

/**
 * The HMAC key of the idempotency request hash: HKDF-SHA256 over IDEMPOTENCY_HMAC_SECRET, or over
 * JWT_SECRET when that is unset. The label keeps the derived key unrelated to the token-signing
 * key, so neither use can stand in for the other.
 */
export function idempotencyHmacKey(config: Pick<GatewayConfig, 'JWT_SECRET' | 'IDEMPOTENCY_HMAC_SECRET'>): Buffer {
  const secret = config.IDEMPOTENCY_HMAC_SECRET || config.JWT_SECRET;
  return Buffer.from(hkdfSync('sha256', secret, '', 'sagashop/idempotency-request-hmac/v1', 32));
}
