import assert from 'node:assert/strict';
import { inventoryService } from '../../../../src/apps/inventory/inventory.service.js';
import type { ProductDto, ProductPage, ReservationDto } from '../../../../src/contexts/inventory/contract.js';
import type { RunningService } from '../../../../src/shared/infrastructure/context-service.js';
import type { ErrorEnvelope } from '../../../../src/shared/infrastructure/http/errors.js';
import { GENERIC_BAD_BODIES, expectRejected } from '../../../support/bad-input.js';
import { http, startServiceForTest } from '../../../support/services.js';
import { anId, aSku } from '../../../support/doubles/ids.js';

describe('inventory service over HTTP (real Postgres)', function () {
  let service: RunningService;
  let url: string;

  before(async () => {
    service = await startServiceForTest(inventoryService);
    url = service.url;
  });
  after(async () => {
    await service?.stop();
  });

  async function addProduct(stock: number, sku = aSku('SKU')) {
    const response = await http(url, 'POST', '/products', { sku, name: 'Test item', priceMinor: 999, currency: 'EUR', stock });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return sku;
  }
  const stockOf = async (sku: string) => (await http<ProductDto>(url, 'GET', `/products/${sku}`)).body.stockAvailable;

  it('answers /health and /ready', async () => {
    assert.equal((await http(url, 'GET', '/health')).status, 200);
    assert.deepEqual((await http(url, 'GET', '/ready')).body, { status: 'ready' });
  });

  it('serves the seeded demo catalog with integer prices', async () => {
    const page = await http<ProductPage>(url, 'GET', '/products?limit=100');
    assert.equal(page.status, 200);
    assert.ok(page.body.total >= 6);
    const mug = page.body.items.find((p) => p.sku === 'MUG-COMPENSATE');
    assert.deepEqual(mug?.price, { amountMinor: 1400, currency: 'EUR' });
  });

  it('reserves all lines or none', async () => {
    const plenty = await addProduct(10);
    const scarce = await addProduct(1);
    const orderId = anId();
    const response = await http<ErrorEnvelope>(url, 'POST', '/reservations', {
      orderId,
      lines: [
        { sku: plenty, quantity: 3 },
        { sku: scarce, quantity: 2 },
      ],
    });
    assert.equal(response.status, 422);
    assert.equal(response.body.error.code, 'INVENTORY.INSUFFICIENT_STOCK');
    assert.equal(await stockOf(plenty), 10, 'the first line must not stay taken');
    assert.equal(await stockOf(scarce), 1);
    // the failed attempt left no reservation behind, so the same order may try again
    const retry = await http(url, 'POST', '/reservations', { orderId, lines: [{ sku: plenty, quantity: 3 }] });
    assert.equal(retry.status, 200);
    assert.equal(await stockOf(plenty), 7);
  });

  it('reserve, release and commit are idempotent by orderId', async () => {
    const sku = await addProduct(5);
    const orderId = anId();
    const request = { orderId, lines: [{ sku, quantity: 2 }] };
    assert.equal((await http(url, 'POST', '/reservations', request)).status, 200);
    assert.equal((await http(url, 'POST', '/reservations', request)).status, 200);
    assert.equal(await stockOf(sku), 3, 'two identical reserves take stock once');

    const changed = await http<ErrorEnvelope>(url, 'POST', '/reservations', { orderId, lines: [{ sku, quantity: 1 }] });
    assert.equal(changed.status, 409);
    assert.equal(changed.body.error.code, 'INVENTORY.RESERVATION_MISMATCH');

    assert.equal((await http<ReservationDto>(url, 'POST', `/reservations/${orderId}/release`)).body.status, 'RELEASED');
    assert.equal((await http<ReservationDto>(url, 'POST', `/reservations/${orderId}/release`)).body.status, 'RELEASED');
    assert.equal(await stockOf(sku), 5, 'two releases put stock back once');

    const commitAfterRelease = await http(url, 'POST', `/reservations/${orderId}/commit`);
    assert.equal(commitAfterRelease.status, 409);

    const second = anId();
    await http(url, 'POST', '/reservations', { orderId: second, lines: [{ sku, quantity: 1 }] });
    assert.equal((await http<ReservationDto>(url, 'POST', `/reservations/${second}/commit`)).body.status, 'COMMITTED');
    assert.equal((await http<ReservationDto>(url, 'POST', `/reservations/${second}/commit`)).body.status, 'COMMITTED');
    assert.equal(await stockOf(sku), 4);
  });

  it('a release that arrives before its reserve leaves a tombstone: the late reserve takes nothing', async () => {
    const sku = await addProduct(5);
    const orderId = anId();
    assert.equal((await http<ReservationDto>(url, 'POST', `/reservations/${orderId}/release`)).body.status, 'RELEASED');
    const late = await http<ErrorEnvelope>(url, 'POST', '/reservations', { orderId, lines: [{ sku, quantity: 2 }] });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'INVENTORY.RESERVATION_CLOSED');
    assert.equal(await stockOf(sku), 5);
  });

  it('sets stock to an absolute value; an unknown sku is a 404 and creates nothing', async () => {
    const sku = await addProduct(5);
    const orderId = anId();
    await http(url, 'POST', '/reservations', { orderId, lines: [{ sku, quantity: 2 }] });
    const set = await http<ProductDto>(url, 'PUT', `/products/${sku}/stock`, { stock: 20 });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.equal(set.body.stockAvailable, 20);
    assert.equal(await stockOf(sku), 20);
    // The reservation made before still gives its units back on top of the new value.
    await http(url, 'POST', `/reservations/${orderId}/release`);
    assert.equal(await stockOf(sku), 22);

    const unknown = await http<ErrorEnvelope>(url, 'PUT', '/products/NO-SUCH-SKU-1/stock', { stock: 3 });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'INVENTORY.PRODUCT_NOT_FOUND');
    assert.equal((await http(url, 'GET', '/products/NO-SUCH-SKU-1')).status, 404);
  });

  it('never oversells: 100 parallel reservations against stock 10 -> exactly 10 succeed', async () => {
    const sku = await addProduct(10);
    const results = await Promise.all(
      Array.from({ length: 100 }, () => http(url, 'POST', '/reservations', { orderId: anId(), lines: [{ sku, quantity: 1 }] })),
    );
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 10);
    assert.equal(statuses.filter((s) => s === 422).length, 90, `unexpected statuses: ${[...new Set(statuses)].join(',')}`);
    assert.equal(await stockOf(sku), 0);
  });

  it('the same order reserved 20 times in parallel takes stock once', async () => {
    const sku = await addProduct(50);
    const orderId = anId();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => http(url, 'POST', '/reservations', { orderId, lines: [{ sku, quantity: 3 }] })),
    );
    assert.deepEqual([...new Set(results.map((r) => r.status))], [200]);
    assert.equal(await stockOf(sku), 47);
  });

  describe('bad input -> 4xx with a code, nothing written', () => {
    it('rejects a corpus of bad reservation bodies', async () => {
      const sku = await addProduct(5);
      const orderId = anId();
      const corpus: { label: string; body: unknown }[] = [
        ...GENERIC_BAD_BODIES,
        { label: 'orderId not a uuid', body: { orderId: 'abc', lines: [{ sku, quantity: 1 }] } },
        { label: 'quantity as string', body: { orderId, lines: [{ sku, quantity: '1' }] } },
        { label: 'zero quantity', body: { orderId, lines: [{ sku, quantity: 0 }] } },
        { label: 'negative quantity', body: { orderId, lines: [{ sku, quantity: -5 }] } },
        { label: 'fractional quantity', body: { orderId, lines: [{ sku, quantity: 1.5 }] } },
        { label: 'huge quantity', body: { orderId, lines: [{ sku, quantity: 1e12 }] } },
        { label: 'no lines', body: { orderId, lines: [] } },
        { label: 'unknown field', body: { orderId, lines: [{ sku, quantity: 1 }], admin: true } },
        { label: 'over-long sku', body: { orderId, lines: [{ sku: 'A'.repeat(5000), quantity: 1 }] } },
        { label: 'injection in sku', body: { orderId, lines: [{ sku: "X'; DROP TABLE products;--", quantity: 1 }] } },
      ];
      for (const { label, body } of corpus) await expectRejected(url, 'POST', '/reservations', body, label);
      const unknown = await expectRejected(
        url,
        'POST',
        '/reservations',
        { orderId, lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] },
        'unknown sku',
      );
      assert.deepEqual(unknown, { status: 404, code: 'INVENTORY.PRODUCT_NOT_FOUND' });
      assert.equal(await stockOf(sku), 5);
      assert.equal((await http(url, 'POST', `/reservations/${orderId}/commit`)).status, 404, 'no reservation was written');
    });

    it('rejects bad products, params and queries', async () => {
      await expectRejected(url, 'GET', '/products/lower-case', undefined, 'bad sku param');
      await expectRejected(url, 'GET', '/products?limit=0', undefined, 'limit 0');
      await expectRejected(url, 'GET', '/products?limit=abc', undefined, 'limit text');
      await expectRejected(url, 'POST', '/reservations/not-a-uuid/release', undefined, 'bad order id');
      await expectRejected(
        url,
        'POST',
        '/products',
        { sku: 'OK-1', name: 'x', priceMinor: -1, currency: 'EUR', stock: 1 },
        'negative price',
      );
      await expectRejected(
        url,
        'POST',
        '/products',
        { sku: 'OK-1', name: 'x'.repeat(201), priceMinor: 1, currency: 'EUR', stock: 1 },
        'long name',
      );
      await expectRejected(url, 'PUT', '/products/MUG-COMPENSATE/stock', { stock: -1 }, 'negative stock');
      const dup = await expectRejected(
        url,
        'POST',
        '/products',
        { sku: 'MUG-COMPENSATE', name: 'x', priceMinor: 1, currency: 'EUR', stock: 1 },
        'duplicate',
      );
      assert.deepEqual(dup, { status: 409, code: 'INVENTORY.DUPLICATE_SKU' });
      const tooBig = await expectRejected(
        url,
        'POST',
        '/products',
        JSON.stringify({ sku: 'BIG-1', name: 'x'.repeat(200_000) }),
        'huge body',
      );
      assert.equal(tooBig.status, 413);
      assert.equal((await http(url, 'GET', '/products/OK-1')).status, 404, 'nothing half-written');
    });
  });
});
