import type { Customer } from '../domain/customer.aggregate.js';
import type { CustomerRepository } from '../domain/customer.repository.js';
import { Email } from '../domain/email.value.js';

export class FindCustomerByEmail {
  constructor(private readonly repository: CustomerRepository) {}

  /** Case-insensitive; no match is an answer (undefined), not an error. */
  execute(email: string): Promise<Customer | undefined> {
    return this.repository.findByEmail(Email.of(email));
  }
}
