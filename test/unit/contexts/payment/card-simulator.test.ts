import assert from 'node:assert/strict';
import { TEST_CARDS } from '../../../../src/contexts/payment/contract.js';
import { CardSimulator } from '../../../../src/contexts/payment/domain/card-simulator.service.js';
import { TEST_CARD_BEHAVIOURS } from '../../../../src/contexts/payment/domain/test-card.value.js';
import { Money } from '../../../../src/shared/kernel/money.js';
import { anId } from '../../../support/doubles/ids.js';
import { FixedSettings, RecordingSleeper, ScriptedRandom } from './fakes.js';
import { aPaymentMethod } from './payment-method.builder.js';

const amount = Money.of(1000, 'EUR');
/** The simulator sees the tokenized card only, as it does in a charge. */
const request = (number: string, attempt = 1) => ({
  orderId: anId(),
  paymentMethod: aPaymentMethod({ cardNumber: number }),
  amount,
  attempt,
});

describe('payment domain: CardSimulator', () => {
  it('the published TEST_CARDS and the simulator agree on every card', () => {
    const published = new Map<string, string>(Object.values(TEST_CARDS).map((card) => [card.number, card.behaviour]));
    assert.deepEqual(published, new Map(TEST_CARD_BEHAVIOURS));
  });

  const table: [string, unknown][] = [
    [TEST_CARDS.APPROVE.number, { kind: 'APPROVED' }],
    [TEST_CARDS.DECLINE.number, { kind: 'DECLINED', reason: 'generic decline' }],
    [TEST_CARDS.REQUIRES_CONFIRMATION.number, { kind: 'REQUIRES_CONFIRMATION' }],
    [TEST_CARDS.SLOW_APPROVE.number, { kind: 'APPROVED' }],
    ['5555555555554444', { kind: 'DECLINED', reason: 'unknown test card' }],
    ['4000000000000010', { kind: 'DECLINED', reason: 'unknown test card' }],
  ];
  for (const [number, expected] of table) {
    it(`card ending ${number.slice(-4)} -> ${JSON.stringify(expected)}`, async () => {
      const simulator = new CardSimulator(new FixedSettings({ transientFailureRate: 1 }), new ScriptedRandom([0]), new RecordingSleeper());
      assert.deepEqual(await simulator.authorize(request(number)), expected);
    });
  }

  it('the slow card waits the configured delay through the sleeper, the others never wait', async () => {
    const sleeper = new RecordingSleeper();
    const settings = new FixedSettings({ slowCardDelayMs: 1234 });
    const simulator = new CardSimulator(settings, new ScriptedRandom([0.9]), sleeper);
    await simulator.authorize(request(TEST_CARDS.APPROVE.number));
    await simulator.authorize(request(TEST_CARDS.REQUIRES_CONFIRMATION.number));
    assert.deepEqual(sleeper.calls, []);
    await simulator.authorize(request(TEST_CARDS.SLOW_APPROVE.number));
    await settings.update((current) => current.with({ slowCardDelayMs: 50 }));
    await simulator.authorize(request(TEST_CARDS.SLOW_APPROVE.number));
    assert.deepEqual(sleeper.calls, [1234, 50]);
  });

  it('the transient card fails with the configured probability (random below the rate fails)', async () => {
    const random = new ScriptedRandom([0.1, 0.49, 0.5, 0.9]);
    const simulator = new CardSimulator(new FixedSettings({ transientFailureRate: 0.5 }), random, new RecordingSleeper());
    const kinds = [];
    for (let i = 0; i < 4; i++) kinds.push((await simulator.authorize(request(TEST_CARDS.TRANSIENT_FAILURE.number, i + 1))).kind);
    assert.deepEqual(kinds, ['TRANSIENT_FAILURE', 'TRANSIENT_FAILURE', 'APPROVED', 'APPROVED']);
  });

  it('rate 0 never fails and rate 1 always fails', async () => {
    const never = new CardSimulator(new FixedSettings({ transientFailureRate: 0 }), new ScriptedRandom([0]), new RecordingSleeper());
    const always = new CardSimulator(
      new FixedSettings({ transientFailureRate: 1 }),
      new ScriptedRandom([0.999999]),
      new RecordingSleeper(),
    );
    assert.equal((await never.authorize(request(TEST_CARDS.TRANSIENT_FAILURE.number))).kind, 'APPROVED');
    assert.equal((await always.authorize(request(TEST_CARDS.TRANSIENT_FAILURE.number))).kind, 'TRANSIENT_FAILURE');
  });

  it('a fixed failure count is deterministic and wins over the rate', async () => {
    // The random source would approve every time; the count must still fail attempts 1 and 2.
    const simulator = new CardSimulator(
      new FixedSettings({ transientFailureRate: 0, transientFailuresBeforeSuccess: 2 }),
      new ScriptedRandom([0.99]),
      new RecordingSleeper(),
    );
    const kinds = [];
    for (const attempt of [1, 2, 3, 4]) kinds.push((await simulator.authorize(request(TEST_CARDS.TRANSIENT_FAILURE.number, attempt))).kind);
    assert.deepEqual(kinds, ['TRANSIENT_FAILURE', 'TRANSIENT_FAILURE', 'APPROVED', 'APPROVED']);

    const zero = new CardSimulator(
      new FixedSettings({ transientFailureRate: 1, transientFailuresBeforeSuccess: 0 }),
      new ScriptedRandom([0]),
      new RecordingSleeper(),
    );
    assert.equal((await zero.authorize(request(TEST_CARDS.TRANSIENT_FAILURE.number, 1))).kind, 'APPROVED');
  });

  it('settings reject values out of range', async () => {
    const current = await new FixedSettings().current();
    for (const patch of [
      { transientFailureRate: -0.1 },
      { transientFailureRate: 1.5 },
      { transientFailureRate: Number.NaN },
      { transientFailuresBeforeSuccess: -1 },
      { transientFailuresBeforeSuccess: 1.5 },
      { slowCardDelayMs: -1 },
      { slowCardDelayMs: 600_000 },
    ]) {
      assert.throws(() => current.with(patch), { code: 'VALIDATION.INVALID_VALUE' }, JSON.stringify(patch));
    }
    assert.deepEqual(current.with({ slowCardDelayMs: 5, transientFailuresBeforeSuccess: undefined }).toJSON(), {
      transientFailureRate: 0.5,
      transientFailuresBeforeSuccess: null,
      slowCardDelayMs: 5,
    });
  });
});
