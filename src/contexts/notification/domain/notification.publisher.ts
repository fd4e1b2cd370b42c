import type { Notification } from './notification.aggregate.js';

/**
 * Port: tells the outside world (the shopper's browser) that a notification was recorded.
 * Best effort by contract: an adapter never throws, because the stored notification is the
 * record and clients refetch it; the push only saves them the wait.
 */
export interface NotificationPublisher {
  published(notification: Notification): void;
}

export const silentNotificationPublisher: NotificationPublisher = { published: () => {} };
