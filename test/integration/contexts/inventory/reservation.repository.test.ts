import assert from 'node:assert/strict';
import type { ProductRepository } from '../../../../src/contexts/inventory/domain/product.repository.js';
import { Reservation } from '../../../../src/contexts/inventory/domain/reservation.aggregate.js';
import type { ReservationRepository } from '../../../../src/contexts/inventory/domain/reservation.repository.js';
import { inventoryMigrations } from '../../../../src/contexts/inventory/infrastructure/persistence/migrations/index.js';
import { ObjectionProductRepository } from '../../../../src/contexts/inventory/infrastructure/persistence/objection-product.repository.js';
import { ObjectionReservationRepository } from '../../../../src/contexts/inventory/infrastructure/persistence/objection-reservation.repository.js';
import { createKnex, migrateLatest, type Knex } from '../../../../src/shared/infrastructure/persistence/database.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';
import { freshDatabaseUrl } from '../../../support/postgres.js';
import { InMemoryProductRepository } from '../../../unit/contexts/inventory/in-memory-product.repository.js';
import { InMemoryReservationRepository } from '../../../unit/contexts/inventory/in-memory-reservation.repository.js';
import { aProduct } from '../../../unit/contexts/inventory/product.builder.js';
import { aReservation } from '../../../unit/contexts/inventory/reservation.builder.js';

interface Stores {
  products: ProductRepository;
  reservations: ReservationRepository;
}

/**
 * The reservation repository moves the products' stock whenever a save changes `stockTaken`,
 * all lines or none: the same in Postgres and in the double the unit tests use.
 */
describe('ReservationRepository: Postgres and the in-memory double keep the same promises', function () {
  let knex: Knex;
  const now = new Date(TEST_EPOCH);

  before(async () => {
    knex = createKnex(await freshDatabaseUrl('reservation_repository'));
    await migrateLatest(knex, inventoryMigrations);
  });
  after(async () => {
    await knex?.destroy();
  });

  const adapters: [string, () => Stores][] = [
    [
      'in memory',
      () => {
        const products = new InMemoryProductRepository();
        return { products, reservations: new InMemoryReservationRepository(products) };
      },
    ],
    ['Postgres', () => ({ products: new ObjectionProductRepository(knex), reservations: new ObjectionReservationRepository(knex) })],
  ];

  for (const [name, make] of adapters) {
    describe(name, () => {
      let products: ProductRepository;
      let reservations: ReservationRepository;
      beforeEach(() => {
        ({ products, reservations } = make());
      });

      const stocked = async (stock: number) => (await products.add(aProduct({ stockAvailable: stock }))).aggregate.sku;
      const stockOf = async (sku: string) => (await products.get(sku))?.stockAvailable;

      it('add stores a RESERVED reservation and takes every line; the same order again writes and takes nothing', async () => {
        const [a, b] = [await stocked(5), await stocked(5)];
        const reservation = aReservation({
          lines: [
            { sku: a, quantity: 2 },
            { sku: b, quantity: 1 },
          ],
        });
        assert.deepEqual(await reservations.add(reservation), { aggregate: reservation, created: true });
        assert.deepEqual([await stockOf(a), await stockOf(b)], [3, 4]);
        const again = await reservations.add(aReservation({ orderId: reservation.orderId, lines: [{ sku: a, quantity: 5 }] }));
        assert.equal(again.created, false);
        assert.deepEqual(again.aggregate.snapshot(), reservation.snapshot());
        assert.deepEqual([await stockOf(a), await stockOf(b)], [3, 4]);
      });

      it('add is all or none: a short line or an unknown sku takes nothing and stores no reservation', async () => {
        const [plenty, scarce] = [await stocked(10), await stocked(1)];
        const short = aReservation({
          lines: [
            { sku: plenty, quantity: 3 },
            { sku: scarce, quantity: 2 },
          ],
        });
        await assert.rejects(reservations.add(short), { code: 'INVENTORY.INSUFFICIENT_STOCK' });
        const unknown = aReservation({
          lines: [
            { sku: plenty, quantity: 3 },
            { sku: 'ZZ-NO-SUCH-SKU', quantity: 1 },
          ],
        });
        await assert.rejects(reservations.add(unknown), { code: 'INVENTORY.PRODUCT_NOT_FOUND' });
        assert.deepEqual([await stockOf(plenty), await stockOf(scarce)], [10, 1]);
        assert.equal(await reservations.get(short.orderId), undefined);
        assert.equal(await reservations.get(unknown.orderId), undefined);
      });

      it('get answers undefined for an unknown or malformed order id', async () => {
        assert.equal(await reservations.get(anId()), undefined);
        assert.equal(await reservations.get('nope'), undefined);
      });

      it('update moves stock by stockTaken: a release puts it back, a commit moves none', async () => {
        const sku = await stocked(5);
        const released = aReservation({ lines: [{ sku, quantity: 2 }] });
        const committed = aReservation({ lines: [{ sku, quantity: 1 }] });
        await reservations.add(released);
        await reservations.add(committed);
        assert.equal(await stockOf(sku), 2);
        const saved = await reservations.update(released.orderId, (current) => (current?.release(now) ? current : undefined));
        assert.equal(saved?.status, 'RELEASED');
        assert.equal(await stockOf(sku), 4);
        await reservations.update(committed.orderId, (current) => (current?.commit(now) ? current : undefined));
        assert.equal((await reservations.get(committed.orderId))?.status, 'COMMITTED');
        assert.equal(await stockOf(sku), 4);
      });

      it('update of an unknown order hands change undefined; a tombstone is stored and moves no stock', async () => {
        const sku = await stocked(5);
        const orderId = anId();
        const seen: unknown[] = [];
        const tombstone = await reservations.update(orderId, (current) => {
          seen.push(current);
          return Reservation.tombstone(orderId, now);
        });
        assert.deepEqual(seen, [undefined]);
        assert.equal(tombstone?.status, 'RELEASED');
        assert.deepEqual((await reservations.get(orderId))?.snapshot(), tombstone?.snapshot());
        assert.equal(await stockOf(sku), 5);
      });

      it('update that stores a new RESERVED reservation takes its stock, all or none', async () => {
        const sku = await stocked(2);
        const fits = aReservation({ lines: [{ sku, quantity: 2 }] });
        await reservations.update(fits.orderId, () => fits);
        assert.equal(await stockOf(sku), 0);
        const tooMuch = aReservation({ lines: [{ sku, quantity: 1 }] });
        await assert.rejects(
          reservations.update(tooMuch.orderId, () => tooMuch),
          { code: 'INVENTORY.INSUFFICIENT_STOCK' },
        );
        assert.equal(await reservations.get(tooMuch.orderId), undefined);
      });

      it('update answers with the stored reservation when change returns undefined, and an error leaves it untouched', async () => {
        const sku = await stocked(5);
        const reservation = aReservation({ lines: [{ sku, quantity: 1 }] });
        await reservations.add(reservation);
        const untouched = await reservations.update(reservation.orderId, (current) => {
          current?.release(now);
          return undefined;
        });
        assert.equal(untouched?.status, 'RESERVED', 'answers with what is stored, not with what change did to its copy');
        await reservations.update(reservation.orderId, (current) => (current?.commit(now) ? current : undefined));
        await assert.rejects(
          reservations.update(reservation.orderId, (current) => (current?.release(now) ? current : undefined)),
          { code: 'INVENTORY.RESERVATION_CLOSED' },
        );
        assert.equal((await reservations.get(reservation.orderId))?.status, 'COMMITTED');
        assert.equal(await stockOf(sku), 4);
      });
    });
  }
});
