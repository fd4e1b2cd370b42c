import { Customer, isCustomerRole } from '../../domain/customer.aggregate.js';
import { Email } from '../../domain/email.value.js';
import type { CustomerRecord } from './customer.record.js';

type CustomerRow = Pick<CustomerRecord, 'id' | 'email' | 'name' | 'status' | 'roles' | 'password_hash' | 'created_at' | 'updated_at'>;

export const CustomerMapper = {
  toCustomer(row: CustomerRow): Customer {
    return Customer.restore({
      id: row.id,
      email: Email.restore(row.email),
      name: row.name,
      status: row.status,
      // A role this code no longer knows grants nothing.
      roles: (row.roles ?? []).filter(isCustomerRole),
      passwordHash: row.password_hash ?? undefined,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    });
  },

  toRow(customer: Customer): CustomerRow {
    return {
      id: customer.id,
      email: customer.email.value,
      name: customer.name,
      status: customer.status,
      roles: [...customer.roles],
      password_hash: customer.passwordHash ?? null,
      created_at: customer.createdAt,
      updated_at: customer.updatedAt,
    };
  },
};
