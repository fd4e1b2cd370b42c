import type { Clock } from '../../../shared/kernel/clock.js';
import type { Customer } from '../domain/customer.aggregate.js';
import { CustomerNotFound } from '../domain/customer.errors.js';
import type { CustomerRepository } from '../domain/customer.repository.js';

export class DeactivateCustomer {
  constructor(
    private readonly repository: CustomerRepository,
    private readonly clock: Clock,
  ) {}

  /** Idempotent: a repeat returns the customer as the first call left it. */
  async execute(id: string): Promise<Customer> {
    const now = this.clock.now();
    const customer = await this.repository.update(id, (current) => (current?.deactivate(now) ? current : undefined));
    if (!customer) throw new CustomerNotFound({ id });
    return customer;
  }
}
