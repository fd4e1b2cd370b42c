import type { Knex } from 'knex';
import { isUuid } from '../../../../shared/kernel/ids.js';
import type { Customer } from '../../domain/customer.aggregate.js';
import type { CustomerRepository } from '../../domain/customer.repository.js';
import type { Email } from '../../domain/email.value.js';
import { CustomerMapper } from './customer.mapper.js';
import { CustomerRecord } from './customer.record.js';

export class ObjectionCustomerRepository implements CustomerRepository {
  // Bound to this context's own knex: no global Model.knex(), so two contexts in one process stay apart.
  private readonly Customers: typeof CustomerRecord;

  constructor(private readonly knex: Knex) {
    this.Customers = CustomerRecord.bindKnex(knex);
  }

  async get(id: string): Promise<Customer | undefined> {
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

  async add(customer: Customer): Promise<{ aggregate: Customer; created: boolean }> {
    // No conflict target: both the primary key and the unique index on lower(email) make the insert
    // give way. A concurrent sign-up with the same email waits here for the first one's commit, and
    // then finds the committed customer below.
    const inserted = await this.knex('customers').insert(CustomerMapper.toRow(customer)).onConflict().ignore().returning('id');
    if (inserted.length > 0) return { aggregate: customer, created: true };
    const stored = await this.Customers.query()
      .where('id', customer.id)
      .orWhereRaw('lower(email) = lower(?)', [customer.email.value])
      .first();
    if (!stored) throw new Error(`customer ${customer.id} conflicted on insert but cannot be read`);
    return { aggregate: CustomerMapper.toCustomer(stored), created: false };
  }

  async update(id: string, change: (current: Customer | undefined) => Customer | undefined): Promise<Customer | undefined> {
    if (!isUuid(id)) return absent(change);
    return this.knex.transaction(async (trx) => {
      const row = await this.Customers.query(trx).findById(id).forUpdate();
      if (!row) return absent(change);
      const next = change(CustomerMapper.toCustomer(row));
      if (!next) return CustomerMapper.toCustomer(row);
      // Only the mutable columns: email and password hash are never rewritten from a loaded copy.
      await this.Customers.query(trx)
        .findById(id)
        .patch({
          name: next.name,
          status: next.status,
          roles: [...next.roles],
          updated_at: next.updatedAt,
        });
      return next;
    });
  }
}

/** `change` still hears about a missing customer (it may want to fail), but update never creates one. */
function absent(change: (current: Customer | undefined) => Customer | undefined): undefined {
  if (change(undefined)) throw new Error('update cannot create a customer; add does');
  return undefined;
}
