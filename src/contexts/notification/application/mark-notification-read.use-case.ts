import type { Clock } from '../../../shared/kernel/clock.js';
import { assertUuid } from '../../../shared/kernel/ids.js';
import type { Notification } from '../domain/notification.aggregate.js';
import { NotificationNotFound } from '../domain/notification.errors.js';
import type { NotificationRepository } from '../domain/notification.repository.js';

export class MarkNotificationRead {
  constructor(
    private readonly repository: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  /** Idempotent: a second call keeps the first read time. */
  async execute(customerId: string, notificationId: string): Promise<Notification> {
    const now = this.clock.now();
    const notification = await this.repository.changeForCustomer(
      assertUuid(customerId, 'customerId'),
      assertUuid(notificationId, 'notificationId'),
      (current) => current.markRead(now),
    );
    if (!notification) throw new NotificationNotFound(notificationId);
    return notification;
  }
}
