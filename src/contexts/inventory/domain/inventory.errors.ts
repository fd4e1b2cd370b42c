import { DomainError } from '../../../shared/kernel/domain-error.js';

export class ProductNotFound extends DomainError {
  readonly code = 'INVENTORY.PRODUCT_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(sku: string) {
    super(`No product with sku ${sku}`, { sku });
  }
}

export class InsufficientStock extends DomainError {
  readonly code = 'INVENTORY.INSUFFICIENT_STOCK';
  readonly kind = 'business_rule' as const;
  constructor(sku: string, requested: number, available: number) {
    super(`Only ${available} of ${sku} left, ${requested} requested`, { sku, requested, available });
  }
}

export class ReservationNotFound extends DomainError {
  readonly code = 'INVENTORY.RESERVATION_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(orderId: string) {
    super(`No reservation for order ${orderId}`, { orderId });
  }
}

/** A reservation that was released or committed cannot change direction. */
export class ReservationClosed extends DomainError {
  readonly code = 'INVENTORY.RESERVATION_CLOSED';
  readonly kind = 'conflict' as const;
  constructor(orderId: string, status: string, attempted: string) {
    super(`Reservation for order ${orderId} is ${status}; cannot ${attempted}`, { orderId, status, attempted });
  }
}

/** Same orderId sent again with different lines: idempotency must not hide a changed request. */
export class ReservationMismatch extends DomainError {
  readonly code = 'INVENTORY.RESERVATION_MISMATCH';
  readonly kind = 'conflict' as const;
  constructor(orderId: string) {
    super(`Order ${orderId} already holds a reservation with different lines`, { orderId });
  }
}

export class DuplicateSku extends DomainError {
  readonly code = 'INVENTORY.DUPLICATE_SKU';
  readonly kind = 'conflict' as const;
  constructor(sku: string) {
    super(`A product with sku ${sku} already exists`, { sku });
  }
}
