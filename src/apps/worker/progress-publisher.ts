import { provideDatabase } from '../../shared/infrastructure/persistence/provide-database.js';
import {
  createRealtimePublisher,
  ensureEventsDatabase,
  type RealtimePublisher,
} from '../../shared/infrastructure/realtime/realtime-emitter.js';
import type { Logger } from '../../shared/infrastructure/logger.js';
import type { WorkerConfig } from './worker.config.js';

export interface ProgressPublisher {
  publisher: RealtimePublisher;
  /** The events database, for what else the worker reports there (breaker-status.publisher.ts). */
  eventsDatabaseUrl: string;
  close(): Promise<void>;
}

/**
 * The events database the gateways' socket.io adapter listens on, and the publisher the saga's
 * progress interceptor pushes each activity attempt through.
 */
export async function openProgressPublisher(config: Pick<WorkerConfig, 'EVENTS_DATABASE_URL'>, logger: Logger): Promise<ProgressPublisher> {
  const eventsDatabase = await provideDatabase('sagashop_events', config.EVENTS_DATABASE_URL, 'EVENTS_DATABASE_URL', logger);
  try {
    await ensureEventsDatabase(eventsDatabase.url);
  } catch (error) {
    await eventsDatabase.release();
    throw error;
  }
  const emitter = createRealtimePublisher(eventsDatabase.url, logger.child({ component: 'realtime' }));
  // Every step attempt goes to its customer's room and, as a summary, to the operator room: the
  // console's list and open order follow every saga live.
  const publisher: RealtimePublisher = {
    ...emitter,
    orderProgress(event) {
      emitter.orderProgress(event);
      const { orderId, customerId, step, kind, status, attempt, orderStatus, error, at } = event;
      emitter.operatorOrder({ orderId, customerId, step, kind, status, attempt, orderStatus, error, at });
    },
  };
  return {
    publisher,
    eventsDatabaseUrl: eventsDatabase.url,
    async close() {
      await publisher.close();
      await eventsDatabase.release();
    },
  };
}
