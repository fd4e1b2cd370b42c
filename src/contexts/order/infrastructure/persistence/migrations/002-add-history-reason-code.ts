import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';

/**
 * The code of what caused a status change (PAYMENT.CARD_DECLINED) gets its own column, so readers
 * (the storefront, an operator) take it from the data instead of parsing "CODE: reason" text.
 * Rows written before it keep null.
 */
export const addHistoryReasonCode: Migration = {
  name: '002-add-history-reason-code',
  async up(knex) {
    await knex.schema.alterTable('order_status_history', (table) => {
      table.string('reason_code', 100).nullable();
    });
  },
  async down(knex) {
    await knex.schema.alterTable('order_status_history', (table) => {
      table.dropColumn('reason_code');
    });
  },
};
