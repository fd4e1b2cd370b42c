import type { PaymentMethod } from './payment-method.aggregate.js';

/** Port. Payment methods are identified by their token, written once and never changed. */
export interface PaymentMethodRepository {
  /**
   * A fresh, unguessable id matching PAYMENT_METHOD_ID_PATTERN. The store hands it out (rather
   * than the domain) because randomness comes from the platform, which the domain does not import.
   */
  nextId(): string;
  get(id: string): Promise<PaymentMethod | undefined>;
  /**
   * Stores the method unless its id is taken; then writes nothing and returns the stored one
   * with created: false.
   */
  add(method: PaymentMethod): Promise<{ aggregate: PaymentMethod; created: boolean }>;
}
