import { Notification } from '../../../../src/contexts/notification/domain/notification.aggregate.js';
import type {
  NotificationPage,
  NotificationQuery,
  NotificationRepository,
} from '../../../../src/contexts/notification/domain/notification.repository.js';

/** Stores copies, so a test sees only what went through the port, as with Postgres. */
export class InMemoryNotificationRepository implements NotificationRepository {
  private readonly rows: Notification[] = [];

  get size(): number {
    return this.rows.length;
  }

  async record(requested: Notification): Promise<{ notification: Notification; created: boolean }> {
    const existing = this.rows.find((row) => row.dedupeKey === requested.dedupeKey);
    if (existing) return { notification: copy(existing), created: false };
    this.rows.push(copy(requested));
    return { notification: copy(requested), created: true };
  }

  async listForCustomer(customerId: string, query: NotificationQuery): Promise<NotificationPage> {
    const mine = this.rows
      .map((row, seq) => ({ row, seq }))
      .filter(({ row }) => row.customerId === customerId)
      .sort((a, b) => b.row.createdAt.getTime() - a.row.createdAt.getTime() || b.seq - a.seq)
      .map(({ row }) => row);
    const matching = query.unreadOnly ? mine.filter((row) => !row.isRead) : mine;
    return {
      items: matching.slice(query.offset, query.offset + query.limit).map(copy),
      total: matching.length,
      unreadCount: mine.filter((row) => !row.isRead).length,
    };
  }

  async changeForCustomer(customerId: string, id: string, change: (current: Notification) => boolean): Promise<Notification | undefined> {
    const index = this.rows.findIndex((row) => row.id === id && row.customerId === customerId);
    if (index < 0) return undefined;
    const current = copy(this.rows[index]!);
    if (change(current)) this.rows[index] = copy(current);
    return current;
  }

  async markAllRead(customerId: string, readAt: Date): Promise<number> {
    let updated = 0;
    for (const row of this.rows) if (row.customerId === customerId && row.markRead(readAt)) updated += 1;
    return updated;
  }
}

function copy(notification: Notification): Notification {
  return Notification.restore({
    id: notification.id,
    dedupeKey: notification.dedupeKey,
    customerId: notification.customerId,
    orderId: notification.orderId,
    type: notification.type,
    title: notification.title,
    message: notification.message,
    requestFingerprint: notification.requestFingerprint,
    createdAt: notification.createdAt,
    readAt: notification.readAt,
  });
}
