import type { CustomerStatus } from '../domain/customer.aggregate.js';
import { CustomerNotFound } from '../domain/customer.errors.js';
import type { CustomerRepository } from '../domain/customer.repository.js';
import { Email } from '../domain/email.value.js';

export interface CustomerCredentials {
  customerId: string;
  status: CustomerStatus;
  /** null for a customer registered without a password: such a customer cannot log in. */
  passwordHash: string | null;
}

/**
 * The only read that hands out the password hash, for the gateway's login. Checking the
 * password (and refusing deactivated customers) is the gateway's decision, not ours.
 */
export class LookupCredentials {
  constructor(private readonly repository: CustomerRepository) {}

  async execute(email: string): Promise<CustomerCredentials> {
    const customer = await this.repository.findByEmail(Email.of(email));
    if (!customer) throw new CustomerNotFound({ email: email.trim() });
    return { customerId: customer.id, status: customer.status, passwordHash: customer.passwordHash ?? null };
  }
}
