import assert from 'node:assert/strict';
import { Reservation } from '../../../../src/contexts/inventory/domain/reservation.aggregate.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';
import { aProduct } from './product.builder.js';
import { aReservation } from './reservation.builder.js';

const now = new Date(TEST_EPOCH);

describe('inventory domain', () => {
  describe('Reservation', () => {
    it('merges repeated skus and sorts lines so locks are always taken in one order', () => {
      const reservation = aReservation({
        lines: [
          { sku: 'B-1', quantity: 1 },
          { sku: 'A-1', quantity: 2 },
          { sku: 'B-1', quantity: 3 },
        ],
      });
      assert.deepEqual(reservation.lines, [
        { sku: 'A-1', quantity: 2 },
        { sku: 'B-1', quantity: 4 },
      ]);
    });

    for (const quantity of [0, -1, 1.5, 1001, Number.NaN]) {
      it(`rejects quantity ${quantity}`, () => {
        assert.throws(() => aReservation({ lines: [{ sku: 'A-1', quantity }] }), { code: 'VALIDATION.INVALID_VALUE' });
      });
    }

    it('rejects an empty reservation', () => {
      assert.throws(() => aReservation({ lines: [] }), { code: 'VALIDATION.INVALID_VALUE' });
    });

    it('release is idempotent and refuses a committed reservation', () => {
      const released = aReservation();
      assert.equal(released.release(now), true);
      assert.equal(released.release(now), false);
      assert.throws(() => released.commit(now), { code: 'INVENTORY.RESERVATION_CLOSED' });

      const committed = aReservation();
      assert.equal(committed.commit(now), true);
      assert.equal(committed.commit(now), false);
      assert.throws(() => committed.release(now), { code: 'INVENTORY.RESERVATION_CLOSED' });
    });

    it('a repeat with other lines is a mismatch, a repeat after release is closed', () => {
      const orderId = anId();
      const first = aReservation({ orderId, lines: [{ sku: 'A-1', quantity: 1 }] });
      first.assertRepeatOf(aReservation({ orderId, lines: [{ sku: 'A-1', quantity: 1 }] }));
      assert.throws(() => first.assertRepeatOf(aReservation({ orderId, lines: [{ sku: 'A-1', quantity: 2 }] })), {
        code: 'INVENTORY.RESERVATION_MISMATCH',
      });
      assert.throws(() => Reservation.tombstone(orderId, now).assertRepeatOf(first), { code: 'INVENTORY.RESERVATION_CLOSED' });
    });

    it('holds its stock while reserved or committed, not once released (what the repository moves stock by)', () => {
      const reserved = aReservation();
      assert.equal(reserved.stockTaken, true);
      const committed = aReservation();
      committed.commit(now);
      assert.equal(committed.stockTaken, true);
      reserved.release(now);
      assert.equal(reserved.stockTaken, false);
      assert.equal(Reservation.tombstone(anId(), now).stockTaken, false);
    });
  });

  describe('Product', () => {
    it('never goes below zero', () => {
      const p = aProduct({ stockAvailable: 2 });
      p.take(2);
      assert.equal(p.stockAvailable, 0);
      assert.throws(() => p.take(1), { code: 'INVENTORY.INSUFFICIENT_STOCK' });
    });

    it('validates sku and name', () => {
      assert.throws(() => aProduct({ sku: 'lower' }), { code: 'VALIDATION.INVALID_VALUE' });
      assert.throws(() => aProduct({ name: '  ' }), { code: 'VALIDATION.INVALID_VALUE' });
    });

    it('stock is set to an absolute value within 0..MAX_STOCK', () => {
      const p = aProduct({ stockAvailable: 2 });
      p.setStock(40);
      assert.equal(p.stockAvailable, 40);
      for (const bad of [-1, 1.5, 1_000_001]) assert.throws(() => p.setStock(bad), { code: 'VALIDATION.INVALID_VALUE' });
      assert.equal(p.stockAvailable, 40);
    });
  });
});
