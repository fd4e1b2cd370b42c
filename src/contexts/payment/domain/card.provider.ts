import type { Money } from '../../../shared/kernel/money.js';
import type { PaymentMethod } from './payment-method.aggregate.js';

export interface AuthorizationRequest {
  readonly orderId: string;
  /** The card as the provider knows it (its reference); the full number is long gone by now. */
  readonly paymentMethod: PaymentMethod;
  readonly amount: Money;
  /** 1 for the order's first provider call, counted from the attempts stored for the order. */
  readonly attempt: number;
}

export type AuthorizationOutcome =
  | { readonly kind: 'APPROVED' }
  | { readonly kind: 'DECLINED'; readonly reason: string }
  | { readonly kind: 'REQUIRES_CONFIRMATION' }
  /** Nothing happened at the provider; the same request may succeed later. */
  | { readonly kind: 'TRANSIENT_FAILURE'; readonly reason: string };

/** Port. The card provider (here a simulator; a real PSP adapter would implement the same). */
export interface CardProvider {
  authorize(request: AuthorizationRequest): Promise<AuthorizationOutcome>;
}
