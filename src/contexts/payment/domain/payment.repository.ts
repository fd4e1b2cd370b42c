import type { NewPaymentAttempt, PaymentAttempt } from './payment-attempt.value.js';
import type { Payment } from './payment.aggregate.js';

/**
 * Port. A payment is identified by its order id (an order has at most one). Attempts are
 * numbered by the store (1, 2, ... per order, no gaps, no duplicates even under concurrent
 * calls), so the count survives restarts and is shared by every instance.
 */
export interface PaymentRepository {
  get(orderId: string): Promise<Payment | undefined>;
  countAttempts(orderId: string): Promise<number>;
  listAttempts(orderId: string): Promise<PaymentAttempt[]>;
  /** Records a provider call that left no payment behind (a transient failure). */
  recordAttempt(attempt: NewPaymentAttempt): Promise<PaymentAttempt>;
  /**
   * Stores `payment` unless its order already has one (the unique order id decides, not a read)
   * and, in the same transaction, records the provider call that produced it (recorded either
   * way: the provider was called). Returns the stored payment: this one (created) or the one
   * that was there first (the caller decides what that means).
   */
  add(payment: Payment, attempt: NewPaymentAttempt): Promise<{ aggregate: Payment; created: boolean }>;
  /**
   * Runs `change` on the order's payment locked against concurrent changes, or on undefined when
   * there is none, and saves what it returns (nothing when it returns undefined). Returns what
   * was saved, or the current payment when nothing was.
   */
  update(orderId: string, change: (current: Payment | undefined) => Payment | undefined): Promise<Payment | undefined>;
}
