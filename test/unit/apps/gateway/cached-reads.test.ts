import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CatalogCache } from '../../../../src/apps/gateway/catalog-cache.js';
import { cachedCatalogReads } from '../../../../src/apps/gateway/http/cached-reads.js';
import { buildRouter } from '../../../../src/apps/gateway/http/route-table.js';
import { securityHeaders } from '../../../../src/apps/gateway/http/security.js';
import { catalogRoutes } from '../../../../src/apps/gateway/routes/catalog.routes.js';
import type { GatewayDependencies } from '../../../../src/apps/gateway/routes/gateway-dependencies.js';
import type { ProductDto, ProductPage } from '../../../../src/contexts/inventory/contract.js';
import { createHttpApp } from '../../../../src/shared/infrastructure/http/app.js';
import { createLogger } from '../../../../src/shared/infrastructure/logger.js';
import { renderMetrics } from '../../../../src/shared/infrastructure/observability/metrics.js';

const product: ProductDto = {
  sku: 'TEE-1',
  name: 'Tee',
  description: '',
  imageUrl: '',
  price: { amountMinor: 1500, currency: 'EUR' },
  stockAvailable: 3,
};

/** The catalog routes behind the same edge as the gateway's, with and without the memory in front. */
async function gateway(options: { fromMemory: boolean; routes?: boolean; catalog?: CatalogCache }) {
  const inventory = {
    calls: 0,
    listProducts(page: { limit: number; offset: number }): Promise<ProductPage> {
      this.calls++;
      return Promise.resolve({ items: [product], total: 1, ...page });
    },
    getProduct(sku: string): Promise<ProductDto> {
      this.calls++;
      return sku === product.sku ? Promise.resolve(product) : Promise.reject(new Error('not found'));
    },
  };
  const catalog = options.catalog ?? new CatalogCache(inventory, { maxAgeMs: 60_000 });
  const router = buildRouter(catalogRoutes({ catalog } as unknown as GatewayDependencies), {
    authenticate: () => Promise.reject(new Error('no auth in this test')),
    requireRole: () => () => Promise.reject(new Error('no roles in this test')),
    rateLimits: {} as never,
  });
  const app = createHttpApp({
    logger: createLogger('gateway', 'silent'),
    routers: options.routes === false ? [] : [router],
    ready: () => Promise.resolve(true),
    outermost: [securityHeaders({ https: false })],
    service: !options.fromMemory ? 'cached-reads-test-routes' : options.routes === false ? 'cached-reads-test-memory' : 'cached-reads-test',
    fromMemory: options.fromMemory ? [cachedCatalogReads(catalog)] : [],
  });
  // Koa's callback answers through the response; the promise it returns is not for the server.
  const callback = app.callback();
  const server = http.createServer((req, res) => void callback(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url, inventory, catalog, close };
}

const headerNames = (response: Response) =>
  [...response.headers.keys()].filter((name) => name !== 'date' && name !== 'x-request-id').sort();

describe('cachedCatalogReads (catalog answers from the gateway memory, skipping logger, body parser and router)', () => {
  it('a fresh cached page or product is answered from memory exactly as the route answers it, and counted under its route', async () => {
    const fast = await gateway({ fromMemory: true });
    const routes = await gateway({ fromMemory: false });
    try {
      for (const path of ['/api/products?limit=10', `/api/products/${product.sku}`]) {
        const viaRoute = await fetch(`${routes.url}${path}`);
        const miss = await fetch(`${fast.url}${path}`);
        const callsAfterMiss = fast.inventory.calls;
        const hit = await fetch(`${fast.url}${path}`, { headers: { 'x-request-id': 'req-42' } });
        assert.equal(fast.inventory.calls, callsAfterMiss, `${path}: the hit asked nobody`);
        for (const response of [miss, hit]) {
          assert.equal(response.status, 200, path);
          assert.deepEqual(headerNames(response), headerNames(viaRoute), `${path}: same headers as the route`);
          assert.equal(response.headers.get('content-type'), viaRoute.headers.get('content-type'));
        }
        assert.equal(hit.headers.get('x-request-id'), 'req-42');
        assert.equal(hit.headers.get('etag'), miss.headers.get('etag'));
        assert.deepEqual(await hit.json(), await viaRoute.json());

        const revalidated = await fetch(`${fast.url}${path}`, {
          headers: { 'if-none-match': hit.headers.get('etag')!, 'cache-control': 'max-age=0' },
        });
        assert.equal(revalidated.status, 304, path);
        assert.equal(await revalidated.text(), '');
        const head = await fetch(`${fast.url}${path}`, { method: 'HEAD' });
        assert.equal(head.status, 200);
        assert.equal(await head.text(), '');
      }
      // With no routes at all, what the cache holds is still answered: the memory, not the router, answered the hits.
      const memoryOnly = await gateway({ fromMemory: true, routes: false, catalog: fast.catalog });
      try {
        assert.equal((await fetch(`${memoryOnly.url}/api/products?limit=10`)).status, 200);
        assert.equal((await fetch(`${memoryOnly.url}/api/products?limit=11`)).status, 404, 'not cached: on to the (absent) routes');
      } finally {
        await memoryOnly.close();
      }
      const metrics = await renderMetrics();
      // The miss went through the router, the hit did not: both are counted under the route.
      assert.match(metrics, /_count{service="cached-reads-test",method="GET",route="\/api\/products",status="200"} 2\n/);
      assert.match(metrics, /_count{service="cached-reads-test",method="GET",route="\/api\/products\/:sku",status="304"} 1\n/);
    } finally {
      await fast.close();
      await routes.close();
    }
  });

  it('anything it cannot answer goes on to the routes: a miss, an invalid query, an unknown sku, another method', async () => {
    const fast = await gateway({ fromMemory: true });
    try {
      await fetch(`${fast.url}/api/products`);
      assert.equal((await fetch(`${fast.url}/api/products?limit=0`)).status, 400, 'the route validates');
      assert.equal((await fetch(`${fast.url}/api/products?limit=5&surprise=1`)).status, 400);
      assert.equal((await fetch(`${fast.url}/api/products/NOPE-1`)).status, 500, 'the route answers (this double fails unknown skus)');
      assert.equal((await fetch(`${fast.url}/api/products/%E0%A4%A`)).status, 400, "a malformed escape is the route's 400");
      assert.equal((await fetch(`${fast.url}/api/products`, { method: 'POST' })).status, 405);
    } finally {
      await fast.close();
    }
  });
});
