import { TEST_CARDS } from '../../../contexts/payment/contract.js';
import type { AppContext } from '../../../shared/infrastructure/http/app.js';
import { CatalogCache, type Tagged } from '../catalog-cache.js';
import { downstream } from '../http/downstream.js';
import { route, type AnyRoute } from '../http/route-table.js';
import { ProductPageSchema, ProductSchema, ProductsQuerySchema, SkuParamsSchema, TestCardsSchema } from '../schemas/catalog.schemas.js';
import type { GatewayDependencies } from './gateway-dependencies.js';

const TAG = 'Catalog';

/**
 * Stock is live, so browsers and proxies may keep a copy but must ask again each time: with the
 * ETag that costs a 304 without a body while nothing changed. (A max-age would add its own
 * staleness on top of the gateway's second.)
 */
export const CATALOG_CACHE_CONTROL = 'public, no-cache';

const CACHING_HEADERS = {
  ETag: 'validator of this answer: send it back in If-None-Match to get a 304 while nothing changed',
  'Cache-Control': `\`${CATALOG_CACHE_CONTROL}\`: keep, but revalidate before every use (stock is live)`,
};

/** The caching headers of every catalog answer, from the routes or from the gateway's memory (cached-reads.ts). */
export function setCatalogCaching(ctx: AppContext, etag: string): void {
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', CATALOG_CACHE_CONTROL);
}

/** Tags the answer; the route table turns it into a 304 when the client's If-None-Match matches. */
function tagged<T>(ctx: AppContext, { value, etag }: Tagged<T>): T {
  setCatalogCaching(ctx, etag);
  return value;
}

/** Public, no token: what can be bought, and which cards the simulated provider knows. */
export function catalogRoutes(deps: GatewayDependencies): AnyRoute[] {
  // Without a cache (some tests), every read goes to inventory, still tagged.
  const catalog = deps.catalog ?? new CatalogCache(deps.inventory, { maxAgeMs: 0 });
  return [
    route({
      method: 'get',
      path: '/products',
      operationId: 'listProducts',
      tag: TAG,
      summary: 'Products with their live stock',
      auth: false,
      request: { query: ProductsQuerySchema },
      response: { status: 200, description: 'A page of products', schema: ProductPageSchema, headers: CACHING_HEADERS },
      handle: async ({ query, ctx }) => tagged(ctx, await downstream(() => catalog.listProducts(query))),
    }),

    route({
      method: 'get',
      path: '/products/:sku',
      operationId: 'getProduct',
      tag: TAG,
      summary: 'One product',
      auth: false,
      request: { params: SkuParamsSchema },
      response: { status: 200, description: 'The product', schema: ProductSchema, headers: CACHING_HEADERS },
      errors: { 404: 'INVENTORY.PRODUCT_NOT_FOUND' },
      handle: async ({ params, ctx }) => tagged(ctx, await downstream(() => catalog.getProduct(params.sku))),
    }),

    route({
      method: 'get',
      path: '/test-cards',
      operationId: 'listTestCards',
      tag: TAG,
      summary: "The simulated payment provider's test cards",
      auth: false,
      selfContained: true,
      response: { status: 200, description: 'Card numbers and how the provider treats each', schema: TestCardsSchema },
      handle: () => ({ items: Object.values(TEST_CARDS).map(({ number, label, behaviour }) => ({ number, label, behaviour })) }),
    }),
  ];
}
