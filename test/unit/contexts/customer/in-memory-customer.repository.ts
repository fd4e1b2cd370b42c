import { Customer } from '../../../../src/contexts/customer/domain/customer.aggregate.js';
import { CustomerEmailTaken } from '../../../../src/contexts/customer/domain/customer.errors.js';
import type { CustomerRepository } from '../../../../src/contexts/customer/domain/customer.repository.js';
import type { Email } from '../../../../src/contexts/customer/domain/email.value.js';

/** Holds copies, like a database would: a caller mutating a returned customer changes nothing stored. */
export class InMemoryCustomerRepository implements CustomerRepository {
  private readonly rows = new Map<string, Customer>();

  async add(customer: Customer): Promise<void> {
    for (const row of this.rows.values()) {
      if (row.email.equals(customer.email)) throw new CustomerEmailTaken(customer.email.value);
    }
    this.rows.set(customer.id, copy(customer));
  }

  async findById(id: string): Promise<Customer | undefined> {
    const row = this.rows.get(id);
    return row && copy(row);
  }

  async findByEmail(email: Email): Promise<Customer | undefined> {
    const row = [...this.rows.values()].find((candidate) => candidate.email.equals(email));
    return row && copy(row);
  }

  async update(id: string, change: (customer: Customer) => boolean): Promise<Customer | undefined> {
    const row = this.rows.get(id);
    if (!row) return undefined;
    const working = copy(row);
    if (change(working)) this.rows.set(id, copy(working));
    return working;
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
    passwordHash: customer.passwordHash,
    createdAt: new Date(customer.createdAt),
    updatedAt: new Date(customer.updatedAt),
  });
}
