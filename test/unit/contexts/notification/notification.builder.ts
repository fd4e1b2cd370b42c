import { Notification, type NotificationRequest } from '../../../../src/contexts/notification/domain/notification.aggregate.js';
import { notificationDedupeKey } from '../../../../src/contexts/notification/contract.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';

/**
 * What the saga asks to record (a "mother"): fresh ids, ORDER_CONFIRMED for a fresh order with its
 * own title and message, the order's dedupe key, created at the test epoch.
 */
export function aNotificationRequest(overrides: Partial<NotificationRequest> = {}): NotificationRequest {
  const orderId = overrides.orderId === undefined ? anId() : overrides.orderId;
  const type = overrides.type ?? 'ORDER_CONFIRMED';
  return {
    id: anId(),
    dedupeKey: orderId ? notificationDedupeKey(orderId, type) : `${anId()}:${type}`,
    customerId: anId(),
    orderId,
    type,
    title: 'Order confirmed',
    message: 'Your order is confirmed.',
    createdAt: new Date(TEST_EPOCH),
    ...overrides,
  };
}

/** A recorded, unread notification. */
export function aNotification(overrides: Partial<NotificationRequest> = {}): Notification {
  return Notification.record(aNotificationRequest(overrides));
}
