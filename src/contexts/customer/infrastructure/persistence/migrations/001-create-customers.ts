import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';

/** Named so the repository can tell "email taken" apart from any other unique violation. */
export const CUSTOMERS_EMAIL_UNIQUE = 'customers_email_lower_unique';

export const createCustomers: Migration = {
  name: '001-create-customers',
  async up(knex) {
    await knex.schema.createTable('customers', (table) => {
      table.uuid('id').primary();
      table.string('email', 254).notNullable();
      table.string('name', 100).notNullable();
      table.string('status', 16).notNullable();
      table.text('password_hash').nullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable();
    });
    // Uniqueness ignores case, and the index (not a read-then-insert) decides between concurrent sign-ups.
    await knex.raw(`create unique index ${CUSTOMERS_EMAIL_UNIQUE} on customers (lower(email))`);
    await knex.raw("alter table customers add constraint customers_status_valid check (status in ('ACTIVE','DEACTIVATED'))");
  },
  async down(knex) {
    await knex.schema.dropTable('customers');
  },
};
