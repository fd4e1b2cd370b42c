/**
 * One database per bounded context, for the knex CLI, e.g.
 *   npx knex --knexfile knexfile.ts --env inventory migrate:status
 *   npx knex --knexfile knexfile.ts --env order migrate:rollback
 * Each entry runs only its own context's migrations (listed in code, not globbed), against
 * <CONTEXT>_DATABASE_URL or the embedded Postgres that `npm start` runs under .data/postgres.
 * The apps migrate themselves at start-up; this file is for inspecting and rolling back by hand.
 */
import type { Knex } from 'knex';
import { customerMigrations } from './src/contexts/customer/infrastructure/persistence/migrations/index.js';
import { inventoryMigrations } from './src/contexts/inventory/infrastructure/persistence/migrations/index.js';
import { notificationMigrations } from './src/contexts/notification/infrastructure/persistence/migrations/index.js';
import { orderMigrations } from './src/contexts/order/infrastructure/persistence/migrations/index.js';
import { paymentMigrations } from './src/contexts/payment/infrastructure/persistence/migrations/index.js';
import { migrationSource, type Migration } from './src/shared/infrastructure/persistence/database.js';
import { EMBEDDED_PASSWORD, EMBEDDED_USER } from './src/shared/infrastructure/persistence/embedded-postgres.js';

const embeddedPort = process.env.EMBEDDED_PG_PORT ?? '54329';

function contextConfig(name: string, migrations: readonly Migration[]): Knex.Config {
  return {
    client: 'pg',
    connection:
      process.env[`${name.toUpperCase()}_DATABASE_URL`] ??
      `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${embeddedPort}/sagashop_${name}`,
    migrations: { migrationSource: migrationSource(migrations) },
  };
}

const config: Record<string, Knex.Config> = {
  customer: contextConfig('customer', customerMigrations),
  inventory: contextConfig('inventory', inventoryMigrations),
  order: contextConfig('order', orderMigrations),
  payment: contextConfig('payment', paymentMigrations),
  notification: contextConfig('notification', notificationMigrations),
};

export default config;
