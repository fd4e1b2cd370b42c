import { DomainError } from '../../../shared/kernel/domain-error.js';

/**
 * No such payment method, or one that belongs to another customer: the same answer for both,
 * so a token tells a stranger nothing, not even that it exists.
 */
export class PaymentMethodNotFound extends DomainError {
  readonly code = 'PAYMENT.METHOD_NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(paymentMethodId: string) {
    super(`No payment method ${paymentMethodId}`, { paymentMethodId });
  }
}
