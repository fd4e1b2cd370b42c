import type { RealtimePublisher } from '../../../../shared/infrastructure/realtime/realtime-emitter.js';
import type { Notification } from '../../domain/notification.aggregate.js';
import type { NotificationPublisher } from '../../domain/notification.publisher.js';
import { toNotificationDto } from '../http/notification.presenter.js';

/**
 * Pushes a new notification to the customer's socket.io room through the shared events database.
 * The browser gets the same DTO the HTTP API answers with. Never throws (the port's contract): the
 * realtime publisher logs a failed push, and clients refetch anyway.
 */
export class RealtimeNotificationPublisher implements NotificationPublisher {
  constructor(private readonly realtime: Pick<RealtimePublisher, 'notificationCreated'>) {}

  published(notification: Notification): void {
    this.realtime.notificationCreated({ notification: toNotificationDto(notification) });
  }
}
