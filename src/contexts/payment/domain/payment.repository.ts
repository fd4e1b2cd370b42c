import type { NewPaymentAttempt, PaymentAttempt } from './payment-attempt.value.js';
import type { Payment } from './payment.aggregate.js';

/**
 * Port. Attempts are numbered by the store (1, 2, ... per order, no gaps, no duplicates even
 * under concurrent calls), so the count survives restarts and is shared by every instance.
 */
export interface PaymentRepository {
  findByOrderId(orderId: string): Promise<Payment | undefined>;
  countAttempts(orderId: string): Promise<number>;
  listAttempts(orderId: string): Promise<PaymentAttempt[]>;
  /** Records a provider call that left no payment behind (a transient failure). */
  recordAttempt(attempt: NewPaymentAttempt): Promise<PaymentAttempt>;
  /**
   * Stores `payment` unless its order already has one (the unique order id decides, not a
   * read), and records the provider call that produced it, in one transaction. Returns the
   * stored payment: the given one, or the one that was there first.
   */
  insertIfAbsent(payment: Payment, attempt: NewPaymentAttempt): Promise<{ payment: Payment; created: boolean }>;
  /**
   * Runs `change` on the order's payment locked against concurrent changes (or on undefined),
   * and persists what it returns; returning undefined means "leave it as it is".
   * @returns the payment as stored afterwards.
   */
  change(orderId: string, change: (current: Payment | undefined) => Payment | undefined): Promise<Payment | undefined>;
}
