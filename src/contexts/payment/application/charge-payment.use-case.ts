import type { Clock } from '../../../shared/kernel/clock.js';
import { newId } from '../../../shared/kernel/ids.js';
import { Money } from '../../../shared/kernel/money.js';
import type { CardProvider } from '../domain/card.provider.js';
import type { AttemptOutcome } from '../domain/payment-attempt.value.js';
import { assertChargeable, Payment } from '../domain/payment.aggregate.js';
import { PAYMENT_ERROR_CODES, ProviderUnavailable } from '../domain/payment.errors.js';
import type { PaymentMethodRepository } from '../domain/payment-method.repository.js';
import type { PaymentRepository } from '../domain/payment.repository.js';
import { findOwnedPaymentMethod } from './get-payment-method.use-case.js';
import { viewOf, type PaymentView } from './get-payment.use-case.js';

export interface ChargePaymentCommand {
  orderId: string;
  customerId: string;
  amountMinor: number;
  currency: string;
  /** A token from CreatePaymentMethod, issued to this same customer. */
  paymentMethodId: string;
}

const ERROR_CODE_BY_OUTCOME: Record<AttemptOutcome, string | null> = {
  APPROVED: null,
  REQUIRES_CONFIRMATION: null,
  DECLINED: PAYMENT_ERROR_CODES.CARD_DECLINED,
  TRANSIENT_FAILURE: PAYMENT_ERROR_CODES.PROVIDER_UNAVAILABLE,
};

export class ChargePayment {
  constructor(
    private readonly repository: PaymentRepository,
    private readonly paymentMethods: PaymentMethodRepository,
    private readonly provider: CardProvider,
    private readonly clock: Clock,
  ) {}

  /**
   * Idempotent by orderId: a repeat answers from the stored payment without calling the
   * provider again. A transient failure stores no payment (the order may be charged again) but
   * is counted as an attempt.
   * @throws PaymentMethodNotFound (unknown, or another customer's), CardDeclined (also on a repeat),
   *   PaymentMismatch, PaymentVoided, PaymentAlreadyRefunded, ProviderUnavailable
   */
  async execute(command: ChargePaymentCommand): Promise<PaymentView> {
    const amount = Money.of(command.amountMinor, command.currency);
    assertChargeable(amount);
    const paymentMethod = await findOwnedPaymentMethod(this.paymentMethods, command.paymentMethodId, command.customerId);
    const intent = Payment.intent({
      orderId: command.orderId,
      customerId: command.customerId,
      amount,
      card: paymentMethod.summary(),
    });

    // Only a shortcut that spares the provider a call: the insert below is what decides.
    const existing = await this.repository.get(intent.orderId);
    if (existing) {
      existing.answerCharge(intent);
      return viewOf(this.repository, existing);
    }

    const attempt = (await this.repository.countAttempts(intent.orderId)) + 1;
    const outcome = await this.provider.authorize({ orderId: intent.orderId, paymentMethod, amount: intent.amount, attempt });
    const now = this.clock.now();
    const record = { orderId: intent.orderId, outcome: outcome.kind, errorCode: ERROR_CODE_BY_OUTCOME[outcome.kind], at: now };

    if (outcome.kind === 'TRANSIENT_FAILURE') {
      const recorded = await this.repository.recordAttempt(record);
      throw new ProviderUnavailable(intent.orderId, recorded.attempt, outcome.reason);
    }

    const { aggregate: payment } = await this.repository.add(Payment.settle(newId(), intent, outcome, now), record);
    // A concurrent charge (or a refund's tombstone) may have stored the order's payment first;
    // either way everyone answers from the stored one.
    payment.answerCharge(intent);
    return viewOf(this.repository, payment);
  }
}
