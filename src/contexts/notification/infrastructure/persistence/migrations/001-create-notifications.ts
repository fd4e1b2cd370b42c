import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';

export const createNotifications: Migration = {
  name: '001-create-notifications',
  async up(knex) {
    await knex.schema.createTable('notifications', (table) => {
      table.uuid('id').primary();
      // Insertion order breaks ties between notifications created in the same millisecond.
      table.specificType('seq', 'bigint generated always as identity');
      // The constraint, not a lookup, is what makes a retried activity record one notification.
      table.string('dedupe_key', 200).notNullable().unique({ indexName: 'notifications_dedupe_key_unique' });
      table.uuid('customer_id').notNullable();
      table.uuid('order_id').nullable();
      table.string('type', 40).notNullable();
      table.string('title', 120).notNullable();
      table.string('message', 1000).notNullable();
      table.text('request_fingerprint').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
      table.timestamp('read_at', { useTz: true }).nullable();
    });
    await knex.raw(
      `alter table notifications add constraint notifications_type_valid check (type in (
        'ORDER_PLACED','ORDER_CONFIRMED','ORDER_CANCELLED','PAYMENT_FAILED','PAYMENT_CONFIRMATION_REQUIRED','ORDER_NEEDS_ATTENTION'))`,
    );
    await knex.raw('create index notifications_customer_newest on notifications (customer_id, created_at desc, seq desc)');
    // Unread counts are asked on every page view; read ones pile up and should not be scanned.
    await knex.raw('create index notifications_customer_unread on notifications (customer_id) where read_at is null');
  },
  async down(knex) {
    await knex.schema.dropTable('notifications');
  },
};
