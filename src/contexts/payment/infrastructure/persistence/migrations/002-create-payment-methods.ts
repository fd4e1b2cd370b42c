import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';

/**
 * Tokens for cards, so the saga (and Temporal's history) carries `pm_...` instead of a card
 * number. The checks make the table unable to hold one: no column takes a run of 12+ digits.
 */
export const createPaymentMethods: Migration = {
  name: '002-create-payment-methods',
  async up(knex) {
    await knex.schema.createTable('payment_methods', (table) => {
      table.string('id', 27).primary();
      table.uuid('customer_id').notNullable();
      table.string('brand', 16).notNullable();
      table.specificType('last4', 'char(4)').notNullable();
      // The simulator's reference for a test card; null for any other (valid) card, which it declines.
      table.string('simulated_behaviour', 24).nullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
    });
    await knex.raw("alter table payment_methods add constraint payment_methods_id_format check (id ~ '^pm_[A-Za-z0-9_-]{24}$')");
    await knex.raw("alter table payment_methods add constraint payment_methods_brand_format check (brand ~ '^[a-z]{1,16}$')");
    await knex.raw("alter table payment_methods add constraint payment_methods_last4_digits check (last4 ~ '^[0-9]{4}$')");
    await knex.raw(
      'alter table payment_methods add constraint payment_methods_simulated_behaviour_valid check ' +
        '(simulated_behaviour is null or simulated_behaviour in ' +
        "('APPROVE','DECLINE','TRANSIENT_FAILURE','REQUIRES_CONFIRMATION','SLOW_APPROVE'))",
    );
  },
  async down(knex) {
    await knex.schema.dropTable('payment_methods');
  },
};
