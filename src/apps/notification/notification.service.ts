import { Container } from 'inversify';
import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { NOTIFICATION, NOTIFICATION_INPUTS, notificationModule } from '../../contexts/notification/notification.module.js';
import { notificationRoutes } from '../../contexts/notification/infrastructure/http/notification.routes.js';
import { notificationMigrations } from '../../contexts/notification/infrastructure/persistence/migrations/index.js';

/** Composition root of the notification deployable. */
export const notificationService: ContextServiceDefinition = {
  name: 'notification',
  migrations: notificationMigrations,
  compose(knex) {
    const container = new Container();
    container.bind(NOTIFICATION_INPUTS.Knex).toConstantValue(knex);
    container.bind(NOTIFICATION_INPUTS.Clock).toConstantValue(systemClock);
    container.load(notificationModule);
    return [
      notificationRoutes({
        recordNotification: container.get(NOTIFICATION.RecordNotification),
        listCustomerNotifications: container.get(NOTIFICATION.ListCustomerNotifications),
        markNotificationRead: container.get(NOTIFICATION.MarkNotificationRead),
        markAllNotificationsRead: container.get(NOTIFICATION.MarkAllNotificationsRead),
      }),
    ];
  },
};
