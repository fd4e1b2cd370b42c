import { Container, ContainerModule } from 'inversify';
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
  NotificationRepository: Symbol.for('notification.NotificationRepository'),
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
  bind<NotificationRepository>(NOTIFICATION.NotificationRepository)
    .toDynamicValue((ctx) => new ObjectionNotificationRepository(ctx.get<Knex>(NOTIFICATION_INPUTS.Knex)))
    .inSingletonScope();
  const repo = (ctx: { get<T>(id: symbol): T }) => ctx.get<NotificationRepository>(NOTIFICATION.NotificationRepository);
  const clock = (ctx: { get<T>(id: symbol): T }) => ctx.get<Clock>(NOTIFICATION_INPUTS.Clock);
  bind(NOTIFICATION.RecordNotification)
    .toDynamicValue((ctx) => new RecordNotification(repo(ctx), clock(ctx), ctx.get<NotificationPublisher>(NOTIFICATION_INPUTS.Publisher)))
    .inSingletonScope();
  bind(NOTIFICATION.ListCustomerNotifications)
    .toDynamicValue((ctx) => new ListCustomerNotifications(repo(ctx)))
    .inSingletonScope();
  bind(NOTIFICATION.MarkNotificationRead)
    .toDynamicValue((ctx) => new MarkNotificationRead(repo(ctx), clock(ctx)))
    .inSingletonScope();
  bind(NOTIFICATION.MarkAllNotificationsRead)
    .toDynamicValue((ctx) => new MarkAllNotificationsRead(repo(ctx), clock(ctx)))
    .inSingletonScope();
});

export interface NotificationInputs {
  knex: Knex;
  clock: Clock;
  /** Tells the shopper's browser about a new notification (best effort). */
  publisher: NotificationPublisher;
}

/** The shape every context's compose() returns: use cases and repositories by camelCase name. */
export interface NotificationComposition {
  useCases: {
    recordNotification: RecordNotification;
    listCustomerNotifications: ListCustomerNotifications;
    markNotificationRead: MarkNotificationRead;
    markAllNotificationsRead: MarkAllNotificationsRead;
  };
  repositories: { notification: NotificationRepository };
}

export type NotificationUseCases = NotificationComposition['useCases'];

/** Builds the context on its inputs; the app hands the use cases to its routes. */
export function compose(inputs: NotificationInputs): NotificationComposition {
  const container = new Container();
  container.bind(NOTIFICATION_INPUTS.Knex).toConstantValue(inputs.knex);
  container.bind(NOTIFICATION_INPUTS.Clock).toConstantValue(inputs.clock);
  container.bind(NOTIFICATION_INPUTS.Publisher).toConstantValue(inputs.publisher);
  container.load(notificationModule);
  return {
    useCases: {
      recordNotification: container.get(NOTIFICATION.RecordNotification),
      listCustomerNotifications: container.get(NOTIFICATION.ListCustomerNotifications),
      markNotificationRead: container.get(NOTIFICATION.MarkNotificationRead),
      markAllNotificationsRead: container.get(NOTIFICATION.MarkAllNotificationsRead),
    },
    repositories: { notification: container.get(NOTIFICATION.NotificationRepository) },
  };
}
