import type { NewPaymentAttempt, PaymentAttempt } from '../../../../src/contexts/payment/domain/payment-attempt.value.js';
import { Payment } from '../../../../src/contexts/payment/domain/payment.aggregate.js';
import type { PaymentRepository } from '../../../../src/contexts/payment/domain/payment.repository.js';

/** The repository port in memory; each method runs without an await in between, so it is atomic. */
export class InMemoryPaymentRepository implements PaymentRepository {
  readonly payments = new Map<string, Payment>();
  readonly attempts: PaymentAttempt[] = [];

  async findByOrderId(orderId: string): Promise<Payment | undefined> {
    const stored = this.payments.get(orderId);
    return stored ? copy(stored) : undefined;
  }

  async countAttempts(orderId: string): Promise<number> {
    return this.attempts.filter((a) => a.orderId === orderId).length;
  }

  async listAttempts(orderId: string): Promise<PaymentAttempt[]> {
    return this.attempts.filter((a) => a.orderId === orderId);
  }

  async recordAttempt(attempt: NewPaymentAttempt): Promise<PaymentAttempt> {
    return this.append(attempt);
  }

  async insertIfAbsent(payment: Payment, attempt: NewPaymentAttempt): Promise<{ payment: Payment; created: boolean }> {
    this.append(attempt);
    const existing = this.payments.get(payment.orderId);
    if (existing) return { payment: copy(existing), created: false };
    this.payments.set(payment.orderId, copy(payment));
    return { payment, created: true };
  }

  async change(orderId: string, change: (current: Payment | undefined) => Payment | undefined): Promise<Payment | undefined> {
    const stored = this.payments.get(orderId);
    const current = stored ? copy(stored) : undefined;
    const next = change(current);
    if (!next) return current;
    this.payments.set(orderId, copy(next));
    return next;
  }

  private append(attempt: NewPaymentAttempt): PaymentAttempt {
    const numbered = { ...attempt, attempt: this.attempts.filter((a) => a.orderId === attempt.orderId).length + 1 };
    this.attempts.push(numbered);
    return numbered;
  }
}

function copy(payment: Payment): Payment {
  return Payment.restore({ ...payment.snapshot() });
}
