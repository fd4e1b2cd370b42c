import { DomainError } from '../../../shared/kernel/domain-error.js';

/**
 * Every code this context answers with, declared once: the error classes below use them and
 * contract.ts re-exports the list for callers (a drift test checks the two agree).
 */
export const INVENTORY_ERROR_CODES = {
  PRODUCT_NOT_FOUND: 'INVENTORY.PRODUCT_NOT_FOUND',
  INSUFFICIENT_STOCK: 'INVENTORY.INSUFFICIENT_STOCK',
  RESERVATION_NOT_FOUND: 'INVENTORY.RESERVATION_NOT_FOUND',
  RESERVATION_CLOSED: 'INVENTORY.RESERVATION_CLOSED',
  RESERVATION_MISMATCH: 'INVENTORY.RESERVATION_MISMATCH',
  DUPLICATE_SKU: 'INVENTORY.DUPLICATE_SKU',
} as const;

export class ProductNotFound extends DomainError {
  readonly code = INVENTORY_ERROR_CODES.PRODUCT_NOT_FOUND;
  readonly kind = 'not_found' as const;
  constructor(sku: string) {
    super(`No product with sku ${sku}`, { sku });
  }
}

export class InsufficientStock extends DomainError {
  readonly code = INVENTORY_ERROR_CODES.INSUFFICIENT_STOCK;
  readonly kind = 'business_rule' as const;
  constructor(sku: string, requested: number, available: number) {
    super(`Only ${available} of ${sku} left, ${requested} requested`, { sku, requested, available });
  }
}

export class ReservationNotFound extends DomainError {
  readonly code = INVENTORY_ERROR_CODES.RESERVATION_NOT_FOUND;
  readonly kind = 'not_found' as const;
  constructor(orderId: string) {
    super(`No reservation for order ${orderId}`, { orderId });
  }
}

/** A reservation that was released or committed cannot change direction. */
export class ReservationClosed extends DomainError {
  readonly code = INVENTORY_ERROR_CODES.RESERVATION_CLOSED;
  readonly kind = 'conflict' as const;
  constructor(orderId: string, status: string, attempted: string) {
    super(`Reservation for order ${orderId} is ${status}; cannot ${attempted}`, { orderId, status, attempted });
  }
}

/** Same orderId sent again with different lines: idempotency must not hide a changed request. */
export class ReservationMismatch extends DomainError {
  readonly code = INVENTORY_ERROR_CODES.RESERVATION_MISMATCH;
  readonly kind = 'conflict' as const;
  constructor(orderId: string) {
    super(`Order ${orderId} already holds a reservation with different lines`, { orderId });
  }
}

export class DuplicateSku extends DomainError {
  readonly code = INVENTORY_ERROR_CODES.DUPLICATE_SKU;
  readonly kind = 'conflict' as const;
  constructor(sku: string) {
    super(`A product with sku ${sku} already exists`, { sku });
  }
}
