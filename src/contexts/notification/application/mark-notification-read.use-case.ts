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

  /**
   * Idempotent: a second call keeps the first read time. Another customer's notification is not
   * found (and stays unread), so ids cannot be probed across customers.
   */
  async execute(customerId: string, notificationId: string): Promise<Notification> {
    const owner = assertUuid(customerId, 'customerId');
    const now = this.clock.now();
    const notification = await this.repository.update(assertUuid(notificationId, 'notificationId'), (current) =>
      current?.customerId === owner && current.markRead(now) ? current : undefined,
    );
    if (notification?.customerId !== owner) throw new NotificationNotFound(notificationId);
    return notification;
  }
}
