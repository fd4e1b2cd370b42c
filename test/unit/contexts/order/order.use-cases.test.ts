import assert from 'node:assert/strict';
import { CreateOrder, type CreateOrderCommand } from '../../../../src/contexts/order/application/create-order.use-case.js';
import { GetOrder } from '../../../../src/contexts/order/application/get-order.use-case.js';
import { ListCustomerOrders } from '../../../../src/contexts/order/application/list-customer-orders.use-case.js';
import { TransitionOrder } from '../../../../src/contexts/order/application/transition-order.use-case.js';
import type { Clock } from '../../../../src/shared/kernel/clock.js';
import { InMemoryOrderRepository } from './in-memory-order.repository.js';

const CUSTOMER = '0b6c7d8e-9f01-4a2b-8c3d-4e5f6a7b8c9d';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

class FixedClock implements Clock {
  constructor(private current = new Date('2026-01-01T00:00:00Z')) {}
  now(): Date {
    return this.current;
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

describe('order use cases (in memory)', () => {
  let repository: InMemoryOrderRepository;
  let clock: FixedClock;
  let create: CreateOrder;
  let transition: TransitionOrder;

  const command = (overrides: Partial<CreateOrderCommand> = {}): CreateOrderCommand => ({
    id: id(1),
    customerId: CUSTOMER,
    currency: 'EUR',
    lines: [{ sku: 'MUG-1', name: 'Mug', unitPriceMinor: 1400, quantity: 2 }],
    by: 'customer',
    reason: 'order placed',
    ...overrides,
  });

  beforeEach(() => {
    repository = new InMemoryOrderRepository();
    clock = new FixedClock();
    create = new CreateOrder(repository, clock);
    transition = new TransitionOrder(repository, clock);
  });

  it('creates once; a repeat returns the stored order, a different request is refused', async () => {
    const first = await create.execute(command());
    assert.equal(first.created, true);
    clock.advance(1000);
    const repeat = await create.execute(command({ by: 'saga', reason: 'retry' }));
    assert.equal(repeat.created, false);
    assert.deepEqual(repeat.order.createdAt, first.order.createdAt);
    assert.equal(repeat.order.history.length, 1);
    await assert.rejects(create.execute(command({ lines: [{ sku: 'MUG-1', name: 'Mug', unitPriceMinor: 1400, quantity: 3 }] })), {
      code: 'ORDER.ALREADY_EXISTS',
      kind: 'conflict',
    });
    await assert.rejects(create.execute(command({ customerId: id(99) })), { code: 'ORDER.ALREADY_EXISTS' });
    await assert.rejects(create.execute(command({ currency: 'USD' })), { code: 'ORDER.ALREADY_EXISTS' });
  });

  it('transitions with the clock time and reports unknown orders', async () => {
    await create.execute(command());
    clock.advance(60_000);
    const order = await transition.execute({ orderId: id(1), to: 'STOCK_RESERVED', by: 'saga', reason: 'reserved' });
    assert.equal(order.status, 'STOCK_RESERVED');
    assert.deepEqual(order.history.at(-1)?.at, clock.now());
    const again = await transition.execute({ orderId: id(1), to: 'STOCK_RESERVED', by: 'saga', reason: 'retry' });
    assert.equal(again.history.length, 2);
    await assert.rejects(transition.execute({ orderId: id(1), to: 'PENDING', by: 'saga', reason: '' }), {
      code: 'ORDER.ILLEGAL_TRANSITION',
      details: { orderId: id(1), from: 'STOCK_RESERVED', to: 'PENDING' },
    });
    assert.equal((await new GetOrder(repository).execute(id(1))).history.length, 2);
    await assert.rejects(transition.execute({ orderId: id(2), to: 'CANCELLED', by: 'saga', reason: '' }), { code: 'ORDER.NOT_FOUND' });
    await assert.rejects(transition.execute({ orderId: 'nope', to: 'CANCELLED', by: 'saga', reason: '' }), { code: 'ORDER.NOT_FOUND' });
    await assert.rejects(new GetOrder(repository).execute(id(2)), { code: 'ORDER.NOT_FOUND', kind: 'not_found' });
  });

  it('lists a customer\'s orders newest first', async () => {
    for (let n = 1; n <= 3; n++) {
      await create.execute(command({ id: id(n) }));
      clock.advance(1000);
    }
    await create.execute(command({ id: id(9), customerId: id(77) }));
    const list = new ListCustomerOrders(repository);
    const page = await list.execute({ customerId: CUSTOMER, limit: 2, offset: 0 });
    assert.equal(page.total, 3);
    assert.deepEqual(page.items.map((o) => o.id), [id(3), id(2)]);
    assert.deepEqual((await list.execute({ customerId: CUSTOMER, limit: 2, offset: 2 })).items.map((o) => o.id), [id(1)]);
  });
});
