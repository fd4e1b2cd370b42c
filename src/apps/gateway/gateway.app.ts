import type Router from '@koa/router';
import type Koa from 'koa';
import { createHttpApp, type AppState } from '../../shared/infrastructure/http/app.js';
import type { Logger } from '../../shared/infrastructure/logger.js';
import { authenticate, principalOf } from './auth/authenticate.js';
import { currentStanding, requireRole } from './auth/roles.js';
import type { GatewayConfig } from './gateway.config.js';
import { cachedCatalogReads } from './http/cached-reads.js';
import { buildOpenApiDocument, type OpenApiDocument } from './http/openapi.js';
import { rateLimit, type LimitStore } from './http/rate-limit.js';
import { buildRouter, type AnyRoute } from './http/route-table.js';
import { corsForWebOrigin, securityHeaders } from './http/security.js';
import { webApp } from './http/web-app.js';
import { authRoutes } from './routes/auth.routes.js';
import { catalogRoutes } from './routes/catalog.routes.js';
import { docsRoutes } from './routes/docs.routes.js';
import type { GatewayDependencies } from './routes/gateway-dependencies.js';
import { notificationRoutes } from './routes/notification.routes.js';
import { operatorRoutes } from './routes/operator.routes.js';
import { orderRoutes } from './routes/order.routes.js';

export const API_VERSION = '1.0.0';

/** Public bodies are small JSON documents; anything bigger is refused with 413 before parsing. */
export const BODY_LIMIT = '64kb';

export interface GatewayHttp {
  app: Koa<AppState>;
  router: Router<AppState>;
  routes: readonly AnyRoute[];
  document: OpenApiDocument;
}

/** The gateway's Koa app: one route table, turned into the router and the OpenAPI document. */
export function createGatewayApp(
  deps: GatewayDependencies,
  options: { config: GatewayConfig; logger: Logger; limitStore: LimitStore; ready: () => Promise<boolean> },
): GatewayHttp {
  const { config, logger, limitStore } = options;
  const limitLog = logger.child({ component: 'rate-limit' });
  const rateLimits = {
    // Brute force on passwords (and mass sign-up) is per client address.
    auth: rateLimit(
      limitStore,
      { name: 'auth', max: config.AUTH_RATE_LIMIT_MAX, windowMs: config.AUTH_RATE_LIMIT_WINDOW_MS, key: (ctx) => ctx.ip },
      limitLog,
    ),
    // Placing orders is per customer (behind authenticate): one shopper cannot flood the saga.
    orders: rateLimit(
      limitStore,
      {
        name: 'orders',
        max: config.ORDER_RATE_LIMIT_MAX,
        windowMs: config.ORDER_RATE_LIMIT_WINDOW_MS,
        key: (ctx) => principalOf(ctx).customerId,
      },
      limitLog,
    ),
  };

  // The docs route serves the document built from every route, itself included: it reads it at request time.
  const routes: AnyRoute[] = [
    ...authRoutes(deps),
    ...catalogRoutes(deps),
    ...orderRoutes(deps),
    ...notificationRoutes(deps),
    ...operatorRoutes(deps),
    ...docsRoutes(() => document as unknown as Record<string, unknown>),
  ];
  const document: OpenApiDocument = buildOpenApiDocument(routes, { version: API_VERSION });
  const standing = currentStanding(deps.customers, deps.roles);
  const router = buildRouter(routes, {
    authenticate: authenticate(deps.tokens),
    requireRole: (role) => requireRole(role, standing),
    rateLimits,
  });

  const app = createHttpApp({
    logger,
    routers: [router],
    ready: options.ready,
    bodyLimit: BODY_LIMIT,
    // Outermost, so that error answers (404, 413, 500) carry the security headers and CORS too.
    outermost: [securityHeaders({ https: config.NODE_ENV === 'production' }), corsForWebOrigin(config.WEB_ORIGIN)],
    fromMemory: deps.catalog ? [cachedCatalogReads(deps.catalog)] : [],
  });
  app.proxy = config.TRUST_PROXY;
  if (config.WEB_DIST_DIR) app.use(webApp(config.WEB_DIST_DIR));
  return { app, router, routes, document };
}
