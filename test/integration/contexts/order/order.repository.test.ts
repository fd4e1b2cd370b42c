import assert from 'node:assert/strict';
import type { OrderRepository } from '../../../../src/contexts/order/domain/order.repository.js';
import { orderMigrations } from '../../../../src/contexts/order/infrastructure/persistence/migrations/index.js';
import { ObjectionOrderRepository } from '../../../../src/contexts/order/infrastructure/persistence/objection-order.repository.js';
import { anId } from '../../../support/doubles/ids.js';
import { describeBothRepositories } from '../../../support/repository-contract.js';
import { InMemoryOrderRepository } from '../../../unit/contexts/order/in-memory-order.repository.js';
import { anOrder, anOrderLine } from '../../../unit/contexts/order/order.builder.js';

const SAGA = { by: 'saga', reason: 'step' };

/** The repository vocabulary (get, add, update) means the same in Postgres and in the double the unit tests use. */
describeBothRepositories<OrderRepository>(
  'OrderRepository',
  { migrations: orderMigrations, inMemory: () => new InMemoryOrderRepository(), postgres: (knex) => new ObjectionOrderRepository(knex) },
  (make) => {
    let repository: OrderRepository;
    beforeEach(async () => {
      repository = await make();
    });

    it('add inserts once with lines and history; the same id again writes nothing and answers with the stored one', async () => {
      const order = anOrder({ lines: [anOrderLine({ quantity: 2 }), anOrderLine()] });
      const first = await repository.add(order);
      assert.equal(first.created, true);
      const again = await repository.add(anOrder({ id: order.id }));
      assert.equal(again.created, false);
      assert.equal(again.aggregate.customerId, order.customerId);
      assert.deepEqual(
        again.aggregate.lines.map((line) => [line.sku, line.quantity]),
        order.lines.map((line) => [line.sku, line.quantity]),
      );
      assert.deepEqual(again.aggregate.history, order.history);
    });

    it('get answers undefined for an unknown or malformed id', async () => {
      assert.equal(await repository.get(anId()), undefined);
      assert.equal(await repository.get('nope'), undefined);
    });

    it('update saves status, version and the appended history; undefined from change saves nothing', async () => {
      const order = anOrder();
      await repository.add(order);
      const later = new Date(order.createdAt.getTime() + 1000);
      const moved = await repository.update(order.id, (current) =>
        current?.transitionTo('STOCK_RESERVED', SAGA, later) ? current : undefined,
      );
      assert.deepEqual([moved?.status, moved?.version, moved?.history.length], ['STOCK_RESERVED', 2, 2]);
      const untouched = await repository.update(order.id, (current) => {
        current?.transitionTo('CANCELLED', SAGA, later);
        return undefined;
      });
      assert.equal(untouched?.status, 'STOCK_RESERVED', 'answers with what is stored, not with what change did to its copy');
      const stored = await repository.get(order.id);
      assert.deepEqual([stored?.status, stored?.version], ['STOCK_RESERVED', 2]);
      assert.deepEqual(
        stored?.history.map((entry) => [entry.from, entry.to]),
        [
          [null, 'PENDING'],
          ['PENDING', 'STOCK_RESERVED'],
        ],
      );
    });

    it('update of an unknown id hands change undefined and answers undefined', async () => {
      const seen: unknown[] = [];
      const result = await repository.update(anId(), (current) => {
        seen.push(current);
        return undefined;
      });
      assert.deepEqual([result, seen], [undefined, [undefined]]);
    });

    it('an error thrown by change leaves the stored order untouched', async () => {
      const order = anOrder({ through: ['CANCELLED'] });
      await repository.add(order);
      await assert.rejects(
        repository.update(order.id, (current) => (current?.transitionTo('PAID', SAGA, new Date()) ? current : undefined)),
        { code: 'ORDER.ILLEGAL_TRANSITION' },
      );
      assert.equal((await repository.get(order.id))?.status, 'CANCELLED');
    });
  },
);
