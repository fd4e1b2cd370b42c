import { Customer } from '../../../../src/contexts/customer/domain/customer.aggregate.js';
import type { CustomerRepository } from '../../../../src/contexts/customer/domain/customer.repository.js';
import type { Email } from '../../../../src/contexts/customer/domain/email.value.js';
import { answer } from '../../../support/doubles/async.js';

/** Holds copies, like a database would: a caller mutating a returned customer changes nothing stored. */
export class InMemoryCustomerRepository implements CustomerRepository {
  private readonly rows = new Map<string, Customer>();

  get(id: string): Promise<Customer | undefined> {
    return answer(() => {
      const row = this.rows.get(id);
      return row && copy(row);
    });
  }

  findByEmail(email: Email): Promise<Customer | undefined> {
    return answer(() => {
      const row = [...this.rows.values()].find((candidate) => candidate.email.equals(email));
      return row && copy(row);
    });
  }

  add(customer: Customer): Promise<{ aggregate: Customer; created: boolean }> {
    return answer(() => {
      // Like the primary key and the unique index on lower(email).
      const stored = this.rows.get(customer.id) ?? [...this.rows.values()].find((row) => row.email.equals(customer.email));
      if (stored) return { aggregate: copy(stored), created: false };
      this.rows.set(customer.id, copy(customer));
      return { aggregate: copy(customer), created: true };
    });
  }

  update(id: string, change: (current: Customer | undefined) => Customer | undefined): Promise<Customer | undefined> {
    return answer(() => {
      const row = this.rows.get(id);
      const next = change(row && copy(row));
      if (!next) return row && copy(row);
      if (!row) throw new Error('update cannot create a customer; add does');
      this.rows.set(id, copy(next));
      return copy(next);
    });
  }

  get size(): number {
    return this.rows.size;
  }
}

function copy(customer: Customer): Customer {
  return Customer.restore({
    id: customer.id,
    email: customer.email,
    name: customer.name,
    status: customer.status,
    roles: [...customer.roles],
    passwordHash: customer.passwordHash,
    createdAt: new Date(customer.createdAt),
    updatedAt: new Date(customer.updatedAt),
  });
}
