import type { Knex } from 'knex';
import { isUuid } from '../../../../shared/kernel/ids.js';
import type { Notification } from '../../domain/notification.aggregate.js';
import type { NotificationPage, NotificationQuery, NotificationRepository } from '../../domain/notification.repository.js';
import { NotificationMapper } from './notification.mapper.js';
import { NotificationRecord } from './notification.record.js';

export class ObjectionNotificationRepository implements NotificationRepository {
  // Bound to this context's own knex: no global Model.knex(), so two contexts in one process stay apart.
  private readonly Notifications: typeof NotificationRecord;

  constructor(private readonly knex: Knex) {
    this.Notifications = NotificationRecord.bindKnex(knex);
  }

  async get(id: string): Promise<Notification | undefined> {
    // Postgres rejects a malformed uuid with an error; for us it simply names no notification.
    if (!isUuid(id)) return undefined;
    const row = await this.Notifications.query().findById(id);
    return row ? NotificationMapper.toNotification(row) : undefined;
  }

  async add(notification: Notification): Promise<{ aggregate: Notification; created: boolean }> {
    // The unique dedupe key decides who records first; a loser waits for the winner's commit,
    // so the row is there to read once the insert has given way.
    const inserted = await this.knex('notifications')
      .insert(NotificationMapper.toRow(notification))
      .onConflict('dedupe_key')
      .ignore()
      .returning('id');
    if (inserted.length > 0) return { aggregate: notification, created: true };
    const existing = await this.Notifications.query().findOne({ dedupe_key: notification.dedupeKey });
    if (!existing) throw new Error(`notification with dedupe key ${notification.dedupeKey} conflicted but cannot be read`);
    return { aggregate: NotificationMapper.toNotification(existing), created: false };
  }

  async listByCustomer(customerId: string, query: NotificationQuery): Promise<NotificationPage> {
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
      items: rows.map((row) => NotificationMapper.toNotification(row)),
      total: query.unreadOnly ? counts.unread : counts.all,
      unreadCount: counts.unread,
    };
  }

  async update(id: string, change: (current: Notification | undefined) => Notification | undefined): Promise<Notification | undefined> {
    if (!isUuid(id)) return absent(change);
    return this.knex.transaction(async (trx) => {
      const row = await this.Notifications.query(trx).findById(id).forUpdate();
      if (!row) return absent(change);
      const next = change(NotificationMapper.toNotification(row));
      if (!next) return NotificationMapper.toNotification(row);
      // read_at is the only state a notification changes after it is recorded.
      await trx('notifications').where('id', id).update({ read_at: next.readAt });
      return next;
    });
  }

  async markAllRead(customerId: string, readAt: Date): Promise<number> {
    return this.knex('notifications').where('customer_id', customerId).whereNull('read_at').update({ read_at: readAt });
  }
}

/** `change` still hears about a missing notification (it may want to fail), but update never creates one. */
function absent(change: (current: Notification | undefined) => Notification | undefined): undefined {
  if (change(undefined)) throw new Error('update cannot create a notification; add does');
  return undefined;
}
