import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';

/**
 * Roles (operator) as a text array on the customer: a customer has few, they are read with the
 * customer at every log-in, and no query selects by role. The domain decides which names exist.
 */
export const addCustomerRoles: Migration = {
  name: '002-add-customer-roles',
  async up(knex) {
    await knex.raw("alter table customers add column roles text[] not null default '{}'");
  },
  async down(knex) {
    await knex.raw('alter table customers drop column roles');
  },
};
