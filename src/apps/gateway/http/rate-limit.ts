import type { Context, Middleware } from 'koa';
import ratelimit from 'koa-ratelimit';
import { Redis } from 'ioredis';
import type { AppState } from '../../../shared/infrastructure/http/app.js';
import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import type { Logger } from '../../../shared/infrastructure/logger.js';
import { rateLimitRejections } from '../../../shared/infrastructure/observability/metrics.js';

/**
 * Where counters live. Memory (a Map) is per process: two gateways count separately. Redis is
 * shared: with REDIS_URL set, every gateway draws from the same budget per client.
 */
export type LimitStore =
  { driver: 'memory'; db: Map<string, { reset: number }>; close(): Promise<void> } | { driver: 'redis'; db: Redis; close(): Promise<void> };

export function createLimitStore(redisUrl: string | undefined, logger: Logger): LimitStore {
  if (redisUrl) {
    const db = new Redis(redisUrl, {
      // A slow or absent Redis must not hold requests: fail fast, then fail open (see below).
      connectTimeout: 2_000,
      commandTimeout: 1_000,
      maxRetriesPerRequest: 1,
    });
    db.on('error', (error) => logger.warn({ err: error }, 'rate limit store (redis) error'));
    return {
      driver: 'redis',
      db,
      close: async () => {
        await db.quit().catch(() => db.disconnect());
      },
    };
  }
  // koa-ratelimit's memory driver resets an entry when it is next used but never forgets one;
  // sweep expired entries so one-off clients (every IP that ever called) do not pile up.
  const db = new Map<string, { reset: number }>();
  const sweeper = setInterval(() => {
    const now = Date.now() / 1000;
    for (const [key, entry] of db) if (entry.reset < now) db.delete(key);
  }, 60_000);
  sweeper.unref();
  return {
    driver: 'memory',
    db,
    close: () => {
      clearInterval(sweeper);
      return Promise.resolve();
    },
  };
}

export interface RateLimitRule {
  /** Separates the counters of different rules in one store. */
  name: string;
  max: number;
  windowMs: number;
  /** Whose budget a request draws from (client IP, customer id). */
  key: (ctx: Context) => string;
}

export const RATE_LIMIT_HEADERS = { limit: 'RateLimit-Limit', remaining: 'RateLimit-Remaining', reset: 'RateLimit-Reset' } as const;

/**
 * koa-ratelimit with our edges: a 429 in the one error envelope (code RATE_LIMITED) with
 * Retry-After, RateLimit-Limit/Remaining/Reset headers whose Reset is seconds from now (as in
 * the IETF draft; koa-ratelimit writes an epoch time), and a store failure that lets the
 * request through with a logged error rather than answering 500.
 */
export function rateLimit(store: LimitStore, rule: RateLimitRule, logger: Logger): Middleware<AppState> {
  const limiter = ratelimit({
    driver: store.driver,
    db: store.db,
    duration: rule.windowMs,
    max: rule.max,
    namespace: `sagashop:ratelimit:${rule.name}`,
    id: (ctx) => rule.key(ctx),
    headers: { total: RATE_LIMIT_HEADERS.limit, remaining: RATE_LIMIT_HEADERS.remaining, reset: RATE_LIMIT_HEADERS.reset },
  });

  return async (ctx, next) => {
    let admitted = false;
    try {
      await limiter(ctx, async () => {
        admitted = true;
        resetAsDelta(ctx);
        await next();
      });
    } catch (error) {
      if (admitted) throw error; // the route's own failure
      logger.error({ err: error, rule: rule.name }, 'rate limit store failed; letting the request through');
      await next();
      return;
    }
    if (admitted) return;
    rateLimitRejections.inc({ rule: rule.name });
    const retryAfter = resetAsDelta(ctx);
    throw new HttpError(
      429,
      'RATE_LIMITED',
      `Too many requests; try again in ${retryAfter} s`,
      { retryAfterSeconds: retryAfter, limit: rule.max, windowSeconds: Math.ceil(rule.windowMs / 1000) },
      { 'Retry-After': String(retryAfter) },
    );
  };
}

/** Rewrites RateLimit-Reset from an epoch time to whole seconds from now (at least 1); returns it. */
function resetAsDelta(ctx: Context): number {
  const epochSeconds = Number(ctx.response.get(RATE_LIMIT_HEADERS.reset));
  const delta = Number.isFinite(epochSeconds) ? Math.max(1, Math.ceil(epochSeconds - Date.now() / 1000)) : 1;
  ctx.set(RATE_LIMIT_HEADERS.reset, String(delta));
  return delta;
}
