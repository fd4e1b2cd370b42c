import type Koa from 'koa';
import { requestIdOf, type AppContext, type AppState } from '../../../shared/infrastructure/http/app.js';
import type { CatalogCache, Tagged } from '../catalog-cache.js';
import { setCatalogCaching } from '../routes/catalog.routes.js';
import { ProductsQuerySchema, SkuParamsSchema } from '../schemas/catalog.schemas.js';
import { API_PREFIX } from './route-table.js';

const PRODUCTS = `${API_PREFIX}/products`;
const PRODUCT = new RegExp(`^${PRODUCTS}/([^/]+)$`);

/**
 * The catalog pages a sale hammers, answered straight from the gateway's cache while it holds a
 * fresh copy: the JSON serialised once per load, the same headers and ETag/304 as the routes in
 * catalog.routes.ts, without the per-request logger, body parser and router. Anything else (a miss,
 * an invalid query, another path) goes on to those routes, which load, validate and answer errors.
 * Counted in the HTTP metrics under the routes' own templates; not written to the access log line
 * by line (thousands a second in a sale).
 */
export function cachedCatalogReads(catalog: CatalogCache): Koa.Middleware<AppState> {
  return async (koaContext, next) => {
    const ctx = koaContext as AppContext;
    const hit = ctx.method === 'GET' || ctx.method === 'HEAD' ? lookup(catalog, ctx) : undefined;
    if (!hit) {
      await next();
      return;
    }
    ctx.set('X-Request-Id', requestIdOf(ctx));
    setCatalogCaching(ctx, hit.answer.etag);
    ctx.status = 200;
    ctx.type = 'application/json';
    ctx.body = hit.answer.json;
    // For the HTTP metrics, as if the router had matched.
    ctx._matchedRoute = hit.route;
    if (ctx.fresh) ctx.status = 304;
  };
}

function lookup(catalog: CatalogCache, ctx: AppContext): { answer: Tagged<unknown>; route: string } | undefined {
  if (ctx.path === PRODUCTS) {
    const query = ProductsQuerySchema.safeParse(ctx.query);
    const answer = query.success ? catalog.peekProducts(query.data) : undefined;
    return answer && { answer, route: PRODUCTS };
  }
  const sku = PRODUCT.exec(ctx.path)?.[1];
  if (sku === undefined) return undefined;
  const params = SkuParamsSchema.safeParse({ sku: decodeURIComponentSafe(sku) });
  const answer = params.success ? catalog.peekProduct(params.data.sku) : undefined;
  return answer && { answer, route: `${PRODUCTS}/:sku` };
}

function decodeURIComponentSafe(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
