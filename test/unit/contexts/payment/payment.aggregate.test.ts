import assert from 'node:assert/strict';
import { Payment, type ChargeIntent, type PaymentStatus } from '../../../../src/contexts/payment/domain/payment.aggregate.js';
import { Money } from '../../../../src/shared/kernel/money.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';
import { aChargeIntent, aPayment } from './payment.builder.js';

const t0 = new Date(TEST_EPOCH);
const t1 = new Date(t0.getTime() + 60_000);
const intent = aChargeIntent();
const ORDER = intent.orderId;
const PAYMENT_ID = anId();
const paymentIn = (status: PaymentStatus): Payment => aPayment(status, { intent, id: PAYMENT_ID, at: t0 });

describe('payment domain: Payment', () => {
  it('a charge needs at least one minor unit', () => {
    assert.throws(() => Payment.intent({ ...intent, amount: Money.of(0, 'EUR') }), { code: 'VALIDATION.INVALID_VALUE' });
  });

  it('settles into CAPTURED, DECLINED or REQUIRES_CONFIRMATION', () => {
    const captured = paymentIn('CAPTURED');
    assert.equal(captured.status, 'CAPTURED');
    assert.deepEqual(captured.capturedAt, t0);
    const declined = paymentIn('DECLINED');
    assert.equal(declined.declineReason, 'generic decline');
    assert.equal(declined.capturedAt, null);
    assert.equal(paymentIn('REQUIRES_CONFIRMATION').capturedAt, null);
  });

  describe('refund / void state machine', () => {
    const cases: [PaymentStatus, PaymentStatus, boolean][] = [
      ['CAPTURED', 'REFUNDED', true],
      ['REQUIRES_CONFIRMATION', 'VOIDED', true],
      ['REFUNDED', 'REFUNDED', false],
      ['VOIDED', 'VOIDED', false],
      ['DECLINED', 'DECLINED', false],
    ];
    for (const [from, to, changes] of cases) {
      it(`${from} -> ${to}${changes ? '' : ' (no-op)'}, and a second refund is a no-op`, () => {
        const payment = paymentIn(from);
        const before = payment.snapshot();
        assert.equal(payment.refund(t1, 'order cancelled'), changes);
        assert.equal(payment.status, to);
        if (!changes) assert.deepEqual(payment.snapshot(), before);
        const after = payment.snapshot();
        assert.equal(payment.refund(t1, 'again'), false);
        assert.deepEqual(payment.snapshot(), after);
      });
    }

    it('records when the money went back, and why; a void gives back nothing so has no refundedAt', () => {
      const refunded = paymentIn('CAPTURED');
      refunded.refund(t1, 'out of stock');
      assert.deepEqual(refunded.refundedAt, t1);
      assert.equal(refunded.refundReason, 'out of stock');
      const voided = paymentIn('REQUIRES_CONFIRMATION');
      voided.refund(t1, null);
      assert.equal(voided.refundedAt, null);
      assert.deepEqual(voided.updatedAt, t1);
    });

    it('a tombstone is VOIDED without any charge data and refuses every later charge', () => {
      const tombstone = Payment.tombstone(anId(), ORDER, t0, 'saga compensated');
      assert.equal(tombstone.status, 'VOIDED');
      assert.equal(tombstone.isTombstone, true);
      assert.equal(tombstone.amount, null);
      assert.equal(tombstone.refund(t1, null), false);
      assert.throws(() => tombstone.answerCharge(intent), { code: 'PAYMENT.VOIDED' });
    });

    it('rejects an empty or over-long reason', () => {
      assert.throws(() => paymentIn('CAPTURED').refund(t1, '   '), { code: 'VALIDATION.INVALID_VALUE' });
      assert.throws(() => paymentIn('CAPTURED').refund(t1, 'x'.repeat(501)), { code: 'VALIDATION.INVALID_VALUE' });
    });
  });

  describe('confirm', () => {
    it('captures a payment waiting for confirmation; a second confirm is a no-op', () => {
      const payment = paymentIn('REQUIRES_CONFIRMATION');
      assert.equal(payment.confirm(t1), true);
      assert.equal(payment.status, 'CAPTURED');
      assert.deepEqual(payment.capturedAt, t1);
      assert.deepEqual(payment.confirmedAt, t1);
      assert.equal(payment.confirm(new Date(t1.getTime() + 60_000)), false);
      assert.deepEqual(payment.capturedAt, t1);
    });

    for (const status of ['CAPTURED', 'DECLINED', 'REFUNDED', 'VOIDED'] as const) {
      it(`refuses a ${status} payment that never waited for confirmation`, () => {
        assert.throws(() => paymentIn(status).confirm(t1), { code: 'PAYMENT.NOT_AWAITING_CONFIRMATION' });
      });
    }
  });

  describe('answerCharge (what a first or repeated charge answers)', () => {
    it('CAPTURED and REQUIRES_CONFIRMATION answer with the payment', () => {
      assert.doesNotThrow(() => paymentIn('CAPTURED').answerCharge(intent));
      assert.doesNotThrow(() => paymentIn('REQUIRES_CONFIRMATION').answerCharge(intent));
    });

    it('a declined payment declines again, a voided or refunded one refuses', () => {
      assert.throws(() => paymentIn('DECLINED').answerCharge(intent), {
        code: 'PAYMENT.CARD_DECLINED',
        details: { orderId: ORDER, paymentId: PAYMENT_ID, reason: 'generic decline', cardLast4: intent.card.last4 },
      });
      assert.throws(() => paymentIn('VOIDED').answerCharge(intent), { code: 'PAYMENT.VOIDED' });
      assert.throws(() => paymentIn('REFUNDED').answerCharge(intent), { code: 'PAYMENT.ALREADY_REFUNDED' });
    });

    it('a changed amount, currency, customer or card is a mismatch, whatever the status', () => {
      const changed: ChargeIntent[] = [
        { ...intent, amount: Money.of(1001, 'EUR') },
        { ...intent, amount: Money.of(1000, 'USD') },
        { ...intent, customerId: anId() },
        { ...intent, card: { last4: '0002', brand: 'visa' } },
      ];
      for (const status of ['CAPTURED', 'DECLINED', 'REQUIRES_CONFIRMATION'] as const) {
        for (const other of changed) assert.throws(() => paymentIn(status).answerCharge(other), { code: 'PAYMENT.MISMATCH' });
      }
    });
  });
});
