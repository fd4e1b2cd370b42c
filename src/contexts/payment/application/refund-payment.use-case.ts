import type { Clock } from '../../../shared/kernel/clock.js';
import { newId } from '../../../shared/kernel/ids.js';
import { assertReason, Payment } from '../domain/payment.aggregate.js';
import type { PaymentRepository } from '../domain/payment.repository.js';
import { viewOf, type PaymentView } from './get-payment.use-case.js';

export class RefundPayment {
  constructor(
    private readonly repository: PaymentRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Compensation: idempotent, never refuses, and safe for an order that was never charged
   * (leaves a VOIDED tombstone so a late charge is turned away).
   */
  async execute(orderId: string, reason: string | null = null): Promise<PaymentView> {
    assertReason(reason);
    const now = this.clock.now();
    const payment = await this.repository.update(orderId, (current) => {
      if (!current) return Payment.tombstone(newId(), orderId, now, reason);
      return current.refund(now, reason) ? current : undefined;
    });
    return viewOf(this.repository, payment!);
  }
}
