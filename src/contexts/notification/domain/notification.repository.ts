import type { Notification } from './notification.aggregate.js';

export interface NotificationQuery {
  limit: number;
  offset: number;
  unreadOnly: boolean;
}

export interface NotificationPage {
  /** Newest first. */
  items: Notification[];
  /** Matching the query (so only unread ones when unreadOnly). */
  total: number;
  /** All of the customer's unread notifications, whatever the query. */
  unreadCount: number;
}

/** Port. */
export interface NotificationRepository {
  /**
   * Stores `requested` unless its dedupe key is already taken; then returns the stored one
   * (the caller decides if that is a repeat). Must hold under concurrent callers.
   */
  record(requested: Notification): Promise<{ notification: Notification; created: boolean }>;
  listForCustomer(customerId: string, query: NotificationQuery): Promise<NotificationPage>;
  /**
   * Runs `change` on the customer's notification, locked against concurrent changes, and persists
   * it when `change` returns true. Undefined when the customer has no notification with that id.
   */
  changeForCustomer(customerId: string, id: string, change: (current: Notification) => boolean): Promise<Notification | undefined>;
  /** @returns how many were unread and are now read. */
  markAllRead(customerId: string, readAt: Date): Promise<number>;
}
