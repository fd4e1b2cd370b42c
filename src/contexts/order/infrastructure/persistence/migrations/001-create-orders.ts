import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';

const STATUSES = "'PENDING','STOCK_RESERVED','AWAITING_PAYMENT_CONFIRMATION','PAID','CONFIRMED','CANCELLED','NEEDS_ATTENTION'";

export const createOrders: Migration = {
  name: '001-create-orders',
  async up(knex) {
    await knex.schema.createTable('orders', (table) => {
      // Chosen by the caller: the key is what makes a repeated create land on the same order.
      table.uuid('id').primary();
      table.uuid('customer_id').notNullable();
      table.string('status', 32).notNullable();
      table.specificType('currency', 'char(3)').notNullable();
      table.bigInteger('total_minor').notNullable();
      table.integer('version').notNullable();
      table.timestamp('created_at', { useTz: true }).notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable();
      // Serves "this customer's orders, newest first" straight from the index.
      table.index(['customer_id', 'created_at', 'id'], 'orders_customer_newest_idx');
    });
    await knex.raw(`alter table orders add constraint orders_status_valid check (status in (${STATUSES}))`);
    await knex.raw('alter table orders add constraint orders_total_non_negative check (total_minor >= 0)');
    await knex.raw('alter table orders add constraint orders_version_positive check (version >= 1)');

    await knex.schema.createTable('order_lines', (table) => {
      table.uuid('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE');
      table.string('sku', 40).notNullable();
      // Keeps the lines in the order the customer listed them.
      table.smallint('position').notNullable();
      table.string('name', 200).notNullable();
      table.bigInteger('unit_price_minor').notNullable();
      table.integer('quantity').notNullable();
      table.primary(['order_id', 'sku']);
    });
    await knex.raw('alter table order_lines add constraint order_lines_quantity_valid check (quantity between 1 and 1000)');
    await knex.raw('alter table order_lines add constraint order_lines_price_positive check (unit_price_minor > 0)');

    await knex.schema.createTable('order_status_history', (table) => {
      table.bigIncrements('id').primary();
      table.uuid('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE').index();
      table.string('from_status', 32).nullable();
      table.string('to_status', 32).notNullable();
      table.timestamp('at', { useTz: true }).notNullable();
      table.string('by', 50).notNullable();
      table.string('reason', 500).notNullable().defaultTo('');
    });
    await knex.raw(
      `alter table order_status_history add constraint order_status_history_statuses_valid
         check ((from_status is null or from_status in (${STATUSES})) and to_status in (${STATUSES}))`,
    );
  },
  async down(knex) {
    await knex.schema.dropTable('order_status_history');
    await knex.schema.dropTable('order_lines');
    await knex.schema.dropTable('orders');
  },
};
