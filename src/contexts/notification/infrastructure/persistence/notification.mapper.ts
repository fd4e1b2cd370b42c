import { Notification } from '../../domain/notification.aggregate.js';
import type { NotificationRecord } from './notification.record.js';

export type NotificationRow = Pick<
  NotificationRecord,
  'id' | 'dedupe_key' | 'customer_id' | 'order_id' | 'type' | 'title' | 'message' | 'request_fingerprint' | 'created_at' | 'read_at'
>;

export const NotificationMapper = {
  toNotification(row: NotificationRow): Notification {
    return Notification.restore({
      id: row.id,
      dedupeKey: row.dedupe_key,
      customerId: row.customer_id,
      orderId: row.order_id,
      type: row.type,
      title: row.title,
      message: row.message,
      requestFingerprint: row.request_fingerprint,
      createdAt: new Date(row.created_at),
      readAt: row.read_at === null ? null : new Date(row.read_at),
    });
  },

  toRow(notification: Notification): NotificationRow {
    return {
      id: notification.id,
      dedupe_key: notification.dedupeKey,
      customer_id: notification.customerId,
      order_id: notification.orderId,
      type: notification.type,
      title: notification.title,
      message: notification.message,
      request_fingerprint: notification.requestFingerprint,
      created_at: notification.createdAt,
      read_at: notification.readAt,
    };
  },
};
