import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { SOCKET_IO_ATTACHMENTS_TABLE, SOCKET_IO_CHANNEL_PREFIX } from './realtime.contract.js';

/**
 * The receiving end of realtime-emitter.ts: the socket.io Postgres adapter every gateway runs.
 * It LISTENs on the shared events database, so an event emitted by any producer (or any other
 * gateway) reaches the sockets this process holds. pg stays here, in shared infrastructure.
 */
export interface RealtimeAdapter {
  /** Pass to `new Server({ adapter })`; close that server before close() (it holds a connection). */
  readonly adapter: ReturnType<typeof createAdapter>;
  /** True while the LISTEN connection is up (false before it is, and while it reconnects). */
  isListening(): boolean;
  /** Resolves once the LISTEN is live: events emitted after that are not missed. */
  listening(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

export function createRealtimeAdapter(url: string, logger: Logger): RealtimeAdapter {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', (error) => logger.warn({ err: error }, 'realtime adapter pool error'));

  let live = false;
  const waiters = new Set<() => void>();
  const setLive = (value: boolean) => {
    live = value;
    if (value) for (const wake of waiters) wake();
  };

  // The adapter borrows one client for LISTEN and keeps it. Wrapping that hand-over lets us see
  // when the LISTEN is live and log its errors (an unhandled 'error' would crash the process).
  // (Producers add the namespace the emitter leaves out: see realtime-emitter.ts.)
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const borrow = async (): Promise<pg.PoolClient> => {
    const client = await connect();
    client.on('error', (error) => logger.warn({ err: error }, 'realtime LISTEN connection error'));
    client.on('end', () => setLive(false));
    // Transparent for every other call (the pool reuses this client once the adapter lets go).
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (typeof args[0] === 'string' && args[0].startsWith('LISTEN ') && result instanceof Promise) {
        result.then(
          () => setLive(true),
          () => undefined,
        );
      }
      return result;
    };
    return client;
  };
  // The adapter uses exactly these two methods of the pool it is given.
  const adapterPool = {
    connect: borrow,
    query: (text: string, values?: unknown[]) => pool.query(text, values),
  } as unknown as pg.Pool;

  // Created when socket.io first asks for it: the adapter borrows its LISTEN client at once and
  // only socket.io's close() gives it back, so a gateway that fails before creating its socket.io
  // server must not have started one (pool.end() would wait for that client forever).
  let factory: ReturnType<typeof createAdapter> | undefined;
  // A function, not an arrow: socket.io calls it with `new`.
  const adapter: ReturnType<typeof createAdapter> = function (nsp) {
    factory ??= createAdapter(adapterPool, {
      channelPrefix: SOCKET_IO_CHANNEL_PREFIX,
      tableName: SOCKET_IO_ATTACHMENTS_TABLE,
      errorHandler: (error) => logger.warn({ err: error }, 'realtime adapter error'),
    });
    return factory(nsp);
  };

  return {
    adapter,
    isListening: () => live,
    listening(timeoutMs) {
      if (live) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`socket.io adapter did not LISTEN on the events database within ${timeoutMs} ms`));
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        waiters.add(wake);
      });
    },
    close: () => pool.end(),
  };
}
