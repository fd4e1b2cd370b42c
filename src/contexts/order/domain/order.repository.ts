import type { Order } from './order.aggregate.js';

export interface OrderPage {
  items: Order[];
  total: number;
}

/**
 * Port. The same vocabulary as every context's repositories: get, add, update(id, change). Each
 * method is one atomic unit: an adapter never leaves an order without its lines or history.
 */
export interface OrderRepository {
  /** By id; undefined when there is no such order. */
  get(id: string): Promise<Order | undefined>;
  /** Newest first. */
  listByCustomer(customerId: string, page: { limit: number; offset: number }): Promise<OrderPage>;
  /**
   * Stores the order (with its lines and first history entry) unless its id is taken; then writes
   * nothing and returns the stored one with created: false (the caller decides whether that is a
   * repeat). The id key, not a read-then-write, decides between concurrent creates.
   */
  add(order: Order): Promise<{ aggregate: Order; created: boolean }>;
  /**
   * Loads the order while no one else can change it, hands it to `change` (undefined when there is
   * none) and saves what `change` returns: status, version and the history entries appended since
   * the load, together. `change` mutates and returns `current`, or returns undefined for "no
   * change". Resolves to what was saved, else the current order (undefined when there is none).
   * Creating goes through `add`, never through here.
   */
  update(id: string, change: (current: Order | undefined) => Order | undefined): Promise<Order | undefined>;
}
