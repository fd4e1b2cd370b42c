import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';

export const createPaymentsAndAttempts: Migration = {
  name: '001-create-payments-and-attempts',
  async up(knex) {
    await knex.schema.createTable('payments', (table) => {
      table.uuid('id').primary();
      // The idempotency key: one payment per order, whoever inserts first wins.
      table.uuid('order_id').notNullable().unique({ indexName: 'payments_order_id_unique' });
      // Null only on a tombstone (refund before any charge).
      table.uuid('customer_id').nullable();
      table.bigInteger('amount_minor').nullable();
      table.specificType('currency', 'char(3)').nullable();
      table.string('status', 24).notNullable();
      // Only the last four digits and the brand, ever: the full number is never stored.
      table.specificType('card_last4', 'char(4)').nullable();
      table.string('card_brand', 16).nullable();
      table.string('decline_reason', 200).nullable();
      table.string('refund_reason', 500).nullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable();
      table.timestamp('captured_at', { useTz: true }).nullable();
      table.timestamp('confirmed_at', { useTz: true }).nullable();
      table.timestamp('refunded_at', { useTz: true }).nullable();
    });
    await knex.raw(
      'alter table payments add constraint payments_status_valid check ' +
        "(status in ('CAPTURED','DECLINED','REQUIRES_CONFIRMATION','REFUNDED','VOIDED'))",
    );
    await knex.raw('alter table payments add constraint payments_amount_positive check (amount_minor is null or amount_minor > 0)');
    await knex.raw(
      "alter table payments add constraint payments_card_last4_digits check (card_last4 is null or card_last4 ~ '^[0-9]{4}$')",
    );
    // Anything but a tombstone carries what was charged.
    await knex.raw(
      "alter table payments add constraint payments_charge_complete check (customer_id is null and status = 'VOIDED' or " +
        '(customer_id is not null and amount_minor is not null and currency is not null ' +
        'and card_last4 is not null and card_brand is not null))',
    );

    await knex.schema.createTable('payment_attempts', (table) => {
      table.bigIncrements('id').primary();
      table.uuid('order_id').notNullable();
      table.integer('attempt').notNullable();
      table.string('outcome', 24).notNullable();
      table.string('error_code', 64).nullable();
      table.timestamp('at', { useTz: true }).notNullable();
      table.unique(['order_id', 'attempt'], { indexName: 'payment_attempts_order_attempt_unique' });
    });
    await knex.raw(
      'alter table payment_attempts add constraint payment_attempts_outcome_valid check ' +
        "(outcome in ('APPROVED','DECLINED','TRANSIENT_FAILURE','REQUIRES_CONFIRMATION'))",
    );
    await knex.raw('alter table payment_attempts add constraint payment_attempts_attempt_positive check (attempt >= 1)');
  },
  async down(knex) {
    await knex.schema.dropTable('payment_attempts');
    await knex.schema.dropTable('payments');
  },
};
