import { ContainerModule } from 'inversify';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/kernel/clock.js';
import { ListCustomerNotifications } from './application/list-customer-notifications.use-case.js';
import { MarkAllNotificationsRead } from './application/mark-all-notifications-read.use-case.js';
import { MarkNotificationRead } from './application/mark-notification-read.use-case.js';
import { RecordNotification } from './application/record-notification.use-case.js';
import type { NotificationRepository } from './domain/notification.repository.js';
import type { NotificationPublisher } from './domain/notification.publisher.js';
import { ObjectionNotificationRepository } from './infrastructure/persistence/objection-notification.repository.js';

/** What the composition root must bind before loading the module. */
export const NOTIFICATION_INPUTS = {
  Knex: Symbol.for('notification.Knex'),
  Clock: Symbol.for('notification.Clock'),
  Publisher: Symbol.for('notification.Publisher'),
};

export const NOTIFICATION = {
  Repository: Symbol.for('notification.Repository'),
  RecordNotification: Symbol.for('notification.RecordNotification'),
  ListCustomerNotifications: Symbol.for('notification.ListCustomerNotifications'),
  MarkNotificationRead: Symbol.for('notification.MarkNotificationRead'),
  MarkAllNotificationsRead: Symbol.for('notification.MarkAllNotificationsRead'),
};

/**
 * Domain and application classes stay free of decorators: every binding is a factory that
 * names its dependencies explicitly (no reflection metadata needed, works under tsx/esbuild).
 */
export const notificationModule = new ContainerModule(({ bind }) => {
  bind<NotificationRepository>(NOTIFICATION.Repository)
    .toDynamicValue((ctx) => new ObjectionNotificationRepository(ctx.get<Knex>(NOTIFICATION_INPUTS.Knex)))
    .inSingletonScope();
  const repo = (ctx: { get<T>(id: symbol): T }) => ctx.get<NotificationRepository>(NOTIFICATION.Repository);
  const clock = (ctx: { get<T>(id: symbol): T }) => ctx.get<Clock>(NOTIFICATION_INPUTS.Clock);
  bind(NOTIFICATION.RecordNotification)
    .toDynamicValue((ctx) => new RecordNotification(repo(ctx), clock(ctx), ctx.get<NotificationPublisher>(NOTIFICATION_INPUTS.Publisher)))
    .inSingletonScope();
  bind(NOTIFICATION.ListCustomerNotifications).toDynamicValue((ctx) => new ListCustomerNotifications(repo(ctx))).inSingletonScope();
  bind(NOTIFICATION.MarkNotificationRead).toDynamicValue((ctx) => new MarkNotificationRead(repo(ctx), clock(ctx))).inSingletonScope();
  bind(NOTIFICATION.MarkAllNotificationsRead)
    .toDynamicValue((ctx) => new MarkAllNotificationsRead(repo(ctx), clock(ctx)))
    .inSingletonScope();
});
