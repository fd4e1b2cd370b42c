import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';

/** The channel every change to the products table is announced on (after commit, once per transaction). */
export const STOCK_CHANGED_CHANNEL = 'inventory_stock_changed';

/**
 * Announces every committed change to products (stock reserved, released, set; products added) with
 * NOTIFY, so readers that cache the catalog (the gateway, through this service's
 * GET /stock-changes/version) learn of it at once instead of waiting for their cache to expire.
 * Per statement, and Postgres folds identical notifications of one transaction into one.
 */
export const notifyStockChanges: Migration = {
  name: '002-notify-stock-changes',
  async up(knex) {
    await knex.raw(`
      create function notify_stock_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('${STOCK_CHANGED_CHANNEL}', '');
        return null;
      end $$`);
    await knex.raw(`
      create trigger products_stock_changed after insert or update or delete on products
      for each statement execute function notify_stock_changed()`);
  },
  async down(knex) {
    await knex.raw('drop trigger if exists products_stock_changed on products');
    await knex.raw('drop function if exists notify_stock_changed()');
  },
};
