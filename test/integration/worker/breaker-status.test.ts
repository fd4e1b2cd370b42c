/**
 * The workers' breaker rows in the events database (real Postgres): a worker's row lives while it
 * runs, goes when it stops cleanly, and rows of workers gone for an hour (killed, never stopped)
 * are removed when another worker starts, so restarts do not pile rows up.
 */
import assert from 'node:assert/strict';
import pg from 'pg';
import { startBreakerStatusPublisher, STALE_WORKER_ROW_MS } from '../../../src/apps/worker/breaker-status.publisher.js';
import { createLogger } from '../../../src/shared/infrastructure/logger.js';
import { createWorkerBreakersTable } from '../../../src/shared/infrastructure/realtime/worker-breakers.table.js';
import { freshDatabaseUrl } from '../../support/postgres.js';

const logger = createLogger('test', 'silent');
const TASK_QUEUE = 'breaker-rows';

describe('worker breaker rows (events database)', () => {
  let url: string;
  let client: pg.Client;

  before(async () => {
    url = await freshDatabaseUrl('breaker_rows');
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });

  after(async () => {
    await client.end();
  });

  const rows = async () =>
    (await client.query<{ worker_id: string }>('select worker_id from worker_breakers order by worker_id')).rows.map(
      (row) => row.worker_id,
    );

  function start() {
    return startBreakerStatusPublisher({
      eventsDatabaseUrl: url,
      taskQueue: TASK_QUEUE,
      breakers: { snapshot: () => [] },
      publisher: { operatorBreakers: () => {} },
      logger,
    });
  }

  it('keeps a row per running worker and removes it when the worker stops', async () => {
    const first = await start();
    const second = await start();
    assert.deepEqual(await rows(), [first.workerId, second.workerId].sort());
    await first.stop();
    assert.deepEqual(await rows(), [second.workerId]);
    await second.stop();
    assert.deepEqual(await rows(), []);
  });

  it('removes the rows of workers silent for an hour when a worker starts, and keeps recent ones', async () => {
    const table = createWorkerBreakersTable(url, logger);
    const longAgo = new Date(Date.now() - STALE_WORKER_ROW_MS - 60_000).toISOString();
    const lately = new Date(Date.now() - 60_000).toISOString();
    // Two workers killed with -9 (no stop(), so their rows stayed): one long ago, one a minute ago.
    await table.report({ workerId: 'killed-long-ago', taskQueue: TASK_QUEUE, breakers: [], seenAt: longAgo });
    await table.report({ workerId: 'killed-lately', taskQueue: TASK_QUEUE, breakers: [], seenAt: lately });
    await table.close();

    const worker = await start();
    assert.deepEqual(await rows(), ['killed-lately', worker.workerId].sort());
    await worker.stop();
    assert.deepEqual(await rows(), ['killed-lately']);
  });
});
