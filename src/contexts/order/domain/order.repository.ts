import type { Order } from './order.aggregate.js';

export interface OrderPage {
  items: Order[];
  total: number;
}

/** Port. Each method is one atomic unit: an adapter never leaves an order without its lines or history. */
export interface OrderRepository {
  /**
   * Stores the order unless its id is taken; the id key (not a read-then-write) decides who wins.
   * Returns the stored order: this one (created) or the one already there (the caller decides
   * whether that is a repeat).
   */
  add(order: Order): Promise<{ order: Order; created: boolean }>;
  findById(id: string): Promise<Order | undefined>;
  /** Newest first. */
  listByCustomer(customerId: string, page: { limit: number; offset: number }): Promise<OrderPage>;
  /**
   * Runs `change` on the order while no one else can change it and persists the result (status,
   * version and appended history together) when it returns true. Undefined when there is no such order.
   */
  change(id: string, change: (order: Order) => boolean): Promise<Order | undefined>;
}
