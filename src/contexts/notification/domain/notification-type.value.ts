/**
 * Every event of the order saga a customer is told about; the saga sends one of these with the
 * facts. The one list: the contract re-exports it, a test compares the migration's CHECK with it.
 */
export const NOTIFICATION_TYPES = [
  'ORDER_PLACED',
  'ORDER_CONFIRMED',
  'ORDER_CANCELLED',
  'PAYMENT_FAILED',
  'PAYMENT_CONFIRMATION_REQUIRED',
  'ORDER_NEEDS_ATTENTION',
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export function isNotificationType(value: unknown): value is NotificationType {
  return typeof value === 'string' && (NOTIFICATION_TYPES as readonly string[]).includes(value);
}
