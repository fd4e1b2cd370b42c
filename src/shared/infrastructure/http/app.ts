import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import Router, { type RouterContext } from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Logger } from '../logger.js';
import { isDomainError } from '../../kernel/domain-error.js';
import { HttpError, STATUS_BY_KIND, type ErrorEnvelope } from './errors.js';
import { collectProcessMetrics, httpRequestDuration, METRICS_CONTENT_TYPE, renderMetrics } from '../observability/metrics.js';
import { ORDER_ID_ATTRIBUTE, SERVICE_ATTRIBUTE, SpanStatusCode, tracingOn, withServerSpan } from '../observability/tracing.js';

export interface AppState {
  requestId: string;
  log: Logger;
  /** Set by a route polled several times a second: its successful answers are logged at debug, like probes. */
  quietLog?: boolean;
}

export type AppContext = RouterContext<AppState>;

export interface HttpAppOptions {
  logger: Logger;
  /** Routers mounted after the shared middleware. */
  routers: Router<AppState>[];
  /** `/ready` answers 200 only when this resolves true (e.g. the database answers). */
  ready: () => Promise<boolean>;
  bodyLimit?: string;
  /** Extra facts for `/health` (e.g. the worker's circuit breakers). */
  extraHealth?: () => Record<string, unknown>;
  /**
   * Middleware that must wrap everything, error answers included (security headers, CORS).
   * Mounted before the error envelope; must not throw for ordinary requests.
   */
  outermost?: Koa.Middleware<AppState>[];
  /** The `service` label of HTTP metrics and spans; defaults to the logger's name. */
  service?: string;
  /** Text appended to `/metrics` (the worker adds the Temporal SDK's own metrics). */
  extraMetrics?: () => Promise<string>;
  /**
   * Answers from memory that need nothing of what follows (request logger, body parser, routers):
   * mounted right after the metrics middleware, so they are still counted by route and status.
   * One that cannot answer calls next(). They set X-Request-Id with requestIdOf().
   */
  fromMemory?: Koa.Middleware<AppState>[];
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The caller's X-Request-Id when it is a sane one, else a new id. */
export function requestIdOf(ctx: Koa.Context): string {
  const incoming = ctx.get('x-request-id');
  return REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The shared edge of every service: request ids, JSON access logs, one error envelope, health
 * and readiness. Domain error kinds become HTTP statuses here and nowhere else.
 */
export function createHttpApp(options: HttpAppOptions): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = false;
  for (const middleware of options.outermost ?? []) app.use(middleware);

  collectProcessMetrics();
  const loggerName = (options.logger.bindings() as { name?: unknown }).name;
  const service = options.service ?? (typeof loggerName === 'string' ? loggerName : 'unknown');
  // Outside the request-id/error middleware, so the span and the histogram see the final status.
  app.use(async (ctx, next) => {
    const started = performance.now();
    const observe = () => {
      // The route template (`/orders/:id`), never the raw path: bounded label values.
      const route = typeof ctx._matchedRoute === 'string' ? ctx._matchedRoute : 'unmatched';
      httpRequestDuration.observe({ service, method: ctx.method, route, status: String(ctx.status) }, (performance.now() - started) / 1000);
      return route;
    };
    if (!tracingOn()) {
      try {
        await next();
      } finally {
        observe();
      }
      return;
    }
    await withServerSpan(ctx.headers, ctx.method, { 'http.request.method': ctx.method, [SERVICE_ATTRIBUTE]: service }, async (span) => {
      try {
        await next();
      } finally {
        const route = observe();
        span.updateName(`${ctx.method} ${route}`);
        span.setAttributes({ 'http.route': route, 'http.response.status_code': ctx.status });
        const orderId = orderIdOf(ctx as AppContext);
        if (orderId) span.setAttribute(ORDER_ID_ATTRIBUTE, orderId);
        if (ctx.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
    });
  });

  for (const middleware of options.fromMemory ?? []) app.use(middleware);

  app.use(async (ctx, next) => {
    ctx.state.requestId = requestIdOf(ctx);
    ctx.state.log = options.logger.child({ requestId: ctx.state.requestId });
    ctx.set('x-request-id', ctx.state.requestId);
    const started = performance.now();
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new HttpError(404, 'HTTP.NOT_FOUND', `No route for ${ctx.method} ${ctx.path}`);
      }
    } catch (error) {
      writeError(ctx as AppContext, error);
    } finally {
      // Probes arrive every few seconds from orchestrators; they would drown the real traffic.
      const probe = ctx.path === '/health' || ctx.path === '/ready' || ctx.state.quietLog === true;
      ctx.state.log[probe && ctx.status < 400 ? 'debug' : 'info'](
        { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) },
        'request',
      );
    }
  });

  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: options.bodyLimit ?? '100kb',
      encoding: 'utf-8',
      onError: (error: Error & { status?: number; type?: string }) => {
        if (error.status === 413 || error.type === 'entity.too.large') {
          throw new HttpError(413, 'HTTP.PAYLOAD_TOO_LARGE', 'Request body is too large');
        }
        throw new HttpError(400, 'HTTP.MALFORMED_JSON', 'Request body is not valid JSON');
      },
    }),
  );

  const probes = new Router<AppState>();
  // Scraped by Prometheus; served by every deployable on its own port, next to /health.
  probes.get('/metrics', async (ctx) => {
    const extra = await options.extraMetrics?.().catch((error: unknown) => {
      ctx.state.log.warn({ err: error }, 'extra metrics unavailable');
      return '';
    });
    ctx.type = METRICS_CONTENT_TYPE;
    ctx.body = (await renderMetrics()) + (extra ?? '');
  });
  probes.get('/health', (ctx) => {
    ctx.body = { status: 'ok', ...options.extraHealth?.() };
  });
  probes.get('/ready', async (ctx) => {
    const ready = await options.ready().catch(() => false);
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not_ready' };
  });
  // Mounted before the routers, so that it looks at what all of them matched once they are done.
  app.use(methodsOfMatchedRoutes());
  app.use(probes.routes());
  for (const router of options.routers) app.use(router.routes());
  return app;
}

/**
 * A path that some route serves, asked with a method none of its routes takes: OPTIONS lists the
 * methods (204 + Allow), anything else is 405 + Allow. A path no route serves stays a 404, whatever
 * the method. Runs after every router (probes included), from the routes they matched by path.
 *
 * Not koa/router's allowedMethods(): it treats each method outside its fixed list (TRACE, PROPFIND,
 * ...) as 501, even on paths no route serves, and in throw mode its 501 is a non-exposed error that
 * became our 500 and its 405 carried no Allow header.
 */
function methodsOfMatchedRoutes(): Koa.Middleware<AppState> {
  return async (koaContext, next) => {
    await next();
    const ctx = koaContext as AppContext;
    if (ctx.status !== 404 || ctx.body !== undefined) return;
    const allowed = new Set((ctx.matched ?? []).flatMap((layer) => layer.methods));
    if (allowed.size === 0 || allowed.has(ctx.method)) return;
    allowed.add('OPTIONS');
    const allow = [...allowed].join(', ');
    if (ctx.method === 'OPTIONS') {
      ctx.set('Allow', allow);
      ctx.status = 204;
      return;
    }
    throw new HttpError(405, 'HTTP.METHOD_NOT_ALLOWED', `${ctx.method} is not allowed here; allowed: ${allow}`, undefined, {
      Allow: allow,
    });
  };
}

/** The order a request is about, from its route (`:orderId`) or its answer (`{ orderId }`). */
function orderIdOf(ctx: AppContext): string | undefined {
  const fromParams = (ctx.params as Record<string, string> | undefined)?.orderId;
  if (fromParams) return fromParams;
  for (const body of [ctx.request.body, ctx.body]) {
    const orderId = (body as { orderId?: unknown } | undefined)?.orderId;
    if (typeof orderId === 'string') return orderId;
  }
  return undefined;
}

function writeError(ctx: AppContext, error: unknown): void {
  let status: number;
  let envelope: ErrorEnvelope;
  if (isDomainError(error)) {
    status = STATUS_BY_KIND[error.kind];
    envelope = { error: { code: error.code, message: error.message, details: error.details } };
  } else if (error instanceof HttpError) {
    status = error.status;
    envelope = { error: { code: error.code, message: error.message, details: error.details } };
    for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
  } else if (isClientError(error)) {
    // Exposed http-errors (ctx.throw(4xx) in third-party middleware) are the client's doing.
    status = error.status;
    envelope = { error: { code: `HTTP.${status}`, message: error.message } };
  } else {
    status = 500;
    envelope = { error: { code: 'INTERNAL', message: 'Internal error' } };
    ctx.state.log?.error({ err: error }, 'unhandled error (a 500 is a bug)');
  }
  ctx.status = status;
  ctx.body = envelope;
}

function isClientError(error: unknown): error is { status: number; message: string } {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && (error as { expose?: boolean }).expose === true;
}
