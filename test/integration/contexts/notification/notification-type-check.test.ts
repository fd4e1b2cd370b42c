import assert from 'node:assert/strict';
import { NOTIFICATION_TYPES } from '../../../../src/contexts/notification/contract.js';
import { notificationMigrations } from '../../../../src/contexts/notification/infrastructure/persistence/migrations/index.js';
import { createKnex, migrateLatest, type Knex } from '../../../../src/shared/infrastructure/persistence/database.js';
import { freshDatabaseUrl } from '../../../support/postgres.js';

/**
 * A released migration keeps its own copy of the type list in a CHECK constraint (it must not
 * change when the list does). This reads it from a migrated database, so a type added to the
 * domain without a migration that widens the constraint fails here, not in production.
 */
describe('notification types: the database CHECK constraint allows exactly the domain list', function () {
  let knex: Knex;

  before(async () => {
    knex = createKnex(await freshDatabaseUrl('notification_type_check'));
    await migrateLatest(knex, notificationMigrations);
  });
  after(async () => {
    await knex?.destroy();
  });

  it('notifications.type', async () => {
    const rows = await knex
      .select<{ definition: string }[]>(knex.raw('pg_get_constraintdef(c.oid) as definition'))
      .from('pg_constraint as c')
      .where({ 'c.conrelid': knex.raw('?::regclass', ['notifications']), 'c.contype': 'c', 'c.conname': 'notifications_type_valid' });
    assert.equal(rows.length, 1, 'no CHECK constraint notifications_type_valid');
    // e.g. ((type)::text = ANY ((ARRAY['ORDER_PLACED'::character varying, ...])::text[]))
    const allowed = [...rows[0].definition.matchAll(/'([^']*)'/g)].map((literal) => literal[1]);
    assert.deepEqual(allowed.sort(), [...NOTIFICATION_TYPES].sort());
  });
});
