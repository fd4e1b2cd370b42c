import assert from 'node:assert/strict';
import type { ProductDto, ProductPage } from '../../../../src/contexts/inventory/contract.js';
import { CatalogCache } from '../../../../src/apps/gateway/catalog-cache.js';

function product(sku: string, stockAvailable: number): ProductDto {
  return { sku, name: sku, description: '', imageUrl: '', price: { amountMinor: 100, currency: 'EUR' }, stockAvailable };
}

/** An inventory double that counts calls and answers with the stock it holds right now. */
class CountingInventory {
  calls = 0;
  stock = 5;
  failNext = false;
  getProduct(sku: string): Promise<ProductDto> {
    this.calls++;
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('inventory down'));
    }
    return Promise.resolve(product(sku, this.stock));
  }
  listProducts(page: { limit?: number; offset?: number } = {}): Promise<ProductPage> {
    this.calls++;
    return Promise.resolve({ items: [product('A-1', this.stock)], total: 1, limit: page.limit ?? 50, offset: page.offset ?? 0 });
  }
}

describe('CatalogCache (gateway)', () => {
  let now: number;
  let inventory: CountingInventory;
  let cache: CatalogCache;
  beforeEach(() => {
    now = 0;
    inventory = new CountingInventory();
    cache = new CatalogCache(inventory, { maxAgeMs: 1_000, now: () => now });
  });

  it('answers repeated reads from memory within max-age, with a stable ETag', async () => {
    const first = await cache.getProduct('A-1');
    now = 999;
    const second = await cache.getProduct('A-1');
    assert.equal(inventory.calls, 1);
    assert.equal(second.etag, first.etag);
    assert.match(first.etag, /^W\/".+"$/);
  });

  it('never serves an answer older than max-age', async () => {
    await cache.getProduct('A-1');
    inventory.stock = 4;
    now = 1_000;
    const later = await cache.getProduct('A-1');
    assert.equal(later.value.stockAvailable, 4);
    assert.equal(inventory.calls, 2);
  });

  it('drops everything on invalidate(): the next read sees the change, with a new ETag', async () => {
    const before = await cache.listProducts({ limit: 50, offset: 0 });
    inventory.stock = 3;
    cache.invalidate();
    const after = await cache.listProducts({ limit: 50, offset: 0 });
    assert.equal(after.value.items[0].stockAvailable, 3);
    assert.notEqual(after.etag, before.etag);
  });

  it('shares one downstream call among concurrent misses', async () => {
    await Promise.all(Array.from({ length: 20 }, () => cache.getProduct('A-1')));
    assert.equal(inventory.calls, 1);
  });

  it('keeps pages and skus apart', async () => {
    await cache.listProducts({ limit: 50, offset: 0 });
    await cache.listProducts({ limit: 10, offset: 0 });
    await cache.getProduct('A-1');
    await cache.getProduct('B-2');
    assert.equal(inventory.calls, 4);
  });

  it('does not remember a failure', async () => {
    inventory.failNext = true;
    await assert.rejects(cache.getProduct('A-1'), /inventory down/);
    assert.equal((await cache.getProduct('A-1')).value.sku, 'A-1');
    assert.equal(inventory.calls, 2);
  });

  it('remembers a sku it has seen, so the order form check costs no request; an unknown sku is asked each time', async () => {
    await cache.requireProduct('A-1');
    cache.invalidate();
    now = 60_000;
    await cache.requireProduct('A-1');
    assert.equal(inventory.calls, 1);

    inventory.failNext = true;
    await assert.rejects(cache.requireProduct('B-2'), /inventory down/);
    await cache.requireProduct('B-2');
    assert.equal(inventory.calls, 3);
  });
});
