import { DomainError } from '../../../shared/kernel/domain-error.js';

export class PaymentNotFound extends DomainError {
  readonly code = 'PAYMENT.NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(orderId: string) {
    super(`No payment for order ${orderId}`, { orderId });
  }
}

export class CardDeclined extends DomainError {
  readonly code = 'PAYMENT.CARD_DECLINED';
  readonly kind = 'business_rule' as const;
  constructor(orderId: string, paymentId: string, reason: string, cardLast4: string | null) {
    super(`The card was declined: ${reason}`, { orderId, paymentId, reason, cardLast4 });
  }
}

/** Same orderId charged again with another amount, customer or card: idempotency must not hide a changed request. */
export class PaymentMismatch extends DomainError {
  readonly code = 'PAYMENT.MISMATCH';
  readonly kind = 'conflict' as const;
  constructor(orderId: string, differs: string[]) {
    super(`Order ${orderId} already has a payment with a different ${differs.join(', ')}`, { orderId, differs });
  }
}

/** The order's payment was voided (or a refund arrived before any charge): a late charge must not take money. */
export class PaymentVoided extends DomainError {
  readonly code = 'PAYMENT.VOIDED';
  readonly kind = 'conflict' as const;
  constructor(orderId: string) {
    super(`The payment for order ${orderId} was voided; it cannot be charged`, { orderId });
  }
}

/** The money was already given back; charging the order again would be a second, unrelated payment. */
export class PaymentAlreadyRefunded extends DomainError {
  readonly code = 'PAYMENT.ALREADY_REFUNDED';
  readonly kind = 'conflict' as const;
  constructor(orderId: string) {
    super(`The payment for order ${orderId} was refunded; it cannot be charged again`, { orderId });
  }
}

export class NotAwaitingConfirmation extends DomainError {
  readonly code = 'PAYMENT.NOT_AWAITING_CONFIRMATION';
  readonly kind = 'conflict' as const;
  constructor(orderId: string, status: string) {
    super(`The payment for order ${orderId} is ${status}, not waiting for confirmation`, { orderId, status });
  }
}

/**
 * Not a DomainError on purpose: "try again later" is no domain outcome and fits none of the
 * kinds (which all mean "do not retry as is"). The HTTP edge of this context answers it with 503,
 * so callers' generic retry handling (RemoteServiceUnavailable) applies.
 */
export class ProviderUnavailable extends Error {
  readonly code = 'PAYMENT.PROVIDER_UNAVAILABLE';
  constructor(
    readonly orderId: string,
    readonly attempt: number,
    reason: string,
  ) {
    super(`The card provider is unavailable (${reason}); retry later`);
    this.name = 'ProviderUnavailable';
  }
}
