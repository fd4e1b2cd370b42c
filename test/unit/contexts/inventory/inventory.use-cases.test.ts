import assert from 'node:assert/strict';
import { AddProduct, type AddProductCommand } from '../../../../src/contexts/inventory/application/add-product.use-case.js';
import { CommitStock } from '../../../../src/contexts/inventory/application/commit-stock.use-case.js';
import { GetProduct } from '../../../../src/contexts/inventory/application/get-product.use-case.js';
import { ListProducts } from '../../../../src/contexts/inventory/application/list-products.use-case.js';
import { ReleaseStock } from '../../../../src/contexts/inventory/application/release-stock.use-case.js';
import { ReserveStock } from '../../../../src/contexts/inventory/application/reserve-stock.use-case.js';
import { SetStock } from '../../../../src/contexts/inventory/application/set-stock.use-case.js';
import { TestClock } from '../../../support/doubles/clock.js';
import { anId, aSku } from '../../../support/doubles/ids.js';
import { InMemoryProductRepository } from './in-memory-product.repository.js';
import { InMemoryReservationRepository } from './in-memory-reservation.repository.js';
import { aProduct } from './product.builder.js';

describe('inventory use cases (in memory)', () => {
  let products: InMemoryProductRepository;
  let reservations: InMemoryReservationRepository;
  let clock: TestClock;
  let useCases: ReturnType<typeof build>;

  const build = () => ({
    addProduct: new AddProduct(products),
    listProducts: new ListProducts(products),
    getProduct: new GetProduct(products),
    setStock: new SetStock(products),
    reserveStock: new ReserveStock(reservations, clock),
    releaseStock: new ReleaseStock(reservations, clock),
    commitStock: new CommitStock(reservations, clock),
  });

  beforeEach(() => {
    products = new InMemoryProductRepository();
    reservations = new InMemoryReservationRepository(products);
    clock = new TestClock();
    useCases = build();
  });

  const command = (overrides: Partial<AddProductCommand> = {}): AddProductCommand => ({
    sku: aSku(),
    name: ' Test item ',
    description: 'A thing',
    imageUrl: '/images/products/thing.svg',
    priceMinor: 1250,
    currency: 'EUR',
    stock: 5,
    ...overrides,
  });
  /** A stored product with this much stock; returns its sku. */
  const stocked = async (stock: number) => (await products.add(aProduct({ stockAvailable: stock }))).aggregate.sku;
  const stockOf = async (sku: string) => (await useCases.getProduct.execute(sku)).stockAvailable;

  describe('AddProduct', () => {
    it('stores a new product (name trimmed) and answers it', async () => {
      const added = await useCases.addProduct.execute(command({ sku: 'MUG-1' }));
      assert.deepEqual(added.snapshot(), (await products.get('MUG-1'))!.snapshot());
      assert.equal(added.name, 'Test item');
      assert.deepEqual(added.price.toJSON(), { amountMinor: 1250, currency: 'EUR' });
    });

    it('refuses a taken sku with DUPLICATE_SKU and leaves the stored product as it was', async () => {
      const sku = await stocked(3);
      await assert.rejects(useCases.addProduct.execute(command({ sku, stock: 100, name: 'Impostor' })), {
        code: 'INVENTORY.DUPLICATE_SKU',
      });
      const stored = await useCases.getProduct.execute(sku);
      assert.equal(stored.stockAvailable, 3);
      assert.equal(stored.name, 'Test item');
    });

    it('refuses invalid products and stores nothing', async () => {
      for (const bad of [command({ sku: 'lower-case' }), command({ name: '  ' }), command({ stock: -1 }), command({ currency: 'eur' })]) {
        await assert.rejects(useCases.addProduct.execute(bad), { code: 'VALIDATION.INVALID_VALUE' }, JSON.stringify(bad));
      }
      assert.equal((await useCases.listProducts.execute({ limit: 100, offset: 0 })).total, 0);
    });
  });

  describe('ListProducts and GetProduct', () => {
    it('lists by sku, a page at a time, with the total', async () => {
      for (const sku of ['C-1', 'A-1', 'B-1']) await products.add(aProduct({ sku }));
      const first = await useCases.listProducts.execute({ limit: 2, offset: 0 });
      assert.deepEqual(
        first.items.map((p) => p.sku),
        ['A-1', 'B-1'],
      );
      assert.equal(first.total, 3);
      const second = await useCases.listProducts.execute({ limit: 2, offset: 2 });
      assert.deepEqual(
        second.items.map((p) => p.sku),
        ['C-1'],
      );
      assert.equal(second.total, 3);
    });

    it('gets a product by sku; an unknown sku is PRODUCT_NOT_FOUND', async () => {
      const sku = await stocked(4);
      assert.equal((await useCases.getProduct.execute(sku)).stockAvailable, 4);
      await assert.rejects(useCases.getProduct.execute('NO-SUCH-SKU'), {
        code: 'INVENTORY.PRODUCT_NOT_FOUND',
        details: { sku: 'NO-SUCH-SKU' },
      });
    });
  });

  describe('SetStock', () => {
    it('sets the available stock to an absolute value', async () => {
      const sku = await stocked(4);
      assert.equal((await useCases.setStock.execute(sku, 17)).stockAvailable, 17);
      assert.equal(await stockOf(sku), 17);
      assert.equal((await useCases.setStock.execute(sku, 0)).stockAvailable, 0);
    });

    it('an unknown sku is PRODUCT_NOT_FOUND and creates nothing', async () => {
      await assert.rejects(useCases.setStock.execute('NO-SUCH-SKU', 5), { code: 'INVENTORY.PRODUCT_NOT_FOUND' });
      assert.equal(await products.get('NO-SUCH-SKU'), undefined);
    });

    it('a bad value is refused before the sku is looked up, and changes nothing', async () => {
      const sku = await stocked(4);
      for (const stock of [-1, 1.5, 1_000_001, Number.NaN]) {
        await assert.rejects(useCases.setStock.execute(sku, stock), { code: 'VALIDATION.INVALID_VALUE' }, String(stock));
        await assert.rejects(useCases.setStock.execute('NO-SUCH-SKU', stock), { code: 'VALIDATION.INVALID_VALUE' }, String(stock));
      }
      assert.equal(await stockOf(sku), 4);
    });
  });

  describe('ReserveStock', () => {
    it("takes every line's quantity and answers a RESERVED reservation with merged, sorted lines", async () => {
      const a = await stocked(10);
      const b = await stocked(10);
      const orderId = anId();
      const reservation = await useCases.reserveStock.execute(orderId, [
        { sku: b, quantity: 1 },
        { sku: a, quantity: 2 },
        { sku: b, quantity: 3 },
      ]);
      assert.equal(reservation.status, 'RESERVED');
      const expected = [
        { sku: a, quantity: 2 },
        { sku: b, quantity: 4 },
      ];
      assert.deepEqual(
        reservation.lines,
        expected.sort((x, y) => x.sku.localeCompare(y.sku)),
      );
      assert.deepEqual(reservation.updatedAt, clock.now());
      assert.equal(await stockOf(a), 8);
      assert.equal(await stockOf(b), 6);
    });

    it('all or none: a short line is INSUFFICIENT_STOCK, no line keeps stock and no reservation is left', async () => {
      const plenty = await stocked(10);
      const scarce = await stocked(1);
      const orderId = anId();
      await assert.rejects(
        useCases.reserveStock.execute(orderId, [
          { sku: plenty, quantity: 3 },
          { sku: scarce, quantity: 2 },
        ]),
        { code: 'INVENTORY.INSUFFICIENT_STOCK', details: { sku: scarce, requested: 2, available: 1 } },
      );
      assert.equal(await stockOf(plenty), 10);
      assert.equal(await stockOf(scarce), 1);
      assert.equal(await reservations.get(orderId), undefined);
      // Nothing was left behind, so the same order may try again with what there is.
      await useCases.reserveStock.execute(orderId, [{ sku: plenty, quantity: 3 }]);
      assert.equal(await stockOf(plenty), 7);
    });

    it('an unknown sku is PRODUCT_NOT_FOUND and takes nothing from the other lines', async () => {
      const known = await stocked(5);
      const orderId = anId();
      await assert.rejects(
        useCases.reserveStock.execute(orderId, [
          { sku: known, quantity: 1 },
          { sku: 'ZZ-NO-SUCH-SKU', quantity: 1 },
        ]),
        { code: 'INVENTORY.PRODUCT_NOT_FOUND' },
      );
      assert.equal(await stockOf(known), 5);
      assert.equal(reservations.size, 0);
    });

    it('is idempotent by order id: a repeat with the same lines answers the first reservation and takes nothing', async () => {
      const sku = await stocked(5);
      const orderId = anId();
      const first = await useCases.reserveStock.execute(orderId, [{ sku, quantity: 2 }]);
      clock.advance(60_000);
      const again = await useCases.reserveStock.execute(orderId, [{ sku, quantity: 2 }]);
      assert.deepEqual(again.snapshot(), first.snapshot());
      assert.equal(await stockOf(sku), 3);
    });

    it('a repeat with other lines is RESERVATION_MISMATCH and takes nothing', async () => {
      const sku = await stocked(5);
      const orderId = anId();
      await useCases.reserveStock.execute(orderId, [{ sku, quantity: 2 }]);
      await assert.rejects(useCases.reserveStock.execute(orderId, [{ sku, quantity: 1 }]), { code: 'INVENTORY.RESERVATION_MISMATCH' });
      assert.equal(await stockOf(sku), 3);
    });

    it('a repeat of a committed reservation answers it; of a released one is RESERVATION_CLOSED', async () => {
      const sku = await stocked(5);
      const committed = anId();
      await useCases.reserveStock.execute(committed, [{ sku, quantity: 1 }]);
      await useCases.commitStock.execute(committed);
      assert.equal((await useCases.reserveStock.execute(committed, [{ sku, quantity: 1 }])).status, 'COMMITTED');

      const released = anId();
      await useCases.reserveStock.execute(released, [{ sku, quantity: 1 }]);
      await useCases.releaseStock.execute(released);
      await assert.rejects(useCases.reserveStock.execute(released, [{ sku, quantity: 1 }]), { code: 'INVENTORY.RESERVATION_CLOSED' });
      assert.equal(await stockOf(sku), 4);
    });

    it('refuses bad lines before touching stock', async () => {
      const sku = await stocked(5);
      for (const lines of [[], [{ sku, quantity: 0 }], [{ sku, quantity: 1001 }], [{ sku, quantity: 1.5 }]]) {
        await assert.rejects(useCases.reserveStock.execute(anId(), lines), { code: 'VALIDATION.INVALID_VALUE' }, JSON.stringify(lines));
      }
      assert.equal(await stockOf(sku), 5);
      assert.equal(reservations.size, 0);
    });
  });

  describe('ReleaseStock', () => {
    it('puts the stock back once: a repeat release changes nothing', async () => {
      const sku = await stocked(5);
      const orderId = anId();
      await useCases.reserveStock.execute(orderId, [{ sku, quantity: 2 }]);
      clock.advance(1000);
      const released = await useCases.releaseStock.execute(orderId);
      assert.equal(released.status, 'RELEASED');
      assert.deepEqual(released.updatedAt, clock.now());
      assert.equal(await stockOf(sku), 5);
      clock.advance(1000);
      const again = await useCases.releaseStock.execute(orderId);
      assert.deepEqual(again.snapshot(), released.snapshot());
      assert.equal(await stockOf(sku), 5);
    });

    it('before any reserve leaves a tombstone: the late reserve is RESERVATION_CLOSED and takes nothing', async () => {
      const sku = await stocked(5);
      const orderId = anId();
      const tombstone = await useCases.releaseStock.execute(orderId);
      assert.equal(tombstone.status, 'RELEASED');
      assert.deepEqual(tombstone.lines, []);
      assert.equal((await reservations.get(orderId))?.status, 'RELEASED');
      await assert.rejects(useCases.reserveStock.execute(orderId, [{ sku, quantity: 2 }]), { code: 'INVENTORY.RESERVATION_CLOSED' });
      assert.equal(await stockOf(sku), 5);
      assert.equal((await useCases.releaseStock.execute(orderId)).status, 'RELEASED');
    });

    it('a committed reservation cannot be released: RESERVATION_CLOSED, the stock stays sold', async () => {
      const sku = await stocked(5);
      const orderId = anId();
      await useCases.reserveStock.execute(orderId, [{ sku, quantity: 2 }]);
      await useCases.commitStock.execute(orderId);
      await assert.rejects(useCases.releaseStock.execute(orderId), { code: 'INVENTORY.RESERVATION_CLOSED' });
      assert.equal(await stockOf(sku), 3);
      assert.equal((await reservations.get(orderId))?.status, 'COMMITTED');
    });
  });

  describe('CommitStock', () => {
    it('commits once, moves no stock, and a repeat answers the committed reservation', async () => {
      const sku = await stocked(5);
      const orderId = anId();
      await useCases.reserveStock.execute(orderId, [{ sku, quantity: 2 }]);
      clock.advance(1000);
      const committed = await useCases.commitStock.execute(orderId);
      assert.equal(committed.status, 'COMMITTED');
      assert.equal(await stockOf(sku), 3);
      clock.advance(1000);
      assert.deepEqual((await useCases.commitStock.execute(orderId)).snapshot(), committed.snapshot());
      assert.equal(await stockOf(sku), 3);
    });

    it('an order without a reservation is RESERVATION_NOT_FOUND and leaves nothing behind', async () => {
      const orderId = anId();
      await assert.rejects(useCases.commitStock.execute(orderId), { code: 'INVENTORY.RESERVATION_NOT_FOUND', details: { orderId } });
      assert.equal(reservations.size, 0);
    });

    it('a released reservation cannot be committed: RESERVATION_CLOSED', async () => {
      const sku = await stocked(5);
      const orderId = anId();
      await useCases.reserveStock.execute(orderId, [{ sku, quantity: 2 }]);
      await useCases.releaseStock.execute(orderId);
      await assert.rejects(useCases.commitStock.execute(orderId), { code: 'INVENTORY.RESERVATION_CLOSED' });
      assert.equal(await stockOf(sku), 5);
    });
  });
});
