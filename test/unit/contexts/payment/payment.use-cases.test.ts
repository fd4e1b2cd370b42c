import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ChargePayment, type ChargePaymentCommand } from '../../../../src/contexts/payment/application/charge-payment.use-case.js';
import { ConfirmPayment } from '../../../../src/contexts/payment/application/confirm-payment.use-case.js';
import { GetPayment } from '../../../../src/contexts/payment/application/get-payment.use-case.js';
import { RefundPayment } from '../../../../src/contexts/payment/application/refund-payment.use-case.js';
import { UpdateSimulatorSettings } from '../../../../src/contexts/payment/application/update-simulator-settings.use-case.js';
import { TEST_CARDS } from '../../../../src/contexts/payment/contract.js';
import type { AuthorizationRequest, CardProvider } from '../../../../src/contexts/payment/domain/card-provider.port.js';
import { CardSimulator } from '../../../../src/contexts/payment/domain/card-simulator.service.js';
import { ProviderUnavailable } from '../../../../src/contexts/payment/domain/payment.errors.js';
import { FixedSettings, RecordingSleeper, ScriptedRandom, SteppingClock } from './fakes.js';
import { InMemoryPaymentRepository } from './in-memory-payment.repository.js';

const CUSTOMER = '0b7e7a3c-63b2-4d55-9d5f-3e0a4b0c1d2e';

/** Counts provider calls, so a test can tell an answer from storage from a new authorisation. */
class CountingProvider implements CardProvider {
  readonly calls: number[] = [];
  constructor(private readonly inner: CardProvider) {}
  authorize(request: AuthorizationRequest) {
    this.calls.push(request.attempt);
    return this.inner.authorize(request);
  }
}

function setup(settings: ConstructorParameters<typeof FixedSettings>[0] = {}) {
  const repository = new InMemoryPaymentRepository();
  const store = new FixedSettings(settings);
  const sleeper = new RecordingSleeper();
  const provider = new CountingProvider(new CardSimulator(store, new ScriptedRandom([0.99]), sleeper));
  const clock = new SteppingClock();
  return {
    repository,
    store,
    sleeper,
    provider,
    charge: new ChargePayment(repository, provider, clock),
    confirm: new ConfirmPayment(repository, clock),
    refund: new RefundPayment(repository, clock),
    get: new GetPayment(repository),
    updateSettings: new UpdateSimulatorSettings(store),
  };
}

const command = (cardNumber: string, overrides: Partial<ChargePaymentCommand> = {}): ChargePaymentCommand => ({
  orderId: randomUUID(),
  customerId: CUSTOMER,
  amountMinor: 2500,
  currency: 'EUR',
  cardNumber,
  ...overrides,
});

describe('payment application', () => {
  it('approves, and a repeat answers the stored payment without calling the provider again', async () => {
    const s = setup();
    const request = command(TEST_CARDS.APPROVE.number);
    const first = await s.charge.execute(request);
    assert.equal(first.payment.status, 'CAPTURED');
    assert.deepEqual(first.payment.card, { last4: '4242', brand: 'visa' });
    const again = await s.charge.execute({ ...request, cardNumber: '4242 4242 4242 4242' });
    assert.equal(again.payment.id, first.payment.id);
    assert.equal(s.provider.calls.length, 1);
    assert.deepEqual(again.attempts.map((a) => [a.attempt, a.outcome, a.errorCode]), [[1, 'APPROVED', null]]);
  });

  it('declines, stores the DECLINED payment, and declines its repeat the same way', async () => {
    const s = setup();
    const request = command(TEST_CARDS.DECLINE.number);
    await assert.rejects(s.charge.execute(request), { code: 'PAYMENT.CARD_DECLINED' });
    await assert.rejects(s.charge.execute(request), { code: 'PAYMENT.CARD_DECLINED' });
    const view = await s.get.execute(request.orderId);
    assert.equal(view.payment.status, 'DECLINED');
    assert.deepEqual(view.attempts.map((a) => [a.outcome, a.errorCode]), [['DECLINED', 'PAYMENT.CARD_DECLINED']]);
  });

  it('declines an unknown (valid) card with reason "unknown test card"', async () => {
    const s = setup();
    await assert.rejects(s.charge.execute(command('5555555555554444')), (error: { code: string; details: { reason: string } }) => {
      assert.equal(error.code, 'PAYMENT.CARD_DECLINED');
      assert.equal(error.details.reason, 'unknown test card');
      return true;
    });
  });

  it('deterministic transient card: with N=2, attempts 1 and 2 fail without a payment, attempt 3 captures', async () => {
    const s = setup({ transientFailureRate: 1, transientFailuresBeforeSuccess: 2 });
    const request = command(TEST_CARDS.TRANSIENT_FAILURE.number);
    for (const attempt of [1, 2]) {
      await assert.rejects(s.charge.execute(request), (error) => {
        assert.ok(error instanceof ProviderUnavailable);
        assert.equal(error.code, 'PAYMENT.PROVIDER_UNAVAILABLE');
        assert.equal(error.attempt, attempt);
        return true;
      });
      assert.equal(await s.repository.findByOrderId(request.orderId), undefined, 'a transient failure writes no payment');
    }
    const third = await s.charge.execute(request);
    assert.equal(third.payment.status, 'CAPTURED');
    assert.deepEqual(
      third.attempts.map((a) => [a.attempt, a.outcome, a.errorCode]),
      [
        [1, 'TRANSIENT_FAILURE', 'PAYMENT.PROVIDER_UNAVAILABLE'],
        [2, 'TRANSIENT_FAILURE', 'PAYMENT.PROVIDER_UNAVAILABLE'],
        [3, 'APPROVED', null],
      ],
    );
    assert.deepEqual(s.provider.calls, [1, 2, 3]);
    // The count is per order: another order starts failing again from its own attempt 1.
    await assert.rejects(s.charge.execute(command(TEST_CARDS.TRANSIENT_FAILURE.number)), { code: 'PAYMENT.PROVIDER_UNAVAILABLE' });
  });

  it('the failure count follows runtime setting changes', async () => {
    const s = setup({ transientFailuresBeforeSuccess: 5 });
    const request = command(TEST_CARDS.TRANSIENT_FAILURE.number);
    await assert.rejects(s.charge.execute(request), { code: 'PAYMENT.PROVIDER_UNAVAILABLE' });
    s.updateSettings.execute({ transientFailuresBeforeSuccess: 1 });
    assert.equal((await s.charge.execute(request)).payment.status, 'CAPTURED');
  });

  it('the slow card approves after the configured delay, through the sleeper', async () => {
    const s = setup({ slowCardDelayMs: 3000 });
    const view = await s.charge.execute(command(TEST_CARDS.SLOW_APPROVE.number));
    assert.equal(view.payment.status, 'CAPTURED');
    assert.deepEqual(s.sleeper.calls, [3000]);
  });

  it('requires confirmation, then confirm captures it once', async () => {
    const s = setup();
    const request = command(TEST_CARDS.REQUIRES_CONFIRMATION.number);
    assert.equal((await s.charge.execute(request)).payment.status, 'REQUIRES_CONFIRMATION');
    assert.equal((await s.charge.execute(request)).payment.status, 'REQUIRES_CONFIRMATION');
    const confirmed = await s.confirm.execute(request.orderId);
    assert.equal(confirmed.payment.status, 'CAPTURED');
    const again = await s.confirm.execute(request.orderId);
    assert.deepEqual(again.payment.capturedAt, confirmed.payment.capturedAt);
    await assert.rejects(s.confirm.execute(randomUUID()), { code: 'PAYMENT.NOT_FOUND' });
  });

  it('refund before any charge leaves a tombstone: the late charge is refused and the provider never called', async () => {
    const s = setup();
    const request = command(TEST_CARDS.APPROVE.number);
    const tombstone = await s.refund.execute(request.orderId, 'saga compensated');
    assert.equal(tombstone.payment.status, 'VOIDED');
    assert.equal(tombstone.payment.customerId, null);
    await assert.rejects(s.charge.execute(request), { code: 'PAYMENT.VOIDED' });
    assert.equal(s.provider.calls.length, 0);
  });

  it('refund is idempotent: CAPTURED -> REFUNDED once; a repeat charge afterwards is refused', async () => {
    const s = setup();
    const request = command(TEST_CARDS.APPROVE.number);
    await s.charge.execute(request);
    const first = await s.refund.execute(request.orderId);
    const second = await s.refund.execute(request.orderId, 'again');
    assert.equal(first.payment.status, 'REFUNDED');
    assert.deepEqual(second.payment.refundedAt, first.payment.refundedAt);
    assert.equal(second.payment.refundReason, null, 'the no-op does not overwrite the first refund');
    await assert.rejects(s.charge.execute(request), { code: 'PAYMENT.ALREADY_REFUNDED' });
  });

  it('a repeat with a different amount is a mismatch', async () => {
    const s = setup();
    const request = command(TEST_CARDS.APPROVE.number);
    await s.charge.execute(request);
    await assert.rejects(s.charge.execute({ ...request, amountMinor: 2501 }), { code: 'PAYMENT.MISMATCH' });
  });

  it('bad input is refused before the provider is called or anything is stored', async () => {
    const s = setup();
    for (const bad of [
      command('4242424242424241'),
      command('4242x42424242424'),
      command(TEST_CARDS.APPROVE.number, { amountMinor: 0 }),
      command(TEST_CARDS.APPROVE.number, { amountMinor: -1 }),
      command(TEST_CARDS.APPROVE.number, { amountMinor: 1e11 }),
      command(TEST_CARDS.APPROVE.number, { currency: 'eur' }),
    ]) {
      await assert.rejects(s.charge.execute(bad), { code: 'VALIDATION.INVALID_VALUE' });
    }
    assert.equal(s.provider.calls.length, 0);
    assert.equal(s.repository.payments.size, 0);
    assert.equal(s.repository.attempts.length, 0);
  });
});
