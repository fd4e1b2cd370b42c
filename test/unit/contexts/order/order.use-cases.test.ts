import assert from 'node:assert/strict';
import { CreateOrder, type CreateOrderCommand } from '../../../../src/contexts/order/application/create-order.use-case.js';
import { GetOrder } from '../../../../src/contexts/order/application/get-order.use-case.js';
import { ListCustomerOrders } from '../../../../src/contexts/order/application/list-customer-orders.use-case.js';
import { TransitionOrder } from '../../../../src/contexts/order/application/transition-order.use-case.js';
import { TestClock } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';
import { InMemoryOrderRepository } from './in-memory-order.repository.js';
import { anOrder } from './order.builder.js';

describe('order use cases (in memory)', () => {
  let repository: InMemoryOrderRepository;
  let clock: TestClock;
  let useCases: ReturnType<typeof build>;

  const build = () => ({
    createOrder: new CreateOrder(repository, clock),
    getOrder: new GetOrder(repository),
    listCustomerOrders: new ListCustomerOrders(repository),
    transitionOrder: new TransitionOrder(repository, clock),
  });

  beforeEach(() => {
    repository = new InMemoryOrderRepository();
    clock = new TestClock();
    useCases = build();
  });

  /** An order already stored, placed at the clock's time. */
  async function stored(overrides: Parameters<typeof anOrder>[0] = {}) {
    const order = anOrder({ at: clock.now(), ...overrides });
    await repository.add(order);
    return order;
  }

  describe('CreateOrder', () => {
    const command = (overrides: Partial<CreateOrderCommand> = {}): CreateOrderCommand => ({
      id: anId(),
      customerId: anId(),
      currency: 'EUR',
      lines: [{ sku: 'MUG-1', name: 'Mug', unitPriceMinor: 1400, quantity: 2 }],
      by: 'customer',
      reason: 'order placed',
      ...overrides,
    });

    it('creates a PENDING order at the clock time with its first history entry', async () => {
      const request = command();
      const { order, created } = await useCases.createOrder.execute(request);
      assert.equal(created, true);
      assert.equal(order.status, 'PENDING');
      assert.deepEqual(order.createdAt, clock.now());
      assert.deepEqual(order.total.toJSON(), { amountMinor: 2800, currency: 'EUR' });
      assert.equal((await repository.get(request.id))?.history.length, 1);
    });

    it('creates once; a repeat returns the stored order, a different request is refused', async () => {
      const request = command();
      const first = await useCases.createOrder.execute(request);
      clock.advance(1000);
      const repeat = await useCases.createOrder.execute({ ...request, by: 'saga', reason: 'retry' });
      assert.equal(repeat.created, false);
      assert.deepEqual(repeat.order.createdAt, first.order.createdAt);
      assert.equal(repeat.order.history.length, 1);
      await assert.rejects(
        useCases.createOrder.execute({ ...request, lines: [{ sku: 'MUG-1', name: 'Mug', unitPriceMinor: 1400, quantity: 3 }] }),
        { code: 'ORDER.ALREADY_EXISTS', kind: 'conflict' },
      );
      await assert.rejects(useCases.createOrder.execute({ ...request, customerId: anId() }), { code: 'ORDER.ALREADY_EXISTS' });
      await assert.rejects(useCases.createOrder.execute({ ...request, currency: 'USD' }), { code: 'ORDER.ALREADY_EXISTS' });
      assert.equal(repository.size, 1);
    });

    it('rejects an invalid order before anything is stored', async () => {
      const duplicateSku = { sku: 'MUG-1', name: 'Mug', unitPriceMinor: 1, quantity: 1 };
      await assert.rejects(useCases.createOrder.execute(command({ lines: [duplicateSku, duplicateSku] })), { code: 'ORDER.DUPLICATE_SKU' });
      await assert.rejects(useCases.createOrder.execute(command({ lines: [] })), { code: 'VALIDATION.INVALID_VALUE' });
      assert.equal(repository.size, 0);
    });
  });

  describe('GetOrder', () => {
    it('reads a stored order, ids in any case; unknown and malformed ids are not found', async () => {
      const order = await stored();
      assert.equal((await useCases.getOrder.execute(order.id.toUpperCase())).id, order.id);
      await assert.rejects(useCases.getOrder.execute(anId()), { code: 'ORDER.NOT_FOUND', kind: 'not_found' });
      await assert.rejects(useCases.getOrder.execute('nope'), { code: 'ORDER.NOT_FOUND' });
    });
  });

  describe('ListCustomerOrders', () => {
    it("lists a customer's orders newest first, a page at a time", async () => {
      const customerId = anId();
      const ids: string[] = [];
      for (let n = 1; n <= 3; n++) {
        ids.push((await stored({ customerId })).id);
        clock.advance(1000);
      }
      await stored();
      const page = await useCases.listCustomerOrders.execute({ customerId, limit: 2, offset: 0 });
      assert.equal(page.total, 3);
      assert.deepEqual(
        page.items.map((o) => o.id),
        [ids[2], ids[1]],
      );
      assert.deepEqual(
        (await useCases.listCustomerOrders.execute({ customerId, limit: 2, offset: 2 })).items.map((o) => o.id),
        [ids[0]],
      );
    });

    it('rejects a malformed customer id before asking the store', () => {
      assert.throws(() => useCases.listCustomerOrders.execute({ customerId: 'nope', limit: 1, offset: 0 }), {
        code: 'VALIDATION.INVALID_VALUE',
      });
    });
  });

  describe('TransitionOrder', () => {
    it('transitions with the clock time; the same status again records nothing', async () => {
      const { id } = await stored();
      clock.advance(60_000);
      const order = await useCases.transitionOrder.execute({ orderId: id, to: 'STOCK_RESERVED', by: 'saga', reason: 'reserved' });
      assert.equal(order.status, 'STOCK_RESERVED');
      assert.deepEqual(order.history.at(-1)?.at, clock.now());
      const again = await useCases.transitionOrder.execute({ orderId: id, to: 'STOCK_RESERVED', by: 'saga', reason: 'retry' });
      assert.equal(again.history.length, 2);
      assert.equal((await repository.get(id))?.version, 2);
    });

    it('refuses an illegal move and leaves the order as it was', async () => {
      const { id } = await stored({ through: ['STOCK_RESERVED'] });
      await assert.rejects(useCases.transitionOrder.execute({ orderId: id, to: 'PENDING', by: 'saga', reason: '' }), {
        code: 'ORDER.ILLEGAL_TRANSITION',
        details: { orderId: id, from: 'STOCK_RESERVED', to: 'PENDING' },
      });
      assert.equal((await useCases.getOrder.execute(id)).history.length, 2);
    });

    it('unknown and malformed ids are not found', async () => {
      await assert.rejects(useCases.transitionOrder.execute({ orderId: anId(), to: 'CANCELLED', by: 'saga', reason: '' }), {
        code: 'ORDER.NOT_FOUND',
      });
      await assert.rejects(useCases.transitionOrder.execute({ orderId: 'nope', to: 'CANCELLED', by: 'saga', reason: '' }), {
        code: 'ORDER.NOT_FOUND',
      });
    });
  });
});
