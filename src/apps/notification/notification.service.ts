import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { provideDatabase } from '../../shared/infrastructure/persistence/provide-database.js';
import { createRealtimePublisher, ensureEventsDatabase } from '../../shared/infrastructure/realtime/realtime-emitter.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { compose } from '../../contexts/notification/notification.module.js';
import { notificationRoutes } from '../../contexts/notification/infrastructure/http/notification.routes.js';
import { notificationMigrations } from '../../contexts/notification/infrastructure/persistence/migrations/index.js';
import { RealtimeNotificationPublisher } from '../../contexts/notification/infrastructure/realtime/realtime-notification.publisher.js';
import { loadNotificationConfig } from './notification.config.js';

/** Composition root of the notification deployable. */
export const notificationService: ContextServiceDefinition = {
  name: 'notification',
  migrations: notificationMigrations,
  loadConfig: loadNotificationConfig,
  async compose(knex, logger, env) {
    // New notifications are pushed to the customer's socket.io room through the shared events database.
    // (The runtime hands compose the env, not the config it parsed; parsing again is cheap and pure.)
    const { eventsDatabaseUrl } = loadNotificationConfig(env);
    const events = await provideDatabase('sagashop_events', eventsDatabaseUrl, 'EVENTS_DATABASE_URL', logger);
    await ensureEventsDatabase(events.url);
    const realtime = createRealtimePublisher(events.url, logger.child({ component: 'realtime' }));

    const { useCases } = compose({ knex, clock: systemClock, publisher: new RealtimeNotificationPublisher(realtime) });
    return {
      routers: [notificationRoutes(useCases)],
      async dispose() {
        await realtime.close();
        await events.release();
      },
    };
  },
};
