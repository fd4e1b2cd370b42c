import assert from 'node:assert/strict';
import type { ProductRepository } from '../../../../src/contexts/inventory/domain/product.repository.js';
import { inventoryMigrations } from '../../../../src/contexts/inventory/infrastructure/persistence/migrations/index.js';
import { ObjectionProductRepository } from '../../../../src/contexts/inventory/infrastructure/persistence/objection-product.repository.js';
import { describeBothRepositories } from '../../../support/repository-contract.js';
import { InMemoryProductRepository } from '../../../unit/contexts/inventory/in-memory-product.repository.js';
import { aProduct } from '../../../unit/contexts/inventory/product.builder.js';

/** The repository vocabulary (get, list, add, update) means the same in Postgres and in the double the unit tests use. */
describeBothRepositories<ProductRepository>(
  'ProductRepository',
  {
    migrations: inventoryMigrations,
    inMemory: () => Promise.resolve(new InMemoryProductRepository()),
    postgres: async (knex) => {
      await knex('reservations').del();
      await knex('products').del();
      return new ObjectionProductRepository(knex);
    },
  },
  (make) => {
    let repository: ProductRepository;
    beforeEach(async () => {
      repository = await make();
    });

    it('add inserts once; the same sku again writes nothing and answers with the stored product', async () => {
      const product = aProduct({ stockAvailable: 3 });
      assert.deepEqual(await repository.add(product), { aggregate: product, created: true });
      const again = await repository.add(aProduct({ sku: product.sku, name: 'Impostor', stockAvailable: 99 }));
      assert.equal(again.created, false);
      assert.deepEqual(again.aggregate.snapshot(), product.snapshot());
      assert.deepEqual((await repository.get(product.sku))?.snapshot(), product.snapshot());
    });

    it('get answers undefined for an unknown sku', async () => {
      assert.equal(await repository.get('NO-SUCH-SKU'), undefined);
    });

    it('list answers a page ordered by sku, with the total', async () => {
      for (const sku of ['C-1', 'A-1', 'B-1']) await repository.add(aProduct({ sku }));
      const page = await repository.list({ limit: 2, offset: 1 });
      assert.deepEqual(
        page.items.map((p) => p.sku),
        ['B-1', 'C-1'],
      );
      assert.equal(page.total, 3);
    });

    it('update saves what change returns, and answers with the stored product when change returns undefined', async () => {
      const product = aProduct({ stockAvailable: 3 });
      await repository.add(product);
      const saved = await repository.update(product.sku, (current) => {
        current?.setStock(7);
        return current;
      });
      assert.equal(saved?.stockAvailable, 7);
      const untouched = await repository.update(product.sku, (current) => {
        current?.setStock(100);
        return undefined;
      });
      assert.equal(untouched?.stockAvailable, 7, 'answers with what is stored, not with what change did to its copy');
      assert.equal((await repository.get(product.sku))?.stockAvailable, 7);
    });

    it('update of an unknown sku hands change undefined; what it returns is stored', async () => {
      const seen: unknown[] = [];
      assert.equal(
        await repository.update('NO-SUCH-SKU', (current) => {
          seen.push(current);
          return undefined;
        }),
        undefined,
      );
      assert.deepEqual(seen, [undefined]);
      const product = aProduct();
      await repository.update(product.sku, () => product);
      assert.deepEqual((await repository.get(product.sku))?.snapshot(), product.snapshot());
    });

    it('an error thrown by change leaves the stored product untouched', async () => {
      const product = aProduct({ stockAvailable: 3 });
      await repository.add(product);
      await assert.rejects(
        repository.update(product.sku, (current) => {
          current?.setStock(-1);
          return current;
        }),
        { code: 'VALIDATION.INVALID_VALUE' },
      );
      assert.equal((await repository.get(product.sku))?.stockAvailable, 3);
    });
  },
);
