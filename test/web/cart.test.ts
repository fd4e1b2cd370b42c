import assert from 'node:assert/strict';
import type { Product } from '../../web/src/lib/api-types.js';
import {
  addToCart,
  cartStorageKey,
  cartTotals,
  itemCount,
  mergeCarts,
  orderLines,
  parseCart,
  problemLines,
  refreshLines,
  removeLine,
  serializeCart,
  setQuantity,
  type CartLine,
} from '../../web/src/lib/cart.js';

const product = (sku: string, stockAvailable: number, amountMinor = 1000): Product => ({
  sku,
  name: `Product ${sku}`,
  description: '',
  imageUrl: `/images/products/${sku.toLowerCase()}.svg`,
  price: { amountMinor, currency: 'EUR' },
  stockAvailable,
});

describe('storefront cart', () => {
  it('adds products, merging lines of the same sku, never above the stock', () => {
    let { lines, limited } = addToCart([], product('CAP-RETRY', 3), 2);
    assert.equal(limited, false);
    ({ lines, limited } = addToCart(lines, product('CAP-RETRY', 3), 2));
    assert.equal(limited, true, 'asked for 4 of 3');
    assert.deepEqual(orderLines(lines), [{ sku: 'CAP-RETRY', quantity: 3 }]);
    ({ lines } = addToCart(lines, product('MUG', 10, 1400)));
    assert.equal(itemCount(lines), 4);
    assert.deepEqual(cartTotals(lines), [{ amountMinor: 3 * 1000 + 1400, currency: 'EUR' }]);
  });

  it('does not add a sold-out product', () => {
    const { lines, limited } = addToCart([], product('GONE', 0));
    assert.deepEqual(lines, []);
    assert.equal(limited, true);
  });

  it('sets quantities within 1..stock; 0 removes the line', () => {
    const { lines } = addToCart([], product('A1', 5));
    assert.equal(setQuantity(lines, 'A1', 9).lines[0].quantity, 5);
    assert.equal(setQuantity(lines, 'A1', 9).limited, true);
    assert.equal(setQuantity(lines, 'A1', 2).lines[0].quantity, 2);
    assert.deepEqual(setQuantity(lines, 'A1', 0).lines, []);
    assert.deepEqual(removeLine(lines, 'A1'), []);
  });

  it('refreshes prices and stock from the catalog and reports what changed', () => {
    const lines: CartLine[] = [
      ...addToCart([], product('A1', 10), 5).lines,
      ...addToCart([], product('B2', 10), 2).lines,
      ...addToCart([], product('C3', 10), 1).lines,
    ];
    const fresh = new Map([
      ['A1', product('A1', 3, 1200)],
      ['B2', product('B2', 0)],
    ]);
    const result = refreshLines(lines, fresh);
    assert.deepEqual(result.reduced, ['A1']);
    assert.deepEqual(result.soldOut, ['B2']);
    assert.deepEqual(result.missing, ['C3']);
    assert.equal(result.lines[0].quantity, 3);
    assert.equal(result.lines[0].unitPrice.amountMinor, 1200);
    assert.deepEqual(
      problemLines(result.lines).map((line) => line.sku),
      ['B2'],
    );
  });

  it('merges a guest cart into the customer cart within stock', () => {
    const mine = addToCart([], product('A1', 4), 3).lines;
    const guest = [...addToCart([], product('A1', 4), 3).lines, ...addToCart([], product('B2', 9), 1).lines];
    const merged = mergeCarts(mine, guest);
    assert.deepEqual(orderLines(merged), [
      { sku: 'A1', quantity: 4 },
      { sku: 'B2', quantity: 1 },
    ]);
  });

  it('is stored per customer and survives a round trip; malformed data is dropped', () => {
    assert.equal(cartStorageKey('c-1'), 'sagashop.cart.c-1');
    assert.equal(cartStorageKey(null), 'sagashop.cart.guest');
    const lines = addToCart([], product('A1', 4), 2).lines;
    assert.deepEqual(parseCart(serializeCart(lines)), lines);
    assert.deepEqual(parseCart('not json'), []);
    assert.deepEqual(parseCart(JSON.stringify({ lines: [{ sku: 'X' }, null, 3] })), []);
    assert.deepEqual(parseCart(null), []);
  });
});
