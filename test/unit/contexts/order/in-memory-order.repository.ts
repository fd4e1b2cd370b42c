import { Order } from '../../../../src/contexts/order/domain/order.aggregate.js';
import type { OrderPage, OrderRepository } from '../../../../src/contexts/order/domain/order.repository.js';
import { answer } from '../../../support/doubles/async.js';

/** Keeps copies, not references, so a test sees only what was persisted, like with a database. */
export class InMemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, Order>();

  get(id: string): Promise<Order | undefined> {
    return answer(() => {
      const order = this.orders.get(id);
      return order && copy(order);
    });
  }

  listByCustomer(customerId: string, page: { limit: number; offset: number }): Promise<OrderPage> {
    return answer(() => {
      const mine = [...this.orders.values()]
        .filter((order) => order.customerId === customerId)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id));
      return { items: mine.slice(page.offset, page.offset + page.limit).map(copy), total: mine.length };
    });
  }

  add(order: Order): Promise<{ aggregate: Order; created: boolean }> {
    return answer(() => {
      const existing = this.orders.get(order.id);
      if (existing) return { aggregate: copy(existing), created: false };
      this.orders.set(order.id, copy(order));
      return { aggregate: copy(order), created: true };
    });
  }

  update(id: string, change: (current: Order | undefined) => Order | undefined): Promise<Order | undefined> {
    return answer(() => {
      const stored = this.orders.get(id);
      const next = change(stored && copy(stored));
      if (!next) return stored && copy(stored);
      if (!stored) throw new Error('update cannot create an order; add does');
      this.orders.set(id, copy(next));
      return copy(next);
    });
  }

  get size(): number {
    return this.orders.size;
  }
}

function copy(order: Order): Order {
  return Order.restore({
    id: order.id,
    customerId: order.customerId,
    lines: [...order.lines],
    status: order.status,
    history: [...order.history],
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    version: order.version,
  });
}
