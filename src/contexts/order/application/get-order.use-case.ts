import { isUuid } from '../../../shared/kernel/ids.js';
import type { Order } from '../domain/order.aggregate.js';
import { OrderNotFound } from '../domain/order.errors.js';
import type { OrderRepository } from '../domain/order.repository.js';

export class GetOrder {
  constructor(private readonly repository: OrderRepository) {}

  async execute(orderId: string): Promise<Order> {
    // A non-uuid can name no order; asking storage would only trade a 404 for a type error.
    const order = isUuid(orderId) ? await this.repository.get(orderId.toLowerCase()) : undefined;
    if (!order) throw new OrderNotFound(orderId);
    return order;
  }
}
