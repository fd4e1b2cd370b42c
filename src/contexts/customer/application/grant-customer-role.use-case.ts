import type { Clock } from '../../../shared/kernel/clock.js';
import type { Customer, CustomerRole } from '../domain/customer.aggregate.js';
import { CustomerNotFound } from '../domain/customer.errors.js';
import type { CustomerRepository } from '../domain/customer.repository.js';
import { Email } from '../domain/email.value.js';

/** Grants a role to the customer with that email (the operator CLI knows people by email). */
export class GrantCustomerRole {
  constructor(
    private readonly repository: CustomerRepository,
    private readonly clock: Clock,
  ) {}

  /** Idempotent: granting a role the customer has returns the customer unchanged. */
  async execute(request: { email: string; role: CustomerRole }): Promise<Customer> {
    const email = Email.of(request.email);
    const found = await this.repository.findByEmail(email);
    if (!found) throw new CustomerNotFound({ email: email.value });
    const now = this.clock.now();
    const customer = await this.repository.update(found.id, (current) => (current?.grantRole(request.role, now) ? current : undefined));
    if (!customer) throw new CustomerNotFound({ email: email.value });
    return customer;
  }
}
