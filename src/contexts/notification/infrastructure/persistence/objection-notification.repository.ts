import type { Knex } from 'knex';
import type { Notification } from '../../domain/notification.aggregate.js';
import type { NotificationPage, NotificationQuery, NotificationRepository } from '../../domain/notification.repository.js';
import { NotificationMapper, type NotificationRow } from './notification.mapper.js';
import { NotificationRecord } from './notification.record.js';

export class ObjectionNotificationRepository implements NotificationRepository {
  // Bound to this context's own knex: no global Model.knex(), so two contexts in one process stay apart.
  private readonly Notifications: typeof NotificationRecord;

  constructor(private readonly knex: Knex) {
    this.Notifications = NotificationRecord.bindKnex(knex);
  }

  async record(requested: Notification): Promise<{ notification: Notification; created: boolean }> {
    // The unique dedupe key decides who records first; a loser waits for the winner's commit,
    // so the row is there to read once the insert has given way.
    const inserted: NotificationRow[] = await this.knex('notifications')
      .insert(NotificationMapper.toRow(requested))
      .onConflict('dedupe_key')
      .ignore()
      .returning('*');
    if (inserted.length > 0) return { notification: NotificationMapper.toNotification(inserted[0]!), created: true };
    const existing = await this.Notifications.query().findOne({ dedupe_key: requested.dedupeKey });
    if (!existing) throw new Error(`notification with dedupe key ${requested.dedupeKey} conflicted but cannot be read`);
    return { notification: NotificationMapper.toNotification(existing), created: false };
  }

  async listForCustomer(customerId: string, query: NotificationQuery): Promise<NotificationPage> {
    const page = this.Notifications.query().where('customer_id', customerId);
    if (query.unreadOnly) page.whereNull('read_at');
    const [rows, counts] = await Promise.all([
      page
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'seq', order: 'desc' },
        ])
        .offset(query.offset)
        .limit(query.limit),
      this.knex('notifications')
        .where('customer_id', customerId)
        .first<{ all: number; unread: number }>(
          this.knex.raw('count(*)::int as "all"'),
          this.knex.raw('(count(*) filter (where read_at is null))::int as unread'),
        ),
    ]);
    return {
      items: rows.map(NotificationMapper.toNotification),
      total: query.unreadOnly ? counts.unread : counts.all,
      unreadCount: counts.unread,
    };
  }

  changeForCustomer(customerId: string, id: string, change: (current: Notification) => boolean): Promise<Notification | undefined> {
    return this.knex.transaction(async (trx) => {
      const row = await this.Notifications.query(trx).findOne({ id, customer_id: customerId }).forUpdate();
      if (!row) return undefined;
      const notification = NotificationMapper.toNotification(row);
      if (change(notification)) {
        // read_at is the only state a notification changes after it is recorded.
        await trx('notifications').where('id', id).update({ read_at: notification.readAt });
      }
      return notification;
    });
  }

  async markAllRead(customerId: string, readAt: Date): Promise<number> {
    return this.knex('notifications').where('customer_id', customerId).whereNull('read_at').update({ read_at: readAt });
  }
}
