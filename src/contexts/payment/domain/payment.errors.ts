import { DomainError } from '../../../shared/kernel/domain-error.js';

/**
 * Every code this context answers with, declared once: the error classes below use them and
 * contract.ts re-exports the list for callers (a drift test checks the two agree).
 */
export const PAYMENT_ERROR_CODES = {
  NOT_FOUND: 'PAYMENT.NOT_FOUND',
  CARD_DECLINED: 'PAYMENT.CARD_DECLINED',
  /** The one 503 the service answers on purpose: retrying the same charge may succeed. */
  PROVIDER_UNAVAILABLE: 'PAYMENT.PROVIDER_UNAVAILABLE',
  NOT_AWAITING_CONFIRMATION: 'PAYMENT.NOT_AWAITING_CONFIRMATION',
  MISMATCH: 'PAYMENT.MISMATCH',
  VOIDED: 'PAYMENT.VOIDED',
  ALREADY_REFUNDED: 'PAYMENT.ALREADY_REFUNDED',
  /**
   * No such payment method, or another customer's (the same answer, so a token reveals nothing):
   * 404, from GET /payment-methods/:id and from a charge alike. For a charge that means "the
   * request named a token you cannot use", never "the route is missing" (that one is HTTP.NOT_FOUND).
   */
  METHOD_NOT_FOUND: 'PAYMENT.METHOD_NOT_FOUND',
} as const;

export class PaymentNotFound extends DomainError {
  readonly code = PAYMENT_ERROR_CODES.NOT_FOUND;
  readonly kind = 'not_found' as const;
  constructor(orderId: string) {
    super(`No payment for order ${orderId}`, { orderId });
  }
}

export class CardDeclined extends DomainError {
  readonly code = PAYMENT_ERROR_CODES.CARD_DECLINED;
  readonly kind = 'business_rule' as const;
  constructor(orderId: string, paymentId: string, reason: string, cardLast4: string | null) {
    super(`The card was declined: ${reason}`, { orderId, paymentId, reason, cardLast4 });
  }
}

/** Same orderId charged again with another amount, customer or card: idempotency must not hide a changed request. */
export class PaymentMismatch extends DomainError {
  readonly code = PAYMENT_ERROR_CODES.MISMATCH;
  readonly kind = 'conflict' as const;
  constructor(orderId: string, differs: string[]) {
    super(`Order ${orderId} already has a payment with a different ${differs.join(', ')}`, { orderId, differs });
  }
}

/** The order's payment was voided (or a refund arrived before any charge): a late charge must not take money. */
export class PaymentVoided extends DomainError {
  readonly code = PAYMENT_ERROR_CODES.VOIDED;
  readonly kind = 'conflict' as const;
  constructor(orderId: string) {
    super(`The payment for order ${orderId} was voided; it cannot be charged`, { orderId });
  }
}

/** The money was already given back; charging the order again would be a second, unrelated payment. */
export class PaymentAlreadyRefunded extends DomainError {
  readonly code = PAYMENT_ERROR_CODES.ALREADY_REFUNDED;
  readonly kind = 'conflict' as const;
  constructor(orderId: string) {
    super(`The payment for order ${orderId} was refunded; it cannot be charged again`, { orderId });
  }
}

export class NotAwaitingConfirmation extends DomainError {
  readonly code = PAYMENT_ERROR_CODES.NOT_AWAITING_CONFIRMATION;
  readonly kind = 'conflict' as const;
  constructor(orderId: string, status: string) {
    super(`The payment for order ${orderId} is ${status}, not waiting for confirmation`, { orderId, status });
  }
}

/**
 * No such payment method, or one that belongs to another customer: the same answer for both,
 * so a token tells a stranger nothing, not even that it exists.
 */
export class PaymentMethodNotFound extends DomainError {
  readonly code = PAYMENT_ERROR_CODES.METHOD_NOT_FOUND;
  readonly kind = 'not_found' as const;
  constructor(paymentMethodId: string) {
    super(`No payment method ${paymentMethodId}`, { paymentMethodId });
  }
}

/**
 * Not a DomainError on purpose: "try again later" is no domain outcome and fits none of the
 * kinds (which all mean "do not retry as is"). The HTTP edge of this context answers it with 503,
 * so callers' generic retry handling (RemoteServiceUnavailable) applies.
 */
export class ProviderUnavailable extends Error {
  readonly code = PAYMENT_ERROR_CODES.PROVIDER_UNAVAILABLE;
  constructor(
    readonly orderId: string,
    readonly attempt: number,
    reason: string,
  ) {
    super(`The card provider is unavailable (${reason}); retry later`);
    this.name = 'ProviderUnavailable';
  }
}
