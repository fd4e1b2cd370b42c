import assert from 'node:assert/strict';
import { Payment, type ChargeIntent, type PaymentStatus } from '../../../../src/contexts/payment/domain/payment.aggregate.js';
import { Money } from '../../../../src/shared/kernel/money.js';

const ORDER = '6f1c9a4e-2b7d-4c1e-9f3a-1d2e3f4a5b6c';
const CUSTOMER = '0b7e7a3c-63b2-4d55-9d5f-3e0a4b0c1d2e';
const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:01:00Z');
const intent: ChargeIntent = { orderId: ORDER, customerId: CUSTOMER, amount: Money.of(1000, 'EUR'), card: { last4: '4242', brand: 'visa' } };

function paymentIn(status: PaymentStatus): Payment {
  switch (status) {
    case 'CAPTURED':
      return Payment.settle('p1', intent, { kind: 'APPROVED' }, t0);
    case 'DECLINED':
      return Payment.settle('p1', intent, { kind: 'DECLINED', reason: 'generic decline' }, t0);
    case 'REQUIRES_CONFIRMATION':
      return Payment.settle('p1', intent, { kind: 'REQUIRES_CONFIRMATION' }, t0);
    case 'REFUNDED': {
      const p = paymentIn('CAPTURED');
      p.refund(t0, null);
      return p;
    }
    case 'VOIDED': {
      const p = paymentIn('REQUIRES_CONFIRMATION');
      p.refund(t0, null);
      return p;
    }
  }
}

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
      const tombstone = Payment.tombstone('p2', ORDER, t0, 'saga compensated');
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
      assert.equal(payment.confirm(new Date('2026-02-01T00:00:00Z')), false);
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
        details: { orderId: ORDER, paymentId: 'p1', reason: 'generic decline', cardLast4: '4242' },
      });
      assert.throws(() => paymentIn('VOIDED').answerCharge(intent), { code: 'PAYMENT.VOIDED' });
      assert.throws(() => paymentIn('REFUNDED').answerCharge(intent), { code: 'PAYMENT.ALREADY_REFUNDED' });
    });

    it('a changed amount, currency, customer or card is a mismatch, whatever the status', () => {
      const changed: ChargeIntent[] = [
        { ...intent, amount: Money.of(1001, 'EUR') },
        { ...intent, amount: Money.of(1000, 'USD') },
        { ...intent, customerId: '11111111-1111-4111-8111-111111111111' },
        { ...intent, card: { last4: '0002', brand: 'visa' } },
      ];
      for (const status of ['CAPTURED', 'DECLINED', 'REQUIRES_CONFIRMATION'] as const) {
        for (const other of changed) assert.throws(() => paymentIn(status).answerCharge(other), { code: 'PAYMENT.MISMATCH' });
      }
    });
  });
});
