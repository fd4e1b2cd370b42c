import type { Clock } from '../../../shared/kernel/clock.js';
import type { Customer, CustomerRole } from '../domain/customer.aggregate.js';
import { CustomerNotFound } from '../domain/customer.errors.js';
import type { CustomerRepository } from '../domain/customer.repository.js';
import { Email } from '../domain/email.value.js';

/** Grants or revokes a role of the customer with that email (the operator CLI knows people by email). */
export class ChangeCustomerRole {
  constructor(
    private readonly repository: CustomerRepository,
    private readonly clock: Clock,
  ) {}

  /** Idempotent: granting a role the customer has (or revoking one it lacks) returns the customer unchanged. */
  async execute(request: { email: string; role: CustomerRole; held: boolean }): Promise<Customer> {
    const email = Email.of(request.email);
    const found = await this.repository.findByEmail(email);
    if (!found) throw new CustomerNotFound({ email: email.value });
    const now = this.clock.now();
    const customer = await this.repository.update(found.id, (current) => {
      const changed = request.held ? current?.grantRole(request.role, now) : current?.revokeRole(request.role, now);
      return changed ? current : undefined;
    });
    if (!customer) throw new CustomerNotFound({ email: email.value });
    return customer;
  }
}
