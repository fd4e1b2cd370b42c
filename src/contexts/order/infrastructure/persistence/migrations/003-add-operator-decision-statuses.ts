import type { Knex, Migration } from '../../../../../shared/infrastructure/persistence/database.js';

// A released migration keeps its own copy of the list (it must not change when the domain's does);
// test/integration/contexts/order/order-status-check.test.ts compares the result with the domain.
const BEFORE = "'PENDING','STOCK_RESERVED','AWAITING_PAYMENT_CONFIRMATION','PAID','CONFIRMED','CANCELLED','NEEDS_ATTENTION'";
const AFTER = `${BEFORE},'RETRYING_COMPENSATIONS','CANCELLED_MANUALLY'`;

/**
 * An operator's decision on an order in NEEDS_ATTENTION is a status of its own (see the order
 * domain's state machine): the CHECK constraints widen to admit RETRYING_COMPENSATIONS and
 * CANCELLED_MANUALLY. Replacing a CHECK validates existing rows, which all hold older statuses.
 */
export const addOperatorDecisionStatuses: Migration = {
  name: '003-add-operator-decision-statuses',
  async up(knex) {
    await replaceChecks(knex, AFTER);
  },
  async down(knex) {
    await replaceChecks(knex, BEFORE);
  },
};

async function replaceChecks(knex: Knex, statuses: string): Promise<void> {
  await knex.raw('alter table orders drop constraint orders_status_valid');
  await knex.raw(`alter table orders add constraint orders_status_valid check (status in (${statuses}))`);
  await knex.raw('alter table order_status_history drop constraint order_status_history_statuses_valid');
  await knex.raw(
    `alter table order_status_history add constraint order_status_history_statuses_valid
       check ((from_status is null or from_status in (${statuses})) and to_status in (${statuses}))`,
  );
}
