import type { Knex } from 'knex';
import { isUuid } from '../../../../shared/kernel/ids.js';
import type { Customer } from '../../domain/customer.aggregate.js';
import { CustomerEmailTaken } from '../../domain/customer.errors.js';
import type { CustomerRepository } from '../../domain/customer.repository.js';
import type { Email } from '../../domain/email.value.js';
import { CustomerMapper } from './customer.mapper.js';
import { CustomerRecord } from './customer.record.js';
import { CUSTOMERS_EMAIL_UNIQUE } from './migrations/001-create-customers.js';

const UNIQUE_VIOLATION = '23505';

interface PgError {
  code?: string;
  constraint?: string;
  nativeError?: { code?: string; constraint?: string };
}

export class ObjectionCustomerRepository implements CustomerRepository {
  // Bound to this context's own knex: no global Model.knex(), so two contexts in one process stay apart.
  private readonly Customers: typeof CustomerRecord;

  constructor(private readonly knex: Knex) {
    this.Customers = CustomerRecord.bindKnex(knex);
  }

  async add(customer: Customer): Promise<void> {
    try {
      await this.Customers.query().insert(CustomerMapper.toRow(customer));
    } catch (error) {
      const native = (error as PgError).nativeError ?? (error as PgError);
      if (native.code === UNIQUE_VIOLATION && native.constraint === CUSTOMERS_EMAIL_UNIQUE) {
        throw new CustomerEmailTaken(customer.email.value);
      }
      throw error;
    }
  }

  async findById(id: string): Promise<Customer | undefined> {
    // Postgres rejects a malformed uuid with an error; for us it simply names nobody.
    if (!isUuid(id)) return undefined;
    const row = await this.Customers.query().findById(id);
    return row ? CustomerMapper.toCustomer(row) : undefined;
  }

  async findByEmail(email: Email): Promise<Customer | undefined> {
    // Same expression as the unique index, so the index serves this look-up.
    const row = await this.Customers.query().whereRaw('lower(email) = lower(?)', [email.value]).first();
    return row ? CustomerMapper.toCustomer(row) : undefined;
  }

  async update(id: string, change: (customer: Customer) => boolean): Promise<Customer | undefined> {
    if (!isUuid(id)) return undefined;
    return this.knex.transaction(async (trx) => {
      const row = await this.Customers.query(trx).findById(id).forUpdate();
      if (!row) return undefined;
      const customer = CustomerMapper.toCustomer(row);
      if (change(customer)) {
        // Only the mutable columns: email and password hash are never rewritten from a loaded copy.
        await this.Customers.query(trx).findById(id).patch({
          name: customer.name,
          status: customer.status,
          updated_at: customer.updatedAt,
        });
      }
      return customer;
    });
  }
}
