import type { Customer } from './customer.aggregate.js';
import type { Email } from './email.value.js';

/** Port. The same vocabulary as every context's repositories: get, add, update(id, change). */
export interface CustomerRepository {
  /** By id; undefined when there is no such customer. */
  get(id: string): Promise<Customer | undefined>;
  /** Case-insensitive exact match. */
  findByEmail(email: Email): Promise<Customer | undefined>;
  /**
   * Inserts unless a customer with this id or this email (ignoring case) is already stored; then
   * writes nothing and returns the stored one with created: false. The store's unique keys decide
   * (not a read first), so of concurrent sign-ups with one email exactly one is created.
   */
  add(customer: Customer): Promise<{ aggregate: Customer; created: boolean }>;
  /**
   * Loads the customer held exclusively for the duration (two changes never overwrite each other),
   * hands it to `change` (undefined when there is none) and saves what `change` returns: `change`
   * mutates and returns `current`, or returns undefined for "no change". Resolves to what was
   * saved, else the current customer (undefined when there is none). An error thrown by `change`
   * leaves the stored customer untouched. Creating goes through `add`, never through here.
   */
  update(id: string, change: (current: Customer | undefined) => Customer | undefined): Promise<Customer | undefined>;
}
