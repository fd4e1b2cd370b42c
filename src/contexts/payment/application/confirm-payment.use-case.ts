import type { Clock } from '../../../shared/kernel/clock.js';
import { PaymentNotFound } from '../domain/payment.errors.js';
import type { PaymentRepository } from '../domain/payment.repository.js';
import { viewOf, type PaymentView } from './get-payment.use-case.js';

export class ConfirmPayment {
  constructor(
    private readonly repository: PaymentRepository,
    private readonly clock: Clock,
  ) {}

  /** Captures a REQUIRES_CONFIRMATION payment; a repeat is a no-op. */
  async execute(orderId: string): Promise<PaymentView> {
    const now = this.clock.now();
    const payment = await this.repository.update(orderId, (current) => {
      if (!current) throw new PaymentNotFound(orderId);
      return current.confirm(now) ? current : undefined;
    });
    return viewOf(this.repository, payment!);
  }
}
