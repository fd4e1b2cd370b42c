import { Order } from '../../../../src/contexts/order/domain/order.aggregate.js';
import type { OrderPage, OrderRepository } from '../../../../src/contexts/order/domain/order.repository.js';

/** Keeps copies, not references, so a test sees only what was persisted, like with a database. */
export class InMemoryOrderRepository implements OrderRepository {
  private readonly orders = new Map<string, Order>();

  async add(order: Order): Promise<{ order: Order; created: boolean }> {
    const existing = this.orders.get(order.id);
    if (existing) return { order: copy(existing), created: false };
    this.orders.set(order.id, copy(order));
    return { order, created: true };
  }

  async findById(id: string): Promise<Order | undefined> {
    const order = this.orders.get(id);
    return order && copy(order);
  }

  async listByCustomer(customerId: string, page: { limit: number; offset: number }): Promise<OrderPage> {
    const mine = [...this.orders.values()]
      .filter((order) => order.customerId === customerId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id));
    return { items: mine.slice(page.offset, page.offset + page.limit).map(copy), total: mine.length };
  }

  async change(id: string, change: (order: Order) => boolean): Promise<Order | undefined> {
    const stored = this.orders.get(id);
    if (!stored) return undefined;
    const working = copy(stored);
    if (change(working)) this.orders.set(id, copy(working));
    return working;
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
