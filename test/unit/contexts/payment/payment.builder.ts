import { TEST_CARDS } from '../../../../src/contexts/payment/contract.js';
import { Payment, type ChargeIntent, type PaymentStatus } from '../../../../src/contexts/payment/domain/payment.aggregate.js';
import { Money } from '../../../../src/shared/kernel/money.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';

/** What a charge of a fresh order asks for: 10.00 EUR on the approving test card. */
export function aChargeIntent(overrides: Partial<ChargeIntent> = {}): ChargeIntent {
  return {
    orderId: anId(),
    customerId: anId(),
    amount: Money.of(1000, 'EUR'),
    card: { last4: TEST_CARDS.APPROVE.number.slice(-4), brand: 'visa' },
    ...overrides,
  };
}

/** A payment in `status`, reached the way the domain gets there (settled, then refunded or voided). */
export function aPayment(status: PaymentStatus, options: { intent?: ChargeIntent; id?: string; at?: Date } = {}): Payment {
  const intent = options.intent ?? aChargeIntent();
  const id = options.id ?? anId();
  const at = options.at ?? new Date(TEST_EPOCH);
  switch (status) {
    case 'CAPTURED':
      return Payment.settle(id, intent, { kind: 'APPROVED' }, at);
    case 'DECLINED':
      return Payment.settle(id, intent, { kind: 'DECLINED', reason: 'generic decline' }, at);
    case 'REQUIRES_CONFIRMATION':
      return Payment.settle(id, intent, { kind: 'REQUIRES_CONFIRMATION' }, at);
    case 'REFUNDED': {
      const payment = aPayment('CAPTURED', { intent, id, at });
      payment.refund(at, null);
      return payment;
    }
    case 'VOIDED': {
      const payment = aPayment('REQUIRES_CONFIRMATION', { intent, id, at });
      payment.refund(at, null);
      return payment;
    }
  }
}
