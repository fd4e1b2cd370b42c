import assert from 'node:assert/strict';
import { ORDER_STATUSES } from '../../../../src/contexts/order/contract.js';
import { orderMigrations } from '../../../../src/contexts/order/infrastructure/persistence/migrations/index.js';
import { createKnex, migrateLatest, type Knex } from '../../../../src/shared/infrastructure/persistence/database.js';
import { anId } from '../../../support/doubles/ids.js';
import { freshDatabaseUrl } from '../../../support/postgres.js';

/**
 * A released migration keeps its own copy of the status list in CHECK constraints (it must not
 * change when the list does). This reads the constraints from a migrated database, so adding a
 * status to the domain without a migration that widens them fails here, not in production.
 */
describe('order statuses: the database CHECK constraints allow exactly the domain list', function () {
  let knex: Knex;

  before(async () => {
    knex = createKnex(await freshDatabaseUrl('order_status_check'));
    await migrateLatest(knex, orderMigrations);
  });
  after(async () => {
    await knex?.destroy();
  });

  async function checkOf(table: string, constraint: string): Promise<string> {
    const rows = await knex
      .select<{ definition: string }[]>(knex.raw('pg_get_constraintdef(c.oid) as definition'))
      .from('pg_constraint as c')
      .where({ 'c.conrelid': knex.raw('?::regclass', [table]), 'c.contype': 'c', 'c.conname': constraint });
    assert.equal(rows.length, 1, `no CHECK constraint ${constraint} on ${table}`);
    return rows[0].definition;
  }

  /** The string literals of one column's `column in (...)` test, as Postgres prints it back. */
  function literalsFor(definition: string, column: string): string[] {
    // e.g. ((to_status)::text = ANY ((ARRAY['PENDING'::character varying, ...])::text[]))
    const match = new RegExp(`\\(?${column}\\)?::text = ANY \\(\\(?ARRAY\\[([^\\]]*)\\]`).exec(definition);
    assert.ok(match, `cannot find the ${column} list in ${definition}`);
    return [...match[1].matchAll(/'([^']*)'/g)].map((literal) => literal[1]);
  }

  const expected = [...ORDER_STATUSES].sort();

  it('orders.status', async () => {
    assert.deepEqual(literalsFor(await checkOf('orders', 'orders_status_valid'), 'status').sort(), expected);
  });

  it('order_status_history.from_status and to_status', async () => {
    const definition = await checkOf('order_status_history', 'order_status_history_statuses_valid');
    assert.deepEqual(literalsFor(definition, 'from_status').sort(), expected);
    assert.deepEqual(literalsFor(definition, 'to_status').sort(), expected);
    assert.match(definition, /from_status IS NULL/, 'the first history entry has no from_status');
  });

  it('Postgres itself accepts every listed status and refuses another one', async () => {
    // The parse above could misread Postgres' output; the database's own verdict cannot.
    for (const status of ORDER_STATUSES) await knex('orders').insert(orderRow(status));
    await assert.rejects(knex('orders').insert(orderRow('SHIPPED')), (error: { constraint?: string }) => {
      assert.equal(error.constraint, 'orders_status_valid');
      return true;
    });
  });
});

function orderRow(status: string) {
  const at = new Date();
  return { id: anId(), customer_id: anId(), status, currency: 'EUR', total_minor: 100, version: 1, created_at: at, updated_at: at };
}
