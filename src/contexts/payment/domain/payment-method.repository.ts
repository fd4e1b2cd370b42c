import type { PaymentMethod } from './payment-method.aggregate.js';

/** Port. Payment methods are written once and never change. */
export interface PaymentMethodRepository {
  /**
   * A fresh, unguessable id matching PAYMENT_METHOD_ID_PATTERN. The store hands it out (rather
   * than the domain) because randomness comes from the platform, which the domain does not import.
   */
  nextId(): string;
  add(method: PaymentMethod): Promise<void>;
  findById(id: string): Promise<PaymentMethod | undefined>;
}
