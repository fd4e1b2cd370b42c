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

/** Port. The same vocabulary as every context's repositories: get, add, update(id, change). */
export interface NotificationRepository {
  /** By id, whoever's it is; undefined when there is no such notification. */
  get(id: string): Promise<Notification | undefined>;
  listByCustomer(customerId: string, query: NotificationQuery): Promise<NotificationPage>;
  /**
   * Stores the notification unless one with its dedupe key (the identity a retried request
   * repeats; the id is new on every attempt) is stored; then writes nothing and returns the stored
   * one with created: false (the caller decides whether that is a repeat). Holds under concurrent
   * callers: the store's unique key decides.
   */
  add(notification: Notification): Promise<{ aggregate: Notification; created: boolean }>;
  /**
   * Loads the notification locked against concurrent changes, hands it to `change` (undefined
   * when there is none) and saves what `change` returns: `change` mutates and returns `current`,
   * or returns undefined for "no change". Resolves to what was saved, else the current
   * notification (undefined when there is none). Creating goes through `add`, never through here.
   */
  update(id: string, change: (current: Notification | undefined) => Notification | undefined): Promise<Notification | undefined>;
  /** One statement for all of a customer's unread notifications. @returns how many were unread and are now read. */
  markAllRead(customerId: string, readAt: Date): Promise<number>;
}
