import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';

/**
 * The card simulator's settings, one row (id 1), so every payment process reads the same ones.
 * The domain (SimulatorSettings.of) checks the values on every read and write.
 */
export const createSimulatorSettings: Migration = {
  name: '003-create-simulator-settings',
  async up(knex) {
    await knex.schema.createTable('simulator_settings', (table) => {
      table.smallint('id').primary();
      table.double('transient_failure_rate').notNullable();
      table.integer('transient_failures_before_success').nullable();
      table.integer('slow_card_delay_ms').notNullable();
      table.timestamp('updated_at', { useTz: true }).notNullable();
    });
    await knex.raw('alter table simulator_settings add constraint simulator_settings_single_row check (id = 1)');
  },
  async down(knex) {
    await knex.schema.dropTable('simulator_settings');
  },
};
