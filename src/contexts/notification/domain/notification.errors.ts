import { DomainError } from '../../../shared/kernel/domain-error.js';

/** Also the answer for another customer's notification, so ids cannot be probed across customers. */
export class NotificationNotFound extends DomainError {
  readonly code = 'NOTIFICATION.NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(notificationId: string) {
    super(`No notification ${notificationId} for this customer`, { notificationId });
  }
}

/** A dedupe key sent again with other content: idempotency must not hide a changed request. */
export class DuplicateKeyMismatch extends DomainError {
  readonly code = 'NOTIFICATION.DUPLICATE_KEY_MISMATCH';
  readonly kind = 'conflict' as const;
  constructor(dedupeKey: string, differs: readonly string[]) {
    super(`Dedupe key ${dedupeKey} was already recorded with different content`, { dedupeKey, differs });
  }
}
