import assert from 'node:assert/strict';
import { CATALOG_CACHE_CONTROL } from '../../../src/apps/gateway/routes/catalog.routes.js';
import { http } from '../../support/services.js';
import { eventually, startTestSystem, type TestSystem } from '../../support/system.js';
import { TEST_CARDS } from '../../../src/contexts/payment/contract.js';
import { issuesOf, newProduct, registerShopper } from './gateway-client.js';

/** The staleness the sale may see: about a second (the gateway cache's max-age). */
const STALENESS_BOUND_MS = 1_000;

async function stockOf(api: string, sku: string): Promise<number> {
  const response = await fetch(`${api}/api/products/${sku}`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { stockAvailable: number }).stockAvailable;
}

/** Waits until the gateway shows `stock` for `sku`, at most `timeoutMs`. */
function shows(api: string, sku: string, stock: number, timeoutMs: number): Promise<true> {
  return eventually(
    `${sku} at ${stock} through the gateway`,
    async () => ((await stockOf(api, sku)) === stock ? true : undefined),
    timeoutMs,
  );
}

describe('gateway: catalog caching (ETag/304, Cache-Control, stock at most a second stale)', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let api: string;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    api = system.gateway.url;
  });
  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  it('tags catalog answers and answers 304 without a body to a client that has them', async () => {
    const sku = await newProduct(system, 7);
    for (const path of ['/api/products', `/api/products/${sku}`]) {
      const first = await fetch(`${api}${path}`);
      assert.equal(first.status, 200, path);
      const etag = first.headers.get('etag');
      assert.match(etag ?? '', /^W\/".+"$/, path);
      assert.equal(first.headers.get('cache-control'), CATALOG_CACHE_CONTROL, path);

      // As a browser revalidates a copy it keeps (fetch() alone would add Cache-Control: no-cache,
      // an end-to-end reload, which rightly never gets a 304).
      const again = await fetch(`${api}${path}`, { headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' } });
      assert.equal(again.status, 304, `${path} ${etag} -> ${again.headers.get('etag')}`);
      assert.equal(await again.text(), '', path);
      assert.equal(again.headers.get('etag'), etag, path);

      const other = await fetch(`${api}${path}`, { headers: { 'if-none-match': 'W/"something-else"', 'cache-control': 'max-age=0' } });
      assert.equal(other.status, 200, path);
    }
  });

  it('a stock change shows through the gateway well within a second (the change signal, not the max-age)', async () => {
    const sku = await newProduct(system, 10);
    assert.equal(await stockOf(api, sku), 10);
    const before = await fetch(`${api}/api/products/${sku}`);
    const etag = before.headers.get('etag')!;

    const changed = await http(system.services.inventory.url, 'PUT', `/products/${sku}/stock`, { stock: 9 });
    assert.equal(changed.status, 200);
    const changedAt = Date.now();
    await shows(api, sku, 9, STALENESS_BOUND_MS);
    const seenAfterMs = Date.now() - changedAt;
    assert.ok(seenAfterMs < STALENESS_BOUND_MS, `seen after ${seenAfterMs} ms`);
    // The old validator no longer matches: the client gets the new body, not a 304.
    const revalidated = await fetch(`${api}/api/products/${sku}`, { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
    assert.equal(revalidated.status, 200);
  });

  it('without any change signal (a write that fires no trigger), max-age still bounds staleness', async () => {
    const sku = await newProduct(system, 20);
    await stockOf(api, sku);
    const cachedAt = Date.now();
    assert.equal(await stockOf(api, sku), 20);

    // session_replication_role = replica skips triggers: no NOTIFY, so only the max-age can save us.
    await system.services.inventory.knex.transaction(async (trx) => {
      await trx.raw('set local session_replication_role = replica');
      await trx('products').where({ sku }).update({ stock_available: 19 });
    });
    const seenRightAfter = await stockOf(api, sku);
    if (Date.now() - cachedAt < STALENESS_BOUND_MS / 2) {
      assert.equal(seenRightAfter, 20, 'served from the cache: the silent write sent no signal');
    }
    await shows(api, sku, 19, STALENESS_BOUND_MS + 500);
    assert.ok(Date.now() - cachedAt <= STALENESS_BOUND_MS + 500);
  });

  it('a reservation (the saga path) moves the catalog too', async () => {
    const sku = await newProduct(system, 5);
    assert.equal(await stockOf(api, sku), 5);
    const reserved = await http(system.services.inventory.url, 'POST', '/reservations', {
      orderId: crypto.randomUUID(),
      lines: [{ sku, quantity: 2 }],
    });
    assert.equal(reserved.status, 200, JSON.stringify(reserved.body));
    await shows(api, sku, 3, STALENESS_BOUND_MS);
  });

  it('the order form check goes through the cache: unknown skus are a 422 per line, known ones are accepted', async () => {
    const sku = await newProduct(system, 5);
    const buyer = await registerShopper(api);
    // The same order twice: refused while NOT-YET is unknown, accepted once it exists.
    const place = () =>
      http(
        api,
        'POST',
        '/api/orders',
        {
          lines: [
            { sku, quantity: 1 },
            { sku: 'NOT-YET', quantity: 1 },
          ],
          cardNumber: TEST_CARDS.APPROVE.number,
        },
        buyer.headers,
      );
    const refused = await place();
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.deepEqual(
      issuesOf(refused.body).map((issue) => [issue.path, issue.code]),
      [['body.lines.1.sku', 'INVENTORY.PRODUCT_NOT_FOUND']],
    );
    // A sku added after a refusal is known at once (unknown skus are never remembered).
    const added = await http(system.services.inventory.url, 'POST', '/products', {
      sku: 'NOT-YET',
      name: 'Late',
      priceMinor: 100,
      currency: 'EUR',
      stock: 1,
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const accepted = await place();
    assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
  });
});
