import { DomainError } from '../../../shared/kernel/domain-error.js';
import type { OrderStatus } from './order-status.value.js';

/**
 * Every code the order context answers with, declared once: the error classes below use it and
 * contract.ts publishes it (a drift test checks that the two match one to one).
 */
export const ORDER_ERROR_CODES = {
  NOT_FOUND: 'ORDER.NOT_FOUND',
  ALREADY_EXISTS: 'ORDER.ALREADY_EXISTS',
  ILLEGAL_TRANSITION: 'ORDER.ILLEGAL_TRANSITION',
  DUPLICATE_SKU: 'ORDER.DUPLICATE_SKU',
  MIXED_CURRENCY: 'ORDER.MIXED_CURRENCY',
} as const;

/**
 * Reason codes of the status changes an operator decides (the history's reasonCode), declared once:
 * the saga writes them, the operator console and tests read them.
 */
export const ORDER_REASON_CODES = {
  /** An operator asked the saga to run the failed compensations again. */
  OPERATOR_RETRY: 'OPERATOR.RETRY',
  /** An operator settled the order by hand (refund, stock) and closed it. */
  OPERATOR_RESOLVED_MANUALLY: 'OPERATOR.RESOLVED_MANUALLY',
} as const;

export class OrderNotFound extends DomainError {
  readonly code = ORDER_ERROR_CODES.NOT_FOUND;
  readonly kind = 'not_found' as const;
  constructor(orderId: string) {
    super(`No order with id ${orderId}`, { orderId });
  }
}

/** The caller reused an order id for a different order: idempotency must not hide a changed request. */
export class OrderAlreadyExists extends DomainError {
  readonly code = ORDER_ERROR_CODES.ALREADY_EXISTS;
  readonly kind = 'conflict' as const;
  constructor(orderId: string) {
    super(`Order ${orderId} already exists with a different customer or lines`, { orderId });
  }
}

export class IllegalOrderTransition extends DomainError {
  readonly code = ORDER_ERROR_CODES.ILLEGAL_TRANSITION;
  readonly kind = 'conflict' as const;
  constructor(orderId: string, from: OrderStatus, to: OrderStatus) {
    super(`Order ${orderId} cannot go from ${from} to ${to}`, { orderId, from, to });
  }
}

export class DuplicateOrderLine extends DomainError {
  readonly code = ORDER_ERROR_CODES.DUPLICATE_SKU;
  readonly kind = 'validation' as const;
  constructor(sku: string) {
    super(`sku ${sku} appears on more than one line; use one line with a larger quantity`, { sku });
  }
}

export class MixedCurrency extends DomainError {
  readonly code = ORDER_ERROR_CODES.MIXED_CURRENCY;
  readonly kind = 'validation' as const;
  constructor(currencies: string[]) {
    super('all lines of an order must be priced in one currency', { currencies });
  }
}
