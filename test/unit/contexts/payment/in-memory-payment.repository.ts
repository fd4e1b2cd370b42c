import type { NewPaymentAttempt, PaymentAttempt } from '../../../../src/contexts/payment/domain/payment-attempt.value.js';
import { Payment } from '../../../../src/contexts/payment/domain/payment.aggregate.js';
import type { PaymentRepository } from '../../../../src/contexts/payment/domain/payment.repository.js';
import { answer } from '../../../support/doubles/async.js';

/** The payment port in memory. Holds copies, like a database would; no method awaits half-way, so each is atomic. */
export class InMemoryPaymentRepository implements PaymentRepository {
  readonly payments = new Map<string, Payment>();
  readonly attempts: PaymentAttempt[] = [];

  get(orderId: string): Promise<Payment | undefined> {
    return answer(() => {
      const stored = this.payments.get(orderId);
      return stored ? copy(stored) : undefined;
    });
  }

  countAttempts(orderId: string): Promise<number> {
    return answer(() => this.attempts.filter((a) => a.orderId === orderId).length);
  }

  listAttempts(orderId: string): Promise<PaymentAttempt[]> {
    return answer(() => this.attempts.filter((a) => a.orderId === orderId));
  }

  recordAttempt(attempt: NewPaymentAttempt): Promise<PaymentAttempt> {
    return answer(() => this.append(attempt));
  }

  add(payment: Payment, attempt: NewPaymentAttempt): Promise<{ aggregate: Payment; created: boolean }> {
    return answer(() => {
      this.append(attempt);
      const existing = this.payments.get(payment.orderId);
      if (existing) return { aggregate: copy(existing), created: false };
      this.payments.set(payment.orderId, copy(payment));
      return { aggregate: payment, created: true };
    });
  }

  update(orderId: string, change: (current: Payment | undefined) => Payment | undefined): Promise<Payment | undefined> {
    return answer(() => {
      const stored = this.payments.get(orderId);
      const next = change(stored ? copy(stored) : undefined);
      if (!next) return stored ? copy(stored) : undefined;
      this.payments.set(orderId, copy(next));
      return next;
    });
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
