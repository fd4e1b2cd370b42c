import pg from 'pg';
import type { Logger } from '../logger.js';
import type { BreakerStatus, WorkerBreakersEvent } from './realtime.contract.js';

/**
 * The latest circuit breakers of every worker, one row per worker in the events database (which
 * every worker and gateway already share). Workers upsert their row on every change and
 * periodically; a gateway answers the rows seen recently, so a stopped worker drops out instead
 * of showing its last breakers forever. Push (operator.breakers) is for live screens; this table
 * is what a screen reads when it opens.
 */
export interface WorkerBreakersTable {
  /** Creates the table when missing (idempotent). */
  ensure(): Promise<void>;
  report(event: WorkerBreakersEvent): Promise<void>;
  /** Workers of `taskQueue` seen within `withinMs`, by worker id. */
  recent(taskQueue: string, withinMs: number): Promise<WorkerBreakersEvent[]>;
  /** Drops one worker's row (it stopped cleanly: it has no breakers any more). */
  remove(workerId: string): Promise<void>;
  /**
   * Drops the rows of workers not seen for `olderThanMs` (killed ones never remove their own),
   * so the table holds about as many rows as there are live workers. Answers how many went.
   */
  prune(olderThanMs: number): Promise<number>;
  close(): Promise<void>;
}

const TABLE = 'worker_breakers';

interface Row {
  worker_id: string;
  task_queue: string;
  breakers: BreakerStatus[];
  seen_at: Date;
}

export function createWorkerBreakersTable(url: string, logger: Logger): WorkerBreakersTable {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', (error) => logger.warn({ err: error }, 'worker breakers pool error'));
  return {
    async ensure() {
      try {
        await pool.query(
          `create table if not exists ${TABLE} (worker_id text primary key, task_queue text not null, ` +
            'breakers jsonb not null, seen_at timestamptz not null)',
        );
      } catch (error) {
        // Two processes racing on `create table if not exists` can collide on the catalog.
        if ((error as { code?: string }).code !== '23505') throw error;
      }
    },
    async report(event) {
      await pool.query(
        `insert into ${TABLE} (worker_id, task_queue, breakers, seen_at) values ($1, $2, $3, $4) on conflict (worker_id) ` +
          'do update set task_queue = excluded.task_queue, breakers = excluded.breakers, seen_at = excluded.seen_at',
        [event.workerId, event.taskQueue, JSON.stringify(event.breakers), event.seenAt],
      );
    },
    async recent(taskQueue, withinMs) {
      const { rows } = await pool.query<Row>(
        `select worker_id, task_queue, breakers, seen_at from ${TABLE} ` +
          "where task_queue = $1 and seen_at > now() - ($2::int * interval '1 millisecond') order by worker_id",
        [taskQueue, withinMs],
      );
      return rows.map((row) => ({
        workerId: row.worker_id,
        taskQueue: row.task_queue,
        breakers: row.breakers,
        seenAt: row.seen_at.toISOString(),
      }));
    },
    async remove(workerId) {
      await pool.query(`delete from ${TABLE} where worker_id = $1`, [workerId]);
    },
    async prune(olderThanMs) {
      const { rowCount } = await pool.query(`delete from ${TABLE} where seen_at < now() - ($1::int * interval '1 millisecond')`, [
        olderThanMs,
      ]);
      return rowCount ?? 0;
    },
    close: () => pool.end(),
  };
}
