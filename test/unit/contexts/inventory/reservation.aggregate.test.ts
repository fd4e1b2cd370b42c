import assert from 'node:assert/strict';
import { Reservation } from '../../../../src/contexts/inventory/domain/reservation.aggregate.js';
import { Product } from '../../../../src/contexts/inventory/domain/product.aggregate.js';
import { Money } from '../../../../src/shared/kernel/money.js';

const ORDER = '6f1c9a4e-2b7d-4c1e-9f3a-1d2e3f4a5b6c';
const now = new Date('2026-01-01T00:00:00Z');

describe('inventory domain', () => {
  describe('Reservation', () => {
    it('merges repeated skus and sorts lines so locks are always taken in one order', () => {
      const reservation = Reservation.request(ORDER, [
        { sku: 'B-1', quantity: 1 },
        { sku: 'A-1', quantity: 2 },
        { sku: 'B-1', quantity: 3 },
      ], now);
      assert.deepEqual(reservation.lines, [
        { sku: 'A-1', quantity: 2 },
        { sku: 'B-1', quantity: 4 },
      ]);
    });

    for (const quantity of [0, -1, 1.5, 1001, Number.NaN]) {
      it(`rejects quantity ${quantity}`, () => {
        assert.throws(() => Reservation.request(ORDER, [{ sku: 'A-1', quantity }], now), { code: 'VALIDATION.INVALID_VALUE' });
      });
    }

    it('rejects an empty reservation', () => {
      assert.throws(() => Reservation.request(ORDER, [], now), { code: 'VALIDATION.INVALID_VALUE' });
    });

    it('release is idempotent and refuses a committed reservation', () => {
      const released = Reservation.request(ORDER, [{ sku: 'A-1', quantity: 1 }], now);
      assert.equal(released.release(now), true);
      assert.equal(released.release(now), false);
      assert.throws(() => released.commit(now), { code: 'INVENTORY.RESERVATION_CLOSED' });

      const committed = Reservation.request(ORDER, [{ sku: 'A-1', quantity: 1 }], now);
      assert.equal(committed.commit(now), true);
      assert.equal(committed.commit(now), false);
      assert.throws(() => committed.release(now), { code: 'INVENTORY.RESERVATION_CLOSED' });
    });

    it('a repeat with other lines is a mismatch, a repeat after release is closed', () => {
      const first = Reservation.request(ORDER, [{ sku: 'A-1', quantity: 1 }], now);
      first.assertRepeatOf(Reservation.request(ORDER, [{ sku: 'A-1', quantity: 1 }], now));
      assert.throws(
        () => first.assertRepeatOf(Reservation.request(ORDER, [{ sku: 'A-1', quantity: 2 }], now)),
        { code: 'INVENTORY.RESERVATION_MISMATCH' },
      );
      assert.throws(
        () => Reservation.tombstone(ORDER, now).assertRepeatOf(first),
        { code: 'INVENTORY.RESERVATION_CLOSED' },
      );
    });
  });

  describe('Product', () => {
    const product = () =>
      Product.create({ sku: 'A-1', name: 'A', description: '', imageUrl: '', price: Money.of(100, 'EUR'), stockAvailable: 2 });

    it('never goes below zero', () => {
      const p = product();
      p.take(2);
      assert.equal(p.stockAvailable, 0);
      assert.throws(() => p.take(1), { code: 'INVENTORY.INSUFFICIENT_STOCK' });
    });

    it('validates sku and name', () => {
      assert.throws(() => Product.create({ sku: 'lower', name: 'x', description: '', imageUrl: '', price: Money.of(1, 'EUR'), stockAvailable: 0 }), {
        code: 'VALIDATION.INVALID_VALUE',
      });
      assert.throws(() => Product.create({ sku: 'A-1', name: '  ', description: '', imageUrl: '', price: Money.of(1, 'EUR'), stockAvailable: 0 }), {
        code: 'VALIDATION.INVALID_VALUE',
      });
    });
  });
});
