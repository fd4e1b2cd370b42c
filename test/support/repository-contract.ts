import { createKnex, migrateLatest, type Knex, type Migration } from '../../src/shared/infrastructure/persistence/database.js';
import { freshDatabaseUrl } from './postgres.js';

export interface RepositoryAdapters<R> {
  /** The context's migrations, run on a fresh database for the Postgres adapter. */
  migrations: readonly Migration[];
  /** The double the unit tests use. */
  inMemory: () => R | Promise<R>;
  /** The production adapter on that database (may clear tables first). */
  postgres: (knex: Knex) => R | Promise<R>;
}

/**
 * The repository vocabulary (get, add, update) must mean the same in Postgres and in the in-memory
 * double the unit tests trust: `cases` runs once per adapter, each time with a `make` for a fresh one.
 */
export function describeBothRepositories<R>(title: string, adapters: RepositoryAdapters<R>, cases: (make: () => Promise<R>) => void): void {
  describe(`${title}: Postgres and the in-memory double keep the same promises`, function () {
    let knex: Knex;
    before(async () => {
      knex = createKnex(await freshDatabaseUrl(title.replace(/\W/g, '_').toLowerCase()));
      await migrateLatest(knex, adapters.migrations);
    });
    after(async () => {
      await knex?.destroy();
    });

    describe('in memory', () => cases(async () => adapters.inMemory()));
    describe('Postgres', () => cases(async () => adapters.postgres(knex)));
  });
}
