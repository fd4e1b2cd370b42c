import type { Customer } from './customer.aggregate.js';
import type { Email } from './email.value.js';

/** Port. */
export interface CustomerRepository {
  /** Inserts; throws CustomerEmailTaken when the email (ignoring case) is already used, decided by the store. */
  add(customer: Customer): Promise<void>;
  findById(id: string): Promise<Customer | undefined>;
  /** Case-insensitive exact match. */
  findByEmail(email: Email): Promise<Customer | undefined>;
  /**
   * Runs `change` on the customer held exclusively for the duration (so two changes never
   * overwrite each other) and persists it when `change` returns true; an error thrown by
   * `change` leaves the stored customer untouched. Resolves undefined when there is no such id.
   */
  update(id: string, change: (customer: Customer) => boolean): Promise<Customer | undefined>;
}
