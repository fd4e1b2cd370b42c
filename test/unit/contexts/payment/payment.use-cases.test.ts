import assert from 'node:assert/strict';
import { ChargePayment, type ChargePaymentCommand } from '../../../../src/contexts/payment/application/charge-payment.use-case.js';
import { ConfirmPayment } from '../../../../src/contexts/payment/application/confirm-payment.use-case.js';
import { CreatePaymentMethod } from '../../../../src/contexts/payment/application/create-payment-method.use-case.js';
import { GetPaymentMethod } from '../../../../src/contexts/payment/application/get-payment-method.use-case.js';
import { GetPayment } from '../../../../src/contexts/payment/application/get-payment.use-case.js';
import { GetSimulatorSettings } from '../../../../src/contexts/payment/application/get-simulator-settings.use-case.js';
import { RefundPayment } from '../../../../src/contexts/payment/application/refund-payment.use-case.js';
import { UpdateSimulatorSettings } from '../../../../src/contexts/payment/application/update-simulator-settings.use-case.js';
import { TEST_CARDS } from '../../../../src/contexts/payment/contract.js';
import type { AuthorizationRequest, CardProvider } from '../../../../src/contexts/payment/domain/card.provider.js';
import { CardSimulator } from '../../../../src/contexts/payment/domain/card-simulator.service.js';
import { PAYMENT_METHOD_ID_PATTERN } from '../../../../src/contexts/payment/domain/payment-method.aggregate.js';
import { PaymentMethodNotFound, ProviderUnavailable } from '../../../../src/contexts/payment/domain/payment.errors.js';
import { TestClock } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';
import { FixedSettings, RecordingSleeper, ScriptedRandom } from './fakes.js';
import { InMemoryPaymentMethodRepository } from './in-memory-payment-method.repository.js';
import { InMemoryPaymentRepository } from './in-memory-payment.repository.js';

const CUSTOMER = anId();
const OTHER_CUSTOMER = anId();
const APPROVE = TEST_CARDS.APPROVE.number;
/** A valid card number that is no test card (the simulator declines it). */
const OTHER_VALID_CARD = '5555555555554444';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A well-formed token nobody issued. */
const UNKNOWN_METHOD = 'pm_AAAAAAAAAAAAAAAAAAAAAAAA';

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
  const methods = new InMemoryPaymentMethodRepository();
  const store = new FixedSettings(settings);
  const sleeper = new RecordingSleeper();
  const provider = new CountingProvider(new CardSimulator(store, new ScriptedRandom([0.99]), sleeper));
  const clock = new TestClock(undefined, 1000);
  const createMethod = new CreatePaymentMethod(methods, clock);
  return {
    repository,
    methods,
    store,
    sleeper,
    provider,
    createMethod,
    getMethod: new GetPaymentMethod(methods),
    /** Tokenizes the card for the customer, as the gateway does before it starts the saga. */
    tokenize: async (cardNumber: string, customerId = CUSTOMER) => (await createMethod.execute({ customerId, cardNumber })).id,
    charge: new ChargePayment(repository, methods, provider, clock),
    confirm: new ConfirmPayment(repository, clock),
    refund: new RefundPayment(repository, clock),
    get: new GetPayment(repository),
    getSettings: new GetSimulatorSettings(store),
    updateSettings: new UpdateSimulatorSettings(store),
  };
}

type Setup = ReturnType<typeof setup>;

/** A charge of a fresh order with a fresh token for the card. */
const command = async (s: Setup, cardNumber: string, overrides: Partial<ChargePaymentCommand> = {}): Promise<ChargePaymentCommand> => ({
  orderId: anId(),
  customerId: CUSTOMER,
  amountMinor: 2500,
  currency: 'EUR',
  paymentMethodId: await s.tokenize(cardNumber),
  ...overrides,
});

describe('payment application', () => {
  it('approves, and a repeat answers the stored payment without calling the provider again', async () => {
    const s = setup();
    const request = await command(s, TEST_CARDS.APPROVE.number);
    const first = await s.charge.execute(request);
    assert.equal(first.payment.status, 'CAPTURED');
    assert.deepEqual(first.payment.card, { last4: APPROVE.slice(-4), brand: 'visa' });
    // The same card tokenized again (the gateway retried) is still the same charge.
    const again = await s.charge.execute({ ...request, paymentMethodId: await s.tokenize(APPROVE.replace(/(\d{4})(?=\d)/g, '$1 ')) });
    assert.equal(again.payment.id, first.payment.id);
    assert.equal(s.provider.calls.length, 1);
    assert.deepEqual(
      again.attempts.map((a) => [a.attempt, a.outcome, a.errorCode]),
      [[1, 'APPROVED', null]],
    );
  });

  it('declines, stores the DECLINED payment, and declines its repeat the same way', async () => {
    const s = setup();
    const request = await command(s, TEST_CARDS.DECLINE.number);
    await assert.rejects(s.charge.execute(request), { code: 'PAYMENT.CARD_DECLINED' });
    await assert.rejects(s.charge.execute(request), { code: 'PAYMENT.CARD_DECLINED' });
    const view = await s.get.execute(request.orderId);
    assert.equal(view.payment.status, 'DECLINED');
    assert.deepEqual(
      view.attempts.map((a) => [a.outcome, a.errorCode]),
      [['DECLINED', 'PAYMENT.CARD_DECLINED']],
    );
  });

  it('declines an unknown (valid) card with reason "unknown test card"', async () => {
    const s = setup();
    await assert.rejects(s.charge.execute(await command(s, OTHER_VALID_CARD)), (error: { code: string; details: { reason: string } }) => {
      assert.equal(error.code, 'PAYMENT.CARD_DECLINED');
      assert.equal(error.details.reason, 'unknown test card');
      return true;
    });
  });

  it('deterministic transient card: with N=2, attempts 1 and 2 fail without a payment, attempt 3 captures', async () => {
    const s = setup({ transientFailureRate: 1, transientFailuresBeforeSuccess: 2 });
    const request = await command(s, TEST_CARDS.TRANSIENT_FAILURE.number);
    for (const attempt of [1, 2]) {
      await assert.rejects(s.charge.execute(request), (error) => {
        assert.ok(error instanceof ProviderUnavailable);
        assert.equal(error.code, 'PAYMENT.PROVIDER_UNAVAILABLE');
        assert.equal(error.attempt, attempt);
        return true;
      });
      assert.equal(await s.repository.get(request.orderId), undefined, 'a transient failure writes no payment');
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
    await assert.rejects(s.charge.execute(await command(s, TEST_CARDS.TRANSIENT_FAILURE.number)), { code: 'PAYMENT.PROVIDER_UNAVAILABLE' });
  });

  it('the failure count follows runtime setting changes', async () => {
    const s = setup({ transientFailuresBeforeSuccess: 5 });
    const request = await command(s, TEST_CARDS.TRANSIENT_FAILURE.number);
    await assert.rejects(s.charge.execute(request), { code: 'PAYMENT.PROVIDER_UNAVAILABLE' });
    await s.updateSettings.execute({ transientFailuresBeforeSuccess: 1 });
    assert.equal((await s.charge.execute(request)).payment.status, 'CAPTURED');
  });

  it('the slow card approves after the configured delay, through the sleeper', async () => {
    const s = setup({ slowCardDelayMs: 3000 });
    const view = await s.charge.execute(await command(s, TEST_CARDS.SLOW_APPROVE.number));
    assert.equal(view.payment.status, 'CAPTURED');
    assert.deepEqual(s.sleeper.calls, [3000]);
  });

  it('requires confirmation, then confirm captures it once', async () => {
    const s = setup();
    const request = await command(s, TEST_CARDS.REQUIRES_CONFIRMATION.number);
    assert.equal((await s.charge.execute(request)).payment.status, 'REQUIRES_CONFIRMATION');
    assert.equal((await s.charge.execute(request)).payment.status, 'REQUIRES_CONFIRMATION');
    const confirmed = await s.confirm.execute(request.orderId);
    assert.equal(confirmed.payment.status, 'CAPTURED');
    const again = await s.confirm.execute(request.orderId);
    assert.deepEqual(again.payment.capturedAt, confirmed.payment.capturedAt);
    await assert.rejects(s.confirm.execute(anId()), { code: 'PAYMENT.NOT_FOUND' });
  });

  it('refund before any charge leaves a tombstone: the late charge is refused and the provider never called', async () => {
    const s = setup();
    const request = await command(s, TEST_CARDS.APPROVE.number);
    const tombstone = await s.refund.execute(request.orderId, 'saga compensated');
    assert.equal(tombstone.payment.status, 'VOIDED');
    assert.equal(tombstone.payment.customerId, null);
    await assert.rejects(s.charge.execute(request), { code: 'PAYMENT.VOIDED' });
    assert.equal(s.provider.calls.length, 0);
  });

  it('refund is idempotent: CAPTURED -> REFUNDED once; a repeat charge afterwards is refused', async () => {
    const s = setup();
    const request = await command(s, TEST_CARDS.APPROVE.number);
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
    const request = await command(s, TEST_CARDS.APPROVE.number);
    await s.charge.execute(request);
    await assert.rejects(s.charge.execute({ ...request, amountMinor: 2501 }), { code: 'PAYMENT.MISMATCH' });
    await assert.rejects(s.charge.execute({ ...request, paymentMethodId: await s.tokenize(OTHER_VALID_CARD) }), {
      code: 'PAYMENT.MISMATCH',
      details: { orderId: request.orderId, differs: ['card'] },
    });
  });

  it('bad input is refused before the provider is called or anything is stored', async () => {
    const s = setup();
    for (const bad of [
      await command(s, TEST_CARDS.APPROVE.number, { amountMinor: 0 }),
      await command(s, TEST_CARDS.APPROVE.number, { amountMinor: -1 }),
      await command(s, TEST_CARDS.APPROVE.number, { amountMinor: 1e11 }),
      await command(s, TEST_CARDS.APPROVE.number, { currency: 'eur' }),
      // Input errors come before the token is looked up: the same 400 whatever the token.
      await command(s, TEST_CARDS.APPROVE.number, { amountMinor: 0, paymentMethodId: UNKNOWN_METHOD }),
      await command(s, TEST_CARDS.APPROVE.number, { currency: 'eur', paymentMethodId: UNKNOWN_METHOD }),
    ]) {
      await assert.rejects(s.charge.execute(bad), { code: 'VALIDATION.INVALID_VALUE' });
    }
    assert.equal(s.provider.calls.length, 0);
    assert.equal(s.repository.payments.size, 0);
    assert.equal(s.repository.attempts.length, 0);
  });
});

describe('payment application: payment methods (tokens instead of card numbers)', () => {
  it('tokenizes a card: a pm_ token, brand and last four; the full number is kept nowhere', async () => {
    const s = setup();
    const method = await s.createMethod.execute({ customerId: CUSTOMER, cardNumber: APPROVE.replace(/(\d{4})(?=\d)/g, '$1-') });
    assert.match(method.id, PAYMENT_METHOD_ID_PATTERN);
    assert.equal(method.customerId, CUSTOMER);
    assert.deepEqual(method.summary(), { brand: 'visa', last4: APPROVE.slice(-4) });
    assert.equal(method.simulatedBehaviour, 'APPROVE');
    const stored = s.methods.methods.get(method.id)!;
    // A random uuid may hold 12 digits in a row; only a card number must not.
    assert.doesNotMatch(JSON.stringify(stored.snapshot()).replace(UUID, '<uuid>'), /\d{12}/);
    assert.deepEqual((await s.getMethod.execute(method.id)).snapshot(), method.snapshot());
  });

  it('every test card keeps its behaviour; any other valid card keeps none (and is declined when charged)', async () => {
    const s = setup();
    for (const card of Object.values(TEST_CARDS)) {
      const method = await s.createMethod.execute({ customerId: CUSTOMER, cardNumber: card.number });
      assert.equal(method.simulatedBehaviour, card.behaviour);
    }
    const other = await s.createMethod.execute({ customerId: CUSTOMER, cardNumber: OTHER_VALID_CARD });
    assert.equal(other.simulatedBehaviour, null);
    assert.deepEqual(other.summary(), { brand: 'mastercard', last4: '4444' });
  });

  it('each call issues a new, unrelated token, even for the same card and customer', async () => {
    const s = setup();
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add(await s.tokenize(TEST_CARDS.APPROVE.number));
    assert.equal(ids.size, 50);
    for (const id of ids) assert.doesNotMatch(id, /\d{12}/);
  });

  it("an id clash (which 144 random bits never give) is a failure, never someone else's card", async () => {
    const s = setup();
    const first = await s.createMethod.execute({ customerId: CUSTOMER, cardNumber: APPROVE });
    s.methods.nextId = () => first.id;
    await assert.rejects(s.createMethod.execute({ customerId: OTHER_CUSTOMER, cardNumber: TEST_CARDS.DECLINE.number }), /clash/);
    assert.equal((await s.getMethod.execute(first.id)).customerId, CUSTOMER);
  });

  it('refuses what is not a card number, and stores nothing', async () => {
    const s = setup();
    const wrongCheckDigit = APPROVE.slice(0, -1) + String((Number(APPROVE.slice(-1)) + 1) % 10);
    for (const cardNumber of [
      wrongCheckDigit,
      `${APPROVE.slice(0, 4)}x${APPROVE.slice(5)}`,
      APPROVE.slice(0, 8),
      '4'.repeat(25),
      '',
      ' '.repeat(16),
    ]) {
      await assert.rejects(s.createMethod.execute({ customerId: CUSTOMER, cardNumber }), (error: Error & { code: string }) => {
        assert.equal(error.code, 'VALIDATION.INVALID_VALUE');
        assert.ok(
          !JSON.stringify({ message: error.message, details: (error as { details?: unknown }).details }).includes(APPROVE.slice(0, 8)),
          'no echo of the number',
        );
        return true;
      });
    }
    await assert.rejects(s.createMethod.execute({ customerId: 'not-a-uuid', cardNumber: TEST_CARDS.APPROVE.number }), {
      code: 'VALIDATION.INVALID_VALUE',
    });
    assert.equal(s.methods.methods.size, 0);
  });

  it("an unknown token and another customer's token get the same answer: METHOD_NOT_FOUND, no provider call, nothing stored", async () => {
    const s = setup();
    const foreign = await s.tokenize(TEST_CARDS.APPROVE.number, OTHER_CUSTOMER);
    const answers = [];
    for (const paymentMethodId of [UNKNOWN_METHOD, foreign]) {
      const request = await command(s, TEST_CARDS.APPROVE.number, { paymentMethodId });
      const error = await s.charge.execute(request).then(
        () => assert.fail('charged with an unusable token'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof PaymentMethodNotFound);
      assert.equal(error.code, 'PAYMENT.METHOD_NOT_FOUND');
      assert.equal(error.kind, 'not_found');
      answers.push({ message: error.message.replace(paymentMethodId, '<id>'), details: { ...error.details, paymentMethodId: '<id>' } });
    }
    assert.deepEqual(answers[0], answers[1], 'nothing tells "someone else\'s" from "no such token"');
    assert.equal(s.provider.calls.length, 0);
    assert.equal(s.repository.payments.size, 0);
    assert.equal(s.repository.attempts.length, 0);
    await assert.rejects(s.getMethod.execute(UNKNOWN_METHOD), { code: 'PAYMENT.METHOD_NOT_FOUND' });
  });

  it('the owner check ignores the case of the customer uuid', async () => {
    const s = setup();
    const view = await s.charge.execute(await command(s, TEST_CARDS.APPROVE.number, { customerId: CUSTOMER.toUpperCase() }));
    assert.equal(view.payment.status, 'CAPTURED');
  });

  it('a repeat charge with an unusable token is refused even though the order is paid', async () => {
    const s = setup();
    const request = await command(s, TEST_CARDS.APPROVE.number);
    await s.charge.execute(request);
    await assert.rejects(s.charge.execute({ ...request, paymentMethodId: UNKNOWN_METHOD }), { code: 'PAYMENT.METHOD_NOT_FOUND' });
    assert.equal(s.provider.calls.length, 1);
  });
});

describe('payment application: simulator settings', () => {
  it('answers the current settings; an update changes only the given fields', async () => {
    const s = setup({ transientFailureRate: 0.25, slowCardDelayMs: 100 });
    assert.deepEqual((await s.getSettings.execute()).toJSON(), {
      transientFailureRate: 0.25,
      transientFailuresBeforeSuccess: null,
      slowCardDelayMs: 100,
    });
    const updated = await s.updateSettings.execute({ transientFailuresBeforeSuccess: 3 });
    assert.deepEqual(updated.toJSON(), { transientFailureRate: 0.25, transientFailuresBeforeSuccess: 3, slowCardDelayMs: 100 });
    assert.deepEqual((await s.getSettings.execute()).toJSON(), updated.toJSON());
    assert.equal((await s.updateSettings.execute({ transientFailuresBeforeSuccess: null })).transientFailuresBeforeSuccess, null);
  });

  it('refuses an out-of-range value and keeps the settings as they were', async () => {
    const s = setup();
    const before = (await s.getSettings.execute()).toJSON();
    await assert.rejects(s.updateSettings.execute({ transientFailureRate: 2 }), { code: 'VALIDATION.INVALID_VALUE' });
    assert.deepEqual((await s.getSettings.execute()).toJSON(), before);
  });
});
