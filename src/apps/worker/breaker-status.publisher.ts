import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { CircuitBreakers } from '../../activities/adapters/circuit-breaker.js';
import type { Logger } from '../../shared/infrastructure/logger.js';
import type { RealtimePublisher } from '../../shared/infrastructure/realtime/realtime-emitter.js';
import type { WorkerBreakersEvent } from '../../shared/infrastructure/realtime/realtime.contract.js';
import { createWorkerBreakersTable } from '../../shared/infrastructure/realtime/worker-breakers.table.js';

export interface BreakerStatusPublisherOptions {
  eventsDatabaseUrl: string;
  taskQueue: string;
  breakers: Pick<CircuitBreakers, 'snapshot'>;
  /** Pushes to the operator room (the progress publisher's emitter). */
  publisher: Pick<RealtimePublisher, 'operatorBreakers'>;
  logger: Logger;
  /** How often the breakers are looked at: a change is published within this. */
  checkEveryMs?: number;
  /** How often the row is refreshed without a change, so the gateway knows this worker is alive. */
  heartbeatEveryMs?: number;
}

export const DEFAULT_BREAKER_CHECK_MS = 500;
export const DEFAULT_BREAKER_HEARTBEAT_MS = 5_000;
/**
 * Rows of workers silent this long are deleted when a worker starts: a worker killed with -9
 * leaves its row behind, and every start has a new id. Far above the heartbeat; a live worker
 * whose row went anyway (its database unreachable for an hour) writes it again on its next one.
 */
export const STALE_WORKER_ROW_MS = 60 * 60_000;

/**
 * Publishes this worker's circuit breakers for the operator console: into the events database
 * (worker_breakers, the latest per worker) and to the operator room, whenever a state changes and
 * every heartbeat. The breakers are sampled rather than hooked: the activities' adapters stay
 * unaware of who watches them, and a change shows within one check (half a second).
 */
export async function startBreakerStatusPublisher(
  options: BreakerStatusPublisherOptions,
): Promise<{ workerId: string; stop(): Promise<void> }> {
  const { breakers, publisher, logger, taskQueue } = options;
  const checkEveryMs = options.checkEveryMs ?? DEFAULT_BREAKER_CHECK_MS;
  const heartbeatEveryMs = options.heartbeatEveryMs ?? DEFAULT_BREAKER_HEARTBEAT_MS;
  // Unique per process and start: several workers may share a host (and tests share a process).
  const workerId = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  const table = createWorkerBreakersTable(options.eventsDatabaseUrl, logger.child({ component: 'breaker-status' }));
  await table.ensure();
  try {
    const pruned = await table.prune(STALE_WORKER_ROW_MS);
    if (pruned > 0) logger.info({ pruned }, 'removed breaker rows of workers gone for an hour');
  } catch (error) {
    logger.warn({ err: error }, 'could not prune old breaker rows');
  }

  let lastStates = '';
  let lastReportAt = 0;
  let running: Promise<void> = Promise.resolve();
  const publish = async (force: boolean) => {
    const snapshot = breakers.snapshot();
    const states = JSON.stringify(snapshot.map(({ service, state }) => [service, state]));
    if (!force && states === lastStates && Date.now() - lastReportAt < heartbeatEveryMs) return;
    const event: WorkerBreakersEvent = { workerId, taskQueue, breakers: snapshot, seenAt: new Date().toISOString() };
    lastStates = states;
    lastReportAt = Date.now();
    publisher.operatorBreakers(event);
    try {
      await table.report(event);
    } catch (error) {
      // A status report is a hint for a screen: a failed one is logged, never fatal to the worker.
      logger.warn({ err: error }, 'breaker status report failed');
    }
  };
  await publish(true);
  const timer = setInterval(() => {
    // One report at a time: a slow database must not pile them up.
    running = running.then(() => publish(false));
  }, checkEveryMs);
  timer.unref();
  return {
    workerId,
    async stop() {
      clearInterval(timer);
      await running;
      // A stopped worker has no breakers: the console drops it now rather than after 30 s of silence.
      await table.remove(workerId).catch((error: unknown) => logger.warn({ err: error }, "could not remove this worker's breaker row"));
      await table.close();
    },
  };
}
