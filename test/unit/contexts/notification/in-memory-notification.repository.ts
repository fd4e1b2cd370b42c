import { Notification } from '../../../../src/contexts/notification/domain/notification.aggregate.js';
import type {
  NotificationPage,
  NotificationQuery,
  NotificationRepository,
} from '../../../../src/contexts/notification/domain/notification.repository.js';
import { answer } from '../../../support/doubles/async.js';

/** Stores copies, so a test sees only what went through the port, as with Postgres. */
export class InMemoryNotificationRepository implements NotificationRepository {
  // In insertion order, which breaks ties between notifications created at the same time (like `seq`).
  private readonly rows: Notification[] = [];

  get size(): number {
    return this.rows.length;
  }

  get(id: string): Promise<Notification | undefined> {
    return answer(() => {
      const row = this.rows.find((candidate) => candidate.id === id);
      return row && copy(row);
    });
  }

  listByCustomer(customerId: string, query: NotificationQuery): Promise<NotificationPage> {
    return answer(() => {
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
    });
  }

  add(notification: Notification): Promise<{ aggregate: Notification; created: boolean }> {
    return answer(() => {
      // Like the unique dedupe key.
      const existing = this.rows.find((row) => row.dedupeKey === notification.dedupeKey);
      if (existing) return { aggregate: copy(existing), created: false };
      this.rows.push(copy(notification));
      return { aggregate: copy(notification), created: true };
    });
  }

  update(id: string, change: (current: Notification | undefined) => Notification | undefined): Promise<Notification | undefined> {
    return answer(() => {
      const index = this.rows.findIndex((row) => row.id === id);
      const stored = this.rows[index];
      const next = change(stored && copy(stored));
      if (!next) return stored && copy(stored);
      if (!stored) throw new Error('update cannot create a notification; add does');
      this.rows[index] = copy(next);
      return copy(next);
    });
  }

  markAllRead(customerId: string, readAt: Date): Promise<number> {
    return answer(() => {
      let updated = 0;
      for (const row of this.rows) if (row.customerId === customerId && row.markRead(readAt)) updated += 1;
      return updated;
    });
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
