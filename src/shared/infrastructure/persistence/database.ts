import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { trackPool, type PoolStats } from '../observability/metrics.js';

// BIGINT (int8) and NUMERIC come back as strings by default; our amounts fit in a JS safe integer.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type { Knex };

export interface Migration {
  readonly name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

export function createKnex(connectionString: string, pool: { min?: number; max?: number } = {}): Knex {
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString, application_name: 'sagashop' },
    pool: { min: pool.min ?? 0, max: pool.max ?? 10 },
  });
  // Read at scrape time only; knex.destroy() empties client.pool, which drops it from /metrics.
  const client = knex.client as { pool?: PoolStats | null };
  trackPool(databaseName(connectionString), () => client.pool ?? undefined);
  return knex;
}

/**
 * Migrations are imported modules, not files found by globbing, so they run the same from
 * TypeScript sources and from a compiled image, and each context only ever sees its own.
 */
export function migrationSource(migrations: readonly Migration[]): Knex.MigrationSource<Migration> {
  return {
    getMigrations: () => Promise.resolve([...migrations]),
    getMigrationName: (migration) => migration.name,
    getMigration: (migration) => Promise.resolve(migration),
  };
}

export async function migrateLatest(knex: Knex, migrations: readonly Migration[]): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({ migrationSource: migrationSource(migrations) })) as [number, string[]];
  return applied;
}

export async function isDatabaseReachable(knex: Knex): Promise<boolean> {
  try {
    await knex.raw('select 1');
    return true;
  } catch {
    return false;
  }
}

export function databaseName(connectionString: string): string {
  return decodeURIComponent(new URL(connectionString).pathname.replace(/^\//, ''));
}

/** Creates the database named in the URL when missing (one database per context, on demand). */
export async function ensureDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = databaseName(connectionString);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database "${name.replaceAll('"', '""')}"`);
      } catch (error) {
        // 42P04 duplicate_database: another process created it between our check and create.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}
