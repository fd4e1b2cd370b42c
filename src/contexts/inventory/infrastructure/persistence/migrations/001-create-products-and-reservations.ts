import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';

export const createProductsAndReservations: Migration = {
  name: '001-create-products-and-reservations',
  async up(knex) {
    await knex.schema.createTable('products', (table) => {
      table.string('sku', 40).primary();
      table.string('name', 200).notNullable();
      table.text('description').notNullable().defaultTo('');
      table.string('image_url', 500).notNullable().defaultTo('');
      table.bigInteger('price_minor').notNullable();
      table.specificType('currency', 'char(3)').notNullable();
      table.integer('stock_available').notNullable();
      table.timestamps(true, true);
    });
    // The last line of defence against overselling, should any code path skip the conditional update.
    await knex.raw('alter table products add constraint products_stock_non_negative check (stock_available >= 0)');
    await knex.raw('alter table products add constraint products_price_non_negative check (price_minor >= 0)');

    await knex.schema.createTable('reservations', (table) => {
      table.uuid('order_id').primary();
      table.string('status', 16).notNullable();
      table.jsonb('lines').notNullable();
      table.timestamps(true, true);
    });
    await knex.raw(
      "alter table reservations add constraint reservations_status_valid check (status in ('RESERVED','RELEASED','COMMITTED'))",
    );
  },
  async down(knex) {
    await knex.schema.dropTable('reservations');
    await knex.schema.dropTable('products');
  },
};
