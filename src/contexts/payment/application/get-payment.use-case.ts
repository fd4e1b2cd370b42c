import type { PaymentAttempt } from '../domain/payment-attempt.value.js';
import type { Payment } from '../domain/payment.aggregate.js';
import { PaymentNotFound } from '../domain/payment.errors.js';
import type { PaymentRepository } from '../domain/payment.repository.js';

/** A payment together with every provider call made for its order. */
export interface PaymentView {
  payment: Payment;
  attempts: PaymentAttempt[];
}

export async function viewOf(repository: PaymentRepository, payment: Payment): Promise<PaymentView> {
  return { payment, attempts: await repository.listAttempts(payment.orderId) };
}

export class GetPayment {
  constructor(private readonly repository: PaymentRepository) {}

  async execute(orderId: string): Promise<PaymentView> {
    const payment = await this.repository.get(orderId);
    if (!payment) throw new PaymentNotFound(orderId);
    return viewOf(this.repository, payment);
  }
}
