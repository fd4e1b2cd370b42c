import { assertUuid } from '../../../shared/kernel/ids.js';
import type { OrderPage, OrderRepository } from '../domain/order.repository.js';

export class ListCustomerOrders {
  constructor(private readonly repository: OrderRepository) {}

  execute(query: { customerId: string; limit: number; offset: number }): Promise<OrderPage> {
    const customerId = assertUuid(query.customerId, 'customerId');
    return this.repository.listByCustomer(customerId, { limit: query.limit, offset: query.offset });
  }
}
