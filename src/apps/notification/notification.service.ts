import { Container } from 'inversify';
import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { optionalUrl, parseConfig } from '../../shared/infrastructure/config.js';
import { provideDatabase } from '../../shared/infrastructure/persistence/provide-database.js';
import { createRealtimePublisher, ensureEventsDatabase } from '../../shared/infrastructure/realtime/realtime-emitter.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { z } from 'zod';
import { NOTIFICATION, NOTIFICATION_INPUTS, notificationModule } from '../../contexts/notification/notification.module.js';
import type { NotificationPublisher } from '../../contexts/notification/domain/notification.publisher.js';
import { notificationRoutes } from '../../contexts/notification/infrastructure/http/notification.routes.js';
import { toNotificationDto } from '../../contexts/notification/infrastructure/http/notification.presenter.js';
import { notificationMigrations } from '../../contexts/notification/infrastructure/persistence/migrations/index.js';

const eventsConfig = z.object({ EVENTS_DATABASE_URL: optionalUrl });

/** Composition root of the notification deployable. */
export const notificationService: ContextServiceDefinition = {
  name: 'notification',
  migrations: notificationMigrations,
  async compose(knex, logger, env) {
    // New notifications are pushed to the customer's socket.io room through the shared events database.
    const { EVENTS_DATABASE_URL } = parseConfig(eventsConfig, env);
    const events = await provideDatabase('sagashop_events', EVENTS_DATABASE_URL, 'EVENTS_DATABASE_URL', logger);
    await ensureEventsDatabase(events.url);
    const realtime = createRealtimePublisher(events.url, logger.child({ component: 'realtime' }));
    const publisher: NotificationPublisher = {
      published: (notification) => realtime.notificationCreated({ notification: toNotificationDto(notification) }),
    };

    const container = new Container();
    container.bind(NOTIFICATION_INPUTS.Knex).toConstantValue(knex);
    container.bind(NOTIFICATION_INPUTS.Clock).toConstantValue(systemClock);
    container.bind(NOTIFICATION_INPUTS.Publisher).toConstantValue(publisher);
    container.load(notificationModule);
    return {
      routers: [
        notificationRoutes({
          recordNotification: container.get(NOTIFICATION.RecordNotification),
          listCustomerNotifications: container.get(NOTIFICATION.ListCustomerNotifications),
          markNotificationRead: container.get(NOTIFICATION.MarkNotificationRead),
          markAllNotificationsRead: container.get(NOTIFICATION.MarkAllNotificationsRead),
        }),
      ],
      async dispose() {
        await realtime.close();
        await events.release();
      },
    };
  },
};
