import { Emitter } from '@socket.io/postgres-emitter';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { ensureDatabase } from '../persistence/database.js';
import {
  customerRoom,
  OPERATOR_ROOM,
  REALTIME_EVENTS,
  SOCKET_IO_ATTACHMENTS_TABLE,
  SOCKET_IO_CHANNEL_PREFIX,
  type NotificationCreatedEvent,
  type OperatorOrderEvent,
  type OrderProgressEvent,
  type WorkerBreakersEvent,
} from './realtime.contract.js';

/**
 * Creates the events database and the table the socket.io Postgres adapter/emitter use for
 * payloads over NOTIFY's 8000-byte limit. Idempotent; every gateway and producer calls it.
 */
export async function ensureEventsDatabase(url: string): Promise<void> {
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `create table if not exists ${SOCKET_IO_ATTACHMENTS_TABLE} ` +
        '(id bigserial unique, created_at timestamptz default now(), payload bytea)',
    );
  } catch (error) {
    // Two processes racing on `create table if not exists` can collide on the catalog.
    if ((error as { code?: string }).code !== '23505') throw error;
  } finally {
    await client.end();
  }
}

/** Push to the browser from a process that holds no sockets (worker, notification service). */
export interface RealtimePublisher {
  orderProgress(event: OrderProgressEvent): void;
  notificationCreated(event: NotificationCreatedEvent): void;
  /** To the operator room (operator console). */
  operatorOrder(event: OperatorOrderEvent): void;
  operatorBreakers(event: WorkerBreakersEvent): void;
  close(): Promise<void>;
}

export function createRealtimePublisher(url: string, logger: Logger): RealtimePublisher {
  // One connection: NOTIFYs from one session arrive in the order they were sent, so a timeline
  // never shows "completed" before "started". A NOTIFY commits a transaction of its own, and with
  // synchronous_commit on each one waits for a WAL flush: on one connection that caps the pushes at
  // one per fsync (about 40 per order). A push is a hint that a crash loses anyway, so it is not
  // waited for (0.21 -> 0.10-0.16 ms per NOTIFY on the bench machine's fast disk; far more on slow ones).
  const pool = new pg.Pool({ connectionString: url, max: 1, options: '-c synchronous_commit=off' });
  pool.on('error', (error) => logger.warn({ err: error }, 'realtime publisher pool error'));
  const emitter = new Emitter(withNamespace(pool, '/', logger), '/', {
    channelPrefix: SOCKET_IO_CHANNEL_PREFIX,
    tableName: SOCKET_IO_ATTACHMENTS_TABLE,
  });

  // Push is a hint (clients refetch on reconnect): the emitter sends in the background and a
  // failure is logged, never thrown into the business operation that produced the event.
  const emitTo = (room: string, event: string, payload: unknown) => {
    try {
      emitter.to(room).emit(event, payload);
    } catch (error) {
      logger.warn({ err: error, event, room }, 'realtime push failed');
    }
  };
  const emit = (customerId: string, event: string, payload: unknown) => emitTo(customerRoom(customerId), event, payload);
  return {
    orderProgress: (event) => emit(event.customerId, REALTIME_EVENTS.orderProgress, event),
    notificationCreated: (event) => emit(event.notification.customerId, REALTIME_EVENTS.notificationCreated, event),
    operatorOrder: (event) => emitTo(OPERATOR_ROOM, REALTIME_EVENTS.operatorOrder, event),
    operatorBreakers: (event) => emitTo(OPERATOR_ROOM, REALTIME_EVENTS.operatorBreakers, event),
    close: () => pool.end(),
  };
}

/**
 * @socket.io/postgres-emitter 0.1.x leaves the namespace (`nsp`) out of what it NOTIFYs, and
 * @socket.io/postgres-adapter 0.5 routes by it: without this every event would be dropped by
 * every gateway. We add it where the message leaves, so the gateways' adapter stays stock.
 * Payloads over NOTIFY's 8000 bytes go through the attachments table in a binary form we do not
 * rewrite; our events are far smaller, and one that is not is logged instead of lost silently.
 */
function withNamespace(pool: pg.Pool, nsp: string, logger: Logger): pg.Pool {
  return {
    query(text: string, values?: unknown[]) {
      if (text.startsWith('SELECT pg_notify') && Array.isArray(values) && typeof values[1] === 'string') {
        const message = JSON.parse(values[1]) as Record<string, unknown>;
        message.nsp ??= nsp;
        return pool.query(text, [values[0], JSON.stringify(message)]);
      }
      if (text.startsWith('INSERT INTO')) logger.warn('realtime event over 8000 bytes: gateways cannot route it');
      return pool.query(text, values);
    },
    end: () => pool.end(),
  } as unknown as pg.Pool;
}
