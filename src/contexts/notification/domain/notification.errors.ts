import { DomainError } from '../../../shared/kernel/domain-error.js';

/**
 * Every code the notification context answers with, declared once: the error classes below use it
 * and contract.ts publishes it (a drift test checks that the two match one to one).
 */
export const NOTIFICATION_ERROR_CODES = {
  NOT_FOUND: 'NOTIFICATION.NOT_FOUND',
  DUPLICATE_KEY_MISMATCH: 'NOTIFICATION.DUPLICATE_KEY_MISMATCH',
} as const;

/** Also the answer for another customer's notification, so ids cannot be probed across customers. */
export class NotificationNotFound extends DomainError {
  readonly code = NOTIFICATION_ERROR_CODES.NOT_FOUND;
  readonly kind = 'not_found' as const;
  constructor(notificationId: string) {
    super(`No notification ${notificationId} for this customer`, { notificationId });
  }
}

/** A dedupe key sent again with other content: idempotency must not hide a changed request. */
export class DuplicateKeyMismatch extends DomainError {
  readonly code = NOTIFICATION_ERROR_CODES.DUPLICATE_KEY_MISMATCH;
  readonly kind = 'conflict' as const;
  constructor(dedupeKey: string, differs: readonly string[]) {
    super(`Dedupe key ${dedupeKey} was already recorded with different content`, { dedupeKey, differs });
  }
}
