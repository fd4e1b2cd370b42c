import assert from 'node:assert/strict';
import { paymentService } from '../../../../src/apps/payment/payment.service.js';
import { HttpPaymentClient } from '../../../../src/clients/http-payment.client.js';
import {
  PAYMENT_METHOD_ID_PATTERN,
  TEST_CARDS,
  type PaymentDto,
  type PaymentMethodDto,
  type SimulatorSettingsDto,
} from '../../../../src/contexts/payment/contract.js';
import { startContextService, type RunningService } from '../../../../src/shared/infrastructure/context-service.js';
import type { ErrorEnvelope } from '../../../../src/shared/infrastructure/http/errors.js';
import { RemoteServiceError, RemoteServiceUnavailable } from '../../../../src/shared/infrastructure/http/json-client.js';
import { GENERIC_BAD_BODIES, expectRejected } from '../../../support/bad-input.js';
import { freshDatabaseUrl } from '../../../support/postgres.js';
import { http, startServiceForTest, type JsonResponse } from '../../../support/services.js';
import { anId } from '../../../support/doubles/ids.js';

// Fixed ids with letters in every group, so "no run of 12+ digits" below can only fail on a card number.
const CUSTOMER = '0b7e7a3c-63b2-4d55-9d5f-3e0a4b0c1d2e';
const OTHER_CUSTOMER = '7d3f1c2a-9e4b-4a6d-8c5e-2f1a0b9c8d7e';
const OTHER_VALID_CARD = '5555555555554444';
const APPROVE = TEST_CARDS.APPROVE.number;
/** The approving card with another last digit: no longer a card number (Luhn). */
const BAD_LUHN = APPROVE.slice(0, -1) + String((Number(APPROVE.slice(-1)) + 1) % 10);
const FULL_NUMBERS = [...Object.values(TEST_CARDS).map((card) => card.number), OTHER_VALID_CARD];
/** Well-formed, never issued. */
const UNKNOWN_METHOD = 'pm_AAAAAAAAAAAAAAAAAAAAAAAA';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** What a card-number scanner looks for: 12 to 19 digits in a row (random uuids aside, which may hold 12). */
const hasDigitRun = (text: string) => /\d{12,}/.test(text.replace(UUID, '<uuid>'));
/** A refusal whose details a test reads: each error code carries its own details. */
type Refusal<Details> = ErrorEnvelope & { error: { details: Details } };

describe('payment service over HTTP (real Postgres)', function () {
  let service: RunningService;
  let url: string;
  /** Every response body and header seen, to prove no full card number ever leaves the service. */
  const seen: string[] = [];

  before(async () => {
    service = await startServiceForTest(paymentService, { PAYMENT_TRANSIENT_FAILURES_BEFORE_SUCCESS: '2' });
    url = service.url;
  });
  after(async () => {
    await service?.stop();
  });

  async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<JsonResponse<T>> {
    const response = await http<T>(url, method, path, body);
    seen.push(JSON.stringify(response.body), JSON.stringify([...response.headers.entries()]));
    return response;
  }
  /** Card number in, token out, as the gateway will do before it starts the saga. */
  async function tokenize(cardNumber: string, customerId = CUSTOMER): Promise<string> {
    const response = await call<PaymentMethodDto>('POST', '/payment-methods', { customerId, cardNumber });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }
  // One token per card for the suite's customer: a charge carries the token, never the number.
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (cardNumber: string): Promise<string> => {
    if (!tokens.has(cardNumber)) tokens.set(cardNumber, tokenize(cardNumber));
    return tokens.get(cardNumber)!;
  };
  /** Answers the payment; a test that expects a refusal asks for `charge<ErrorEnvelope>` (or a `Refusal`). */
  const charge = async <T = PaymentDto>(cardNumber: string, overrides: Record<string, unknown> = {}) =>
    call<T>('POST', '/payments/charges', {
      orderId: anId(),
      customerId: CUSTOMER,
      amountMinor: 4200,
      currency: 'EUR',
      paymentMethodId: await tokenOf(cardNumber),
      ...overrides,
    });
  const chargeFor = <T = PaymentDto>(orderId: string, cardNumber: string, overrides: Record<string, unknown> = {}) =>
    charge<T>(cardNumber, { orderId, ...overrides });
  const rowCount = async (table: string, orderId?: string) => {
    const query = service.knex(table);
    if (orderId) query.where({ order_id: orderId });
    const [{ count }] = await query.count<{ count: string }[]>({ count: '*' });
    return Number(count);
  };
  const settings = (patch: Record<string, unknown>) => call<SimulatorSettingsDto>('PUT', '/simulator/settings', patch);

  it('answers /health and /ready', async () => {
    assert.equal((await http(url, 'GET', '/health')).status, 200);
    assert.deepEqual((await http(url, 'GET', '/ready')).body, { status: 'ready' });
  });

  it('starts with the simulator settings from env', async () => {
    const response = await call('GET', '/simulator/settings');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { transientFailureRate: 0.5, transientFailuresBeforeSuccess: 2, slowCardDelayMs: 3000 });
  });

  it('a second payment process on the same database sees a settings change at once, and keeps it over its own env', async () => {
    const { connection } = (service.knex.client as { config: { connection: { connectionString?: string } | string } }).config;
    const databaseUrl = typeof connection === 'string' ? connection : connection.connectionString!;
    // Its env says 0.1: the stored row (seeded by the first process) wins.
    const other = await startServiceForTest(paymentService, { PAYMENT_DATABASE_URL: databaseUrl, PAYMENT_TRANSIENT_FAILURE_RATE: '0.1' });
    try {
      const before = (await call<SimulatorSettingsDto>('GET', '/simulator/settings')).body;
      assert.deepEqual((await http(other.url, 'GET', '/simulator/settings')).body, before);
      assert.equal((await settings({ slowCardDelayMs: 1234 })).status, 200);
      assert.equal((await http<SimulatorSettingsDto>(other.url, 'GET', '/simulator/settings')).body.slowCardDelayMs, 1234);
      await http(other.url, 'PUT', '/simulator/settings', { slowCardDelayMs: before.slowCardDelayMs });
      assert.deepEqual((await call('GET', '/simulator/settings')).body, before);
    } finally {
      await other.stop();
    }
  });

  it('tokenizes each test card: 201 with a pm_ token, brand and last four; the row keeps only those and the reference', async () => {
    const cards: [string, string | null, string][] = [
      ...Object.values(TEST_CARDS).map((card): [string, string | null, string] => [card.number, card.behaviour, 'visa']),
      [OTHER_VALID_CARD, null, 'mastercard'],
    ];
    for (const [number, behaviour, brand] of cards) {
      const created = await call<PaymentMethodDto>('POST', '/payment-methods', { customerId: CUSTOMER, cardNumber: number });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(Object.keys(created.body).sort(), ['brand', 'createdAt', 'customerId', 'id', 'last4']);
      assert.match(created.body.id, PAYMENT_METHOD_ID_PATTERN);
      assert.deepEqual(
        { customerId: created.body.customerId, brand: created.body.brand, last4: created.body.last4 },
        { customerId: CUSTOMER, brand, last4: number.slice(-4) },
      );
      const fetched = await call('GET', `/payment-methods/${created.body.id}`);
      assert.equal(fetched.status, 200);
      assert.deepEqual(fetched.body, created.body);

      const row = await service.knex('payment_methods').where({ id: created.body.id }).first<Record<string, unknown> | undefined>();
      assert.ok(row, 'the payment method is stored');
      assert.deepEqual(Object.keys(row).sort(), ['brand', 'created_at', 'customer_id', 'id', 'last4', 'simulated_behaviour']);
      assert.equal(row.simulated_behaviour, behaviour);
      const asText = 'select row_to_json(m)::text as text from payment_methods m where id = ?';
      const [{ text }] = (await service.knex.raw<{ rows: { text: string }[] }>(asText, [created.body.id])).rows;
      assert.ok(!text.includes(number), text);
      assert.ok(!hasDigitRun(text), `a run of 12+ digits in the stored row: ${text}`);
    }
    const again = await call<PaymentMethodDto>('POST', '/payment-methods', { customerId: CUSTOMER, cardNumber: TEST_CARDS.APPROVE.number });
    assert.notEqual(again.body.id, await tokenOf(TEST_CARDS.APPROVE.number), 'a new token every time, never derived from the card');
  });

  it("refuses an unknown token and another customer's token alike: 404 PAYMENT.METHOD_NOT_FOUND, nothing written", async () => {
    const foreign = await tokenize(TEST_CARDS.APPROVE.number, OTHER_CUSTOMER);
    const answers = [];
    for (const paymentMethodId of [UNKNOWN_METHOD, foreign]) {
      const orderId = anId();
      const refused = await chargeFor<ErrorEnvelope>(orderId, TEST_CARDS.APPROVE.number, { paymentMethodId });
      assert.equal(refused.status, 404, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'PAYMENT.METHOD_NOT_FOUND');
      answers.push(JSON.stringify(refused.body).replaceAll(paymentMethodId, '<id>'));
      assert.equal(await rowCount('payments', orderId), 0);
      assert.equal(await rowCount('payment_attempts', orderId), 0, 'the provider was never asked');
    }
    assert.equal(answers[0], answers[1], 'nothing tells "someone else\'s" from "no such token"');
    const unknown = await call<ErrorEnvelope>('GET', `/payment-methods/${UNKNOWN_METHOD}`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'PAYMENT.METHOD_NOT_FOUND');
    // Its owner can use it.
    const owner = await chargeFor(anId(), TEST_CARDS.APPROVE.number, { customerId: OTHER_CUSTOMER, paymentMethodId: foreign });
    assert.equal(owner.status, 201, JSON.stringify(owner.body));
  });

  it('the payment_methods checks agree with the contract (token format, simulator references)', async () => {
    const definitions = new Map<string, string>(
      (
        await service.knex.raw<{ rows: { conname: string; def: string }[] }>(
          'select conname, pg_get_constraintdef(oid) as def from pg_constraint ' +
            "where conrelid = 'payment_methods'::regclass and contype = 'c'",
        )
      ).rows.map((r) => [r.conname, r.def]),
    );
    assert.ok(
      definitions.get('payment_methods_id_format')?.includes(`'${PAYMENT_METHOD_ID_PATTERN.source}'`),
      definitions.get('payment_methods_id_format'),
    );
    const behaviours = [...(definitions.get('payment_methods_simulated_behaviour_valid') ?? '').matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]);
    assert.deepEqual(new Set(behaviours), new Set(Object.values(TEST_CARDS).map((card) => card.behaviour)));
  });

  it('approves 4242...: 201 CAPTURED, storing only last4 and brand', async () => {
    const orderId = anId();
    const response = await chargeFor(orderId, APPROVE.replace(/(\d{4})(?=\d)/g, '$1 '));
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const body = response.body;
    assert.equal(body.status, 'CAPTURED');
    assert.equal(body.orderId, orderId);
    assert.equal(body.customerId, CUSTOMER);
    assert.deepEqual(body.amount, { amountMinor: 4200, currency: 'EUR' });
    assert.equal(body.cardLast4, APPROVE.slice(-4));
    assert.equal(body.cardBrand, 'visa');
    assert.ok(body.capturedAt);
    assert.deepEqual(
      body.attempts.map((a) => [a.attempt, a.outcome]),
      [[1, 'APPROVED']],
    );
    const stored = await service.knex('payments').where({ order_id: orderId }).first<Record<string, unknown> | undefined>();
    assert.ok(stored, 'the payment is stored');
    assert.equal(stored.card_last4, APPROVE.slice(-4));
    assert.equal(stored.amount_minor, 4200);
    assert.deepEqual((await call('GET', `/payments/${orderId}`)).body, body);
  });

  it('declines 4000...0002 with 422 PAYMENT.CARD_DECLINED, records a DECLINED payment, and declines its repeat the same way', async () => {
    const orderId = anId();
    const first = await chargeFor<Refusal<{ reason: string }>>(orderId, TEST_CARDS.DECLINE.number);
    assert.equal(first.status, 422);
    assert.equal(first.body.error.code, 'PAYMENT.CARD_DECLINED');
    assert.equal(first.body.error.details.reason, 'generic decline');
    const repeat = await chargeFor<ErrorEnvelope>(orderId, TEST_CARDS.DECLINE.number);
    assert.equal(repeat.status, 422);
    assert.deepEqual(repeat.body, first.body);
    const view = await call<PaymentDto>('GET', `/payments/${orderId}`);
    assert.equal(view.body.status, 'DECLINED');
    assert.equal(view.body.declineReason, 'generic decline');
    assert.equal(view.body.attempts.length, 1, 'the repeat did not call the provider again');
    assert.equal(await rowCount('payments', orderId), 1);
  });

  it('declines any other valid card as an unknown test card', async () => {
    const response = await charge<Refusal<{ reason: string; cardLast4: string }>>(OTHER_VALID_CARD);
    assert.equal(response.status, 422);
    assert.equal(response.body.error.code, 'PAYMENT.CARD_DECLINED');
    assert.equal(response.body.error.details.reason, 'unknown test card');
    assert.equal(response.body.error.details.cardLast4, '4444');
  });

  it('transient card with FAILURES_BEFORE_SUCCESS=2: 503, 503, then 201; three attempts, no payment row until the success', async () => {
    const orderId = anId();
    for (const attempt of [1, 2]) {
      const failed = await chargeFor<Refusal<{ attempt: number }>>(orderId, TEST_CARDS.TRANSIENT_FAILURE.number);
      assert.equal(failed.status, 503, JSON.stringify(failed.body));
      assert.equal(failed.body.error.code, 'PAYMENT.PROVIDER_UNAVAILABLE');
      assert.equal(failed.body.error.details.attempt, attempt);
      assert.equal(failed.headers.get('retry-after'), '1');
      assert.equal(await rowCount('payments', orderId), 0, 'a transient failure writes no payment');
      const missing = await call<ErrorEnvelope>('GET', `/payments/${orderId}`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'PAYMENT.NOT_FOUND');
    }
    const success = await chargeFor(orderId, TEST_CARDS.TRANSIENT_FAILURE.number);
    assert.equal(success.status, 201);
    assert.equal(success.body.status, 'CAPTURED');
    const view = await call<PaymentDto>('GET', `/payments/${orderId}`);
    assert.deepEqual(
      view.body.attempts.map((a) => [a.attempt, a.outcome, a.errorCode]),
      [
        [1, 'TRANSIENT_FAILURE', 'PAYMENT.PROVIDER_UNAVAILABLE'],
        [2, 'TRANSIENT_FAILURE', 'PAYMENT.PROVIDER_UNAVAILABLE'],
        [3, 'APPROVED', null],
      ],
    );
    assert.equal(await rowCount('payment_attempts', orderId), 3);
  });

  it('numbers concurrent attempts of one order 1..N without gaps or repeats', async () => {
    await settings({ transientFailureRate: 1, transientFailuresBeforeSuccess: null });
    try {
      const orderId = anId();
      const results = await Promise.all(Array.from({ length: 10 }, () => chargeFor(orderId, TEST_CARDS.TRANSIENT_FAILURE.number)));
      assert.deepEqual([...new Set(results.map((r) => r.status))], [503]);
      const attempts = await service.knex('payment_attempts').where({ order_id: orderId }).orderBy('attempt').pluck('attempt');
      assert.deepEqual(attempts, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    } finally {
      await settings({ transientFailureRate: 0.5, transientFailuresBeforeSuccess: 2 });
    }
  });

  it('random transient failures follow the rate set at runtime (0 never fails, 1 always fails)', async () => {
    await settings({ transientFailuresBeforeSuccess: null, transientFailureRate: 0 });
    try {
      assert.equal((await charge(TEST_CARDS.TRANSIENT_FAILURE.number)).status, 201);
      await settings({ transientFailureRate: 1 });
      assert.equal((await charge(TEST_CARDS.TRANSIENT_FAILURE.number)).status, 503);
    } finally {
      await settings({ transientFailureRate: 0.5, transientFailuresBeforeSuccess: 2 });
    }
  });

  it('requires confirmation: 202, then confirm captures it; a second confirm is a no-op', async () => {
    const orderId = anId();
    const pending = await chargeFor(orderId, TEST_CARDS.REQUIRES_CONFIRMATION.number);
    assert.equal(pending.status, 202);
    assert.equal(pending.body.status, 'REQUIRES_CONFIRMATION');
    assert.equal(pending.body.capturedAt, null);
    const repeat = await chargeFor(orderId, TEST_CARDS.REQUIRES_CONFIRMATION.number);
    assert.equal(repeat.status, 202);

    const confirmed = await call<PaymentDto>('POST', `/payments/${orderId}/confirm`);
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.body.status, 'CAPTURED');
    assert.ok(confirmed.body.capturedAt);
    const again = await call<PaymentDto>('POST', `/payments/${orderId}/confirm`);
    assert.equal(again.status, 200);
    assert.equal(again.body.capturedAt, confirmed.body.capturedAt);
    assert.equal(again.body.updatedAt, confirmed.body.updatedAt);
    const afterConfirm = await chargeFor(orderId, TEST_CARDS.REQUIRES_CONFIRMATION.number);
    assert.equal(afterConfirm.status, 201, 'a repeat charge now answers the captured payment');
  });

  it('confirm refuses payments that are not waiting (409) and unknown orders (404)', async () => {
    const captured = anId();
    await chargeFor(captured, TEST_CARDS.APPROVE.number);
    const declined = anId();
    await chargeFor(declined, TEST_CARDS.DECLINE.number);
    for (const orderId of [captured, declined]) {
      const response = await call<ErrorEnvelope>('POST', `/payments/${orderId}/confirm`);
      assert.equal(response.status, 409);
      assert.equal(response.body.error.code, 'PAYMENT.NOT_AWAITING_CONFIRMATION');
    }
    const unknown = await call<ErrorEnvelope>('POST', `/payments/${anId()}/confirm`);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'PAYMENT.NOT_FOUND');
  });

  it('charge is idempotent by orderId: twice -> one row; a changed amount -> 409 PAYMENT.MISMATCH', async () => {
    const orderId = anId();
    const first = await chargeFor(orderId, TEST_CARDS.APPROVE.number);
    const second = await chargeFor(orderId, TEST_CARDS.APPROVE.number);
    assert.equal(second.status, 201);
    assert.equal(second.body.id, first.body.id);
    assert.equal(await rowCount('payments', orderId), 1);
    const changed = await chargeFor<Refusal<{ differs: string[] }>>(orderId, TEST_CARDS.APPROVE.number, { amountMinor: 4201 });
    assert.equal(changed.status, 409);
    assert.equal(changed.body.error.code, 'PAYMENT.MISMATCH');
    assert.deepEqual(changed.body.error.details.differs, ['amount']);
  });

  it('20 parallel charges for one order -> one CAPTURED row, everyone gets the same payment', async () => {
    const orderId = anId();
    const results = await Promise.all(Array.from({ length: 20 }, () => chargeFor(orderId, TEST_CARDS.APPROVE.number)));
    assert.deepEqual([...new Set(results.map((r) => r.status))], [201]);
    assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
    const rows = await service.knex('payments').where({ order_id: orderId }).select<{ status: string }[]>('status');
    assert.equal(rows.length, 1);
    assert.equal(rows[0].status, 'CAPTURED');
  });

  it('refund is idempotent: CAPTURED -> REFUNDED once, the repeat is a no-op 200', async () => {
    const orderId = anId();
    await chargeFor(orderId, TEST_CARDS.APPROVE.number);
    const first = await call<PaymentDto>('POST', `/payments/${orderId}/refund`, { reason: 'order cancelled' });
    assert.equal(first.status, 200);
    assert.equal(first.body.status, 'REFUNDED');
    assert.equal(first.body.refundReason, 'order cancelled');
    assert.ok(first.body.refundedAt);
    const second = await call<PaymentDto>('POST', `/payments/${orderId}/refund`);
    assert.equal(second.status, 200);
    assert.equal(second.body.refundedAt, first.body.refundedAt);
    assert.equal(second.body.updatedAt, first.body.updatedAt);
    const lateCharge = await chargeFor<ErrorEnvelope>(orderId, TEST_CARDS.APPROVE.number);
    assert.equal(lateCharge.status, 409);
    assert.equal(lateCharge.body.error.code, 'PAYMENT.ALREADY_REFUNDED');
  });

  it('10 parallel refunds refund once', async () => {
    const orderId = anId();
    await chargeFor(orderId, TEST_CARDS.APPROVE.number);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call<PaymentDto>('POST', `/payments/${orderId}/refund`, { reason: `r${i}` })),
    );
    assert.deepEqual([...new Set(results.map((r) => r.status))], [200]);
    assert.deepEqual([...new Set(results.map((r) => r.body.status))], ['REFUNDED']);
    assert.equal(new Set(results.map((r) => r.body.refundedAt)).size, 1, 'one refund, one refundedAt');
    assert.equal(new Set(results.map((r) => r.body.refundReason)).size, 1, 'only the first refund wrote its reason');
  });

  it('refund voids a payment waiting for confirmation, and leaves a DECLINED one alone', async () => {
    const pending = anId();
    await chargeFor(pending, TEST_CARDS.REQUIRES_CONFIRMATION.number);
    const voided = await call<PaymentDto>('POST', `/payments/${pending}/refund`);
    assert.equal(voided.status, 200);
    assert.equal(voided.body.status, 'VOIDED');
    assert.equal(voided.body.refundedAt, null, 'nothing was captured, so nothing was refunded');
    const confirm = await call<ErrorEnvelope>('POST', `/payments/${pending}/confirm`);
    assert.equal(confirm.status, 409);
    assert.equal(confirm.body.error.code, 'PAYMENT.NOT_AWAITING_CONFIRMATION');

    const declined = anId();
    await chargeFor(declined, TEST_CARDS.DECLINE.number);
    const before = (await call('GET', `/payments/${declined}`)).body;
    const refund = await call('POST', `/payments/${declined}/refund`);
    assert.equal(refund.status, 200);
    assert.deepEqual(refund.body, before);
  });

  it('refund before charge leaves a VOIDED tombstone; the late charge is refused with 409 PAYMENT.VOIDED', async () => {
    const orderId = anId();
    const tombstone = await call<PaymentDto>('POST', `/payments/${orderId}/refund`, { reason: 'saga compensated' });
    assert.equal(tombstone.status, 200);
    assert.equal(tombstone.body.status, 'VOIDED');
    assert.equal(tombstone.body.customerId, null);
    assert.equal(tombstone.body.amount, null);
    const late = await chargeFor<ErrorEnvelope>(orderId, TEST_CARDS.APPROVE.number);
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'PAYMENT.VOIDED');
    assert.equal(await rowCount('payment_attempts', orderId), 0, 'the provider was never asked');
    assert.equal((await call<PaymentDto>('GET', `/payments/${orderId}`)).body.status, 'VOIDED');
  });

  it('10 parallel refunds of a never-charged order leave exactly one tombstone', async () => {
    const orderId = anId();
    const results = await Promise.all(Array.from({ length: 10 }, () => call<PaymentDto>('POST', `/payments/${orderId}/refund`)));
    assert.deepEqual([...new Set(results.map((r) => r.status))], [200]);
    assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
    assert.equal(await rowCount('payments', orderId), 1);
  });

  it('a charge racing a refund never ends up with money kept', async () => {
    for (let i = 0; i < 10; i++) {
      const orderId = anId();
      const [charged, refunded] = await Promise.all([
        chargeFor(orderId, TEST_CARDS.APPROVE.number),
        call('POST', `/payments/${orderId}/refund`),
      ]);
      assert.ok([201, 409].includes(charged.status), `charge answered ${charged.status}`);
      assert.equal(refunded.status, 200);
      const final = (await call<PaymentDto>('GET', `/payments/${orderId}`)).body.status;
      assert.ok(['REFUNDED', 'VOIDED'].includes(final), `order ended ${final}`);
    }
  });

  it('the slow card approves after the delay set through PUT /simulator/settings', async () => {
    const updated = await settings({ slowCardDelayMs: 50 });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.slowCardDelayMs, 50);
    try {
      const started = performance.now();
      const response = await charge(TEST_CARDS.SLOW_APPROVE.number);
      const elapsed = performance.now() - started;
      assert.equal(response.status, 201);
      assert.equal(response.body.status, 'CAPTURED');
      assert.ok(elapsed >= 45, `answered after ${elapsed} ms`);
    } finally {
      await settings({ slowCardDelayMs: 3000 });
    }
  });

  it('simulator settings: PUT validates and changes only the given fields', async () => {
    for (const bad of [
      { transientFailureRate: 2 },
      { transientFailureRate: '0.5' },
      { slowCardDelayMs: -1 },
      { transientFailuresBeforeSuccess: 1.5 },
      { admin: true },
      [],
    ]) {
      await expectRejected(url, 'PUT', '/simulator/settings', bad, `settings ${JSON.stringify(bad)}`);
    }
    await expectRejected(url, 'PUT', '/simulator/settings', '{"transientFailureRate":', 'settings malformed JSON');
    assert.deepEqual((await call('GET', '/simulator/settings')).body, {
      transientFailureRate: 0.5,
      transientFailuresBeforeSuccess: 2,
      slowCardDelayMs: 3000,
    });
  });

  it('the typed client tokenizes, maps 201/202, the 422 decline, the 404 token and the retryable 503', async () => {
    const client = new HttpPaymentClient({ baseUrl: url });
    const method = await client.createPaymentMethod({ customerId: CUSTOMER, cardNumber: TEST_CARDS.REQUIRES_CONFIRMATION.number });
    assert.match(method.id, PAYMENT_METHOD_ID_PATTERN);
    assert.deepEqual(
      { brand: method.brand, last4: method.last4, customerId: method.customerId },
      { brand: 'visa', last4: TEST_CARDS.REQUIRES_CONFIRMATION.number.slice(-4), customerId: CUSTOMER },
    );
    assert.deepEqual(await client.getPaymentMethod(method.id), method);
    const orderId = anId();
    const request = { orderId, customerId: CUSTOMER, amountMinor: 100, currency: 'EUR', paymentMethodId: method.id };
    assert.equal((await client.charge(request)).status, 'REQUIRES_CONFIRMATION');
    assert.equal((await client.confirm(orderId)).status, 'CAPTURED');
    assert.equal((await client.refund(orderId, 'test')).status, 'REFUNDED');
    assert.equal((await client.get(orderId)).attempts.length, 1);
    const declining = await client.createPaymentMethod({ customerId: CUSTOMER, cardNumber: TEST_CARDS.DECLINE.number });
    await assert.rejects(client.charge({ ...request, orderId: anId(), paymentMethodId: declining.id }), (error) => {
      assert.ok(error instanceof RemoteServiceError);
      assert.equal(error.code, 'PAYMENT.CARD_DECLINED');
      assert.equal(error.status, 422);
      return true;
    });
    const transient = await client.createPaymentMethod({ customerId: CUSTOMER, cardNumber: TEST_CARDS.TRANSIENT_FAILURE.number });
    await assert.rejects(client.charge({ ...request, orderId: anId(), paymentMethodId: transient.id }), (error) => {
      assert.ok(error instanceof RemoteServiceUnavailable);
      assert.equal(error.status, 503);
      return true;
    });
    for (const attempt of [
      () => client.charge({ ...request, orderId: anId(), paymentMethodId: UNKNOWN_METHOD }),
      () => client.getPaymentMethod(UNKNOWN_METHOD),
    ]) {
      await assert.rejects(attempt(), (error) => {
        assert.ok(error instanceof RemoteServiceError);
        assert.equal(error.code, 'PAYMENT.METHOD_NOT_FOUND');
        assert.equal(error.status, 404);
        return true;
      });
    }
    await assert.rejects(client.createPaymentMethod({ customerId: CUSTOMER, cardNumber: BAD_LUHN }), { code: 'VALIDATION.INVALID_VALUE' });
    await assert.rejects(client.get(anId()), { code: 'PAYMENT.NOT_FOUND' });
    assert.equal((await client.updateSimulatorSettings({ slowCardDelayMs: 10 })).slowCardDelayMs, 10);
    assert.equal((await client.getSimulatorSettings()).slowCardDelayMs, 10);
    await client.updateSimulatorSettings({ slowCardDelayMs: 3000 });
  });

  describe('bad input -> 4xx with a code, never 500, nothing written', () => {
    it('rejects a corpus of bad charge bodies', async () => {
      const payments = await rowCount('payments');
      const attempts = await rowCount('payment_attempts');
      const orderId = anId();
      const good = {
        orderId,
        customerId: CUSTOMER,
        amountMinor: 100,
        currency: 'EUR',
        paymentMethodId: await tokenOf(TEST_CARDS.APPROVE.number),
      };
      const corpus: { label: string; body: unknown }[] = [
        ...GENERIC_BAD_BODIES,
        { label: 'a card number instead of a token', body: { ...good, paymentMethodId: TEST_CARDS.APPROVE.number } },
        { label: 'a card number beside the token (the old shape)', body: { ...good, cardNumber: TEST_CARDS.APPROVE.number } },
        {
          label: 'only the card number (the old shape)',
          body: { ...good, paymentMethodId: undefined, cardNumber: TEST_CARDS.APPROVE.number },
        },
        { label: 'token without prefix', body: { ...good, paymentMethodId: good.paymentMethodId.slice(3) } },
        { label: 'token too short', body: { ...good, paymentMethodId: good.paymentMethodId.slice(0, -1) } },
        { label: 'token too long', body: { ...good, paymentMethodId: `${good.paymentMethodId}A` } },
        { label: 'token with a slash', body: { ...good, paymentMethodId: `${good.paymentMethodId.slice(0, -1)}/` } },
        { label: 'token upper-case prefix', body: { ...good, paymentMethodId: `PM_${good.paymentMethodId.slice(3)}` } },
        { label: 'token as uuid', body: { ...good, paymentMethodId: anId() } },
        { label: 'token as number', body: { ...good, paymentMethodId: Number(APPROVE) } },
        { label: 'token empty', body: { ...good, paymentMethodId: '' } },
        { label: 'token null', body: { ...good, paymentMethodId: null } },
        { label: 'token as object', body: { ...good, paymentMethodId: { id: good.paymentMethodId } } },
        { label: 'token over-long string', body: { ...good, paymentMethodId: 'pm_' + 'A'.repeat(50_000) } },
        { label: 'negative amount', body: { ...good, amountMinor: -100 } },
        { label: 'zero amount', body: { ...good, amountMinor: 0 } },
        { label: 'huge amount', body: { ...good, amountMinor: 1e11 } },
        { label: 'unsafe integer amount', body: { ...good, amountMinor: 2 ** 60 } },
        { label: 'fractional amount', body: { ...good, amountMinor: 1.5 } },
        { label: 'amount as string', body: { ...good, amountMinor: '100' } },
        { label: 'lower-case currency', body: { ...good, currency: 'eur' } },
        { label: 'long currency', body: { ...good, currency: 'EURO' } },
        { label: 'missing currency', body: { ...good, currency: undefined } },
        { label: 'orderId not a uuid', body: { ...good, orderId: 'order-1' } },
        { label: 'customerId not a uuid', body: { ...good, customerId: 'x'.repeat(5000) } },
        { label: 'unknown field', body: { ...good, cvc: '123' } },
        {
          label: 'prototype pollution',
          body: JSON.stringify({ ...good, __proto__: { admin: true } }).replace('}', ',"__proto__":{"admin":true}}'),
        },
        { label: 'injection in orderId', body: { ...good, orderId: "x'; DROP TABLE payments;--" } },
        { label: 'injection in token', body: { ...good, paymentMethodId: "pm_' OR '1'='1" } },
        { label: 'injection in currency', body: { ...good, currency: "E'R" } },
      ];
      for (const { label, body } of corpus) await expectRejected(url, 'POST', '/payments/charges', body, label);
      const tooBig = await expectRejected(
        url,
        'POST',
        '/payments/charges',
        JSON.stringify({ ...good, paymentMethodId: 'A'.repeat(200_000) }),
        'huge body',
      );
      assert.equal(tooBig.status, 413);
      assert.equal(await rowCount('payments'), payments, 'no payment written');
      assert.equal(await rowCount('payment_attempts'), attempts, 'no attempt written');
    });

    it('rejects a corpus of bad payment-method bodies', async () => {
      const before = await rowCount('payment_methods');
      const good = { customerId: CUSTOMER, cardNumber: TEST_CARDS.APPROVE.number };
      const corpus: { label: string; body: unknown }[] = [
        ...GENERIC_BAD_BODIES,
        { label: 'card with letters', body: { ...good, cardNumber: `${APPROVE.slice(0, 4)}abcd${APPROVE.slice(8)}` } },
        { label: 'card bad Luhn', body: { ...good, cardNumber: BAD_LUHN } },
        { label: 'card too short', body: { ...good, cardNumber: APPROVE.slice(0, 8) } },
        { label: 'card too long', body: { ...good, cardNumber: '4'.repeat(25) } },
        { label: 'card only separators', body: { ...good, cardNumber: ' - - ' } },
        { label: 'card as number', body: { ...good, cardNumber: Number(APPROVE) } },
        { label: 'card as array', body: { ...good, cardNumber: [APPROVE] } },
        { label: 'card null', body: { ...good, cardNumber: null } },
        { label: 'card empty', body: { ...good, cardNumber: '' } },
        { label: 'card missing', body: { customerId: CUSTOMER } },
        { label: 'card unicode digits', body: { ...good, cardNumber: '４２４２４２４２４２４２４２４２' } },
        { label: 'card over-long string', body: { ...good, cardNumber: '4'.repeat(100_000 / 2) } },
        { label: 'customer missing', body: { cardNumber: good.cardNumber } },
        { label: 'customerId not a uuid', body: { ...good, customerId: 'x'.repeat(5000) } },
        { label: 'customerId as number', body: { ...good, customerId: 42 } },
        { label: 'unknown field', body: { ...good, cvc: '123' } },
        { label: 'expiry smuggled in', body: { ...good, expiry: '12/30' } },
        { label: 'prototype pollution', body: JSON.stringify(good).replace('}', ',"__proto__":{"admin":true}}') },
        { label: 'injection in card', body: { ...good, cardNumber: `${APPROVE.slice(0, 4)}' OR '1'='1` } },
        { label: 'injection in customerId', body: { ...good, customerId: "x'; DROP TABLE payment_methods;--" } },
      ];
      for (const { label, body } of corpus) {
        // Through call(), not expectRejected(), so that the refusal is among the answers checked for card numbers.
        const response = await call<Partial<ErrorEnvelope> | undefined>('POST', '/payment-methods', body);
        assert.ok(
          response.status >= 400 && response.status < 500,
          `${label}: expected 4xx, got ${response.status} ${JSON.stringify(response.body)}`,
        );
        assert.equal(typeof response.body?.error?.code, 'string', `${label}: envelope has no error.code`);
      }
      const tooBig = await expectRejected(
        url,
        'POST',
        '/payment-methods',
        JSON.stringify({ ...good, pad: '4'.repeat(200_000) }),
        'huge body',
      );
      assert.equal(tooBig.status, 413);
      await expectRejected(url, 'PUT', '/payment-methods', good, 'unsupported method');
      assert.equal(await rowCount('payment_methods'), before, 'no payment method written');
    });

    it('rejects bad payment-method ids', async () => {
      const id = await tokenOf(TEST_CARDS.APPROVE.number);
      for (const [label, path] of [
        ['no prefix', `/payment-methods/${id.slice(3)}`],
        ['too short', `/payment-methods/${id.slice(0, -1)}`],
        ['a card number', `/payment-methods/${TEST_CARDS.APPROVE.number}`],
        ['a uuid', `/payment-methods/${anId()}`],
        ['injection', "/payment-methods/pm_'%20OR%201=1"],
        ['over-long', `/payment-methods/pm_${'A'.repeat(5000)}`],
      ] as const) {
        const { status } = await expectRejected(url, 'GET', path, undefined, label);
        assert.equal(status, 400, label);
      }
      await expectRejected(url, 'DELETE', `/payment-methods/${id}`, undefined, 'unsupported method');
      assert.equal((await call('GET', `/payment-methods/${id}`)).status, 200);
    });

    it('rejects bad params and refund bodies', async () => {
      const orderId = anId();
      await chargeFor(orderId, TEST_CARDS.APPROVE.number);
      await expectRejected(url, 'GET', '/payments/not-a-uuid', undefined, 'bad order id');
      await expectRejected(url, 'GET', "/payments/'%20OR%201=1", undefined, 'injection order id');
      await expectRejected(url, 'POST', '/payments/not-a-uuid/confirm', undefined, 'bad confirm id');
      await expectRejected(url, 'POST', '/payments/not-a-uuid/refund', undefined, 'bad refund id');
      for (const [label, body] of [
        ['unknown field', { reason: 'x', amountMinor: 1 }],
        ['long reason', { reason: 'x'.repeat(501) }],
        ['blank reason', { reason: '   ' }],
        ['reason as number', { reason: 42 }],
        ['array', [1]],
        ['malformed JSON', '{"reason": '],
      ] as const) {
        await expectRejected(url, 'POST', `/payments/${orderId}/refund`, body, `refund ${label}`);
      }
      await expectRejected(url, 'DELETE', `/payments/${orderId}`, undefined, 'unsupported method');
      assert.equal((await call<PaymentDto>('GET', `/payments/${orderId}`)).body.status, 'CAPTURED', 'no bad refund went through');
    });
  });

  // Last, after the nested suites above, so every answer and row of the run is looked at.
  describe('after everything above', () => {
    it('never returns or stores a full card number', async () => {
      // Rejections that carry a real number must not echo it either.
      for (const [path, body] of [
        ['/payment-methods', { customerId: 'bad', cardNumber: TEST_CARDS.APPROVE.number }],
        ['/payment-methods', { customerId: CUSTOMER, cardNumber: TEST_CARDS.DECLINE.number, extra: 1 }],
        ['/payment-methods', { customerId: CUSTOMER, cardNumber: OTHER_VALID_CARD.slice(0, -1) + '5' }],
        [
          '/payments/charges',
          { orderId: anId(), customerId: CUSTOMER, amountMinor: 1, currency: 'EUR', cardNumber: TEST_CARDS.APPROVE.number },
        ],
        [
          '/payments/charges',
          { orderId: anId(), customerId: CUSTOMER, amountMinor: 1, currency: 'EUR', paymentMethodId: TEST_CARDS.DECLINE.number },
        ],
      ] as const) {
        const response = await call('POST', path, body);
        assert.equal(response.status, 400, JSON.stringify(response.body));
      }
      const query = (sql: string) => service.knex.raw(sql).then((result: { rows: { row: string }[] }) => result.rows.map((r) => r.row));
      const methods = await query('select row_to_json(m)::text as row from payment_methods m');
      const stored = [
        ...methods,
        ...(await query('select row_to_json(p)::text as row from payments p')),
        ...(await query('select row_to_json(a)::text as row from payment_attempts a')),
      ];
      assert.ok(methods.length >= Object.keys(TEST_CARDS).length, 'the suite stored payment methods to look at');
      assert.ok(stored.length > 20, 'the suite stored rows to look at');
      assert.ok(seen.length > 50, 'the suite recorded responses to look at');
      for (const text of [...seen, ...stored]) {
        for (const number of FULL_NUMBERS) assert.ok(!text.includes(number), `full card number found in: ${text.slice(0, 300)}`);
        assert.ok(!hasDigitRun(text), `a run of 12+ digits in: ${text.slice(0, 300)}`);
      }
    });
  });
});

describe('payment service: attempts are counted in the database (two instances, one database)', function () {
  let first: RunningService;
  let second: RunningService;

  before(async () => {
    const databaseUrl = await freshDatabaseUrl('payment_shared');
    const env = {
      PAYMENT_DATABASE_URL: databaseUrl,
      PAYMENT_PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      PAYMENT_TRANSIENT_FAILURES_BEFORE_SUCCESS: '2',
    };
    first = await startContextService(paymentService, env);
    second = await startContextService(paymentService, env);
  });
  after(async () => {
    await first?.stop();
    await second?.stop();
  });

  it('the first N attempts fail across instances; attempt N+1 succeeds on either', async () => {
    // Tokenized on one instance, charged on both: the token lives in the shared database.
    const method = await http<PaymentMethodDto>(second.url, 'POST', '/payment-methods', {
      customerId: CUSTOMER,
      cardNumber: TEST_CARDS.TRANSIENT_FAILURE.number,
    });
    assert.equal(method.status, 201);
    const body = { orderId: anId(), customerId: CUSTOMER, amountMinor: 999, currency: 'EUR', paymentMethodId: method.body.id };
    assert.equal((await http(first.url, 'POST', '/payments/charges', body)).status, 503);
    assert.equal((await http(second.url, 'POST', '/payments/charges', body)).status, 503);
    const success = await http<PaymentDto>(first.url, 'POST', '/payments/charges', body);
    assert.equal(success.status, 201);
    assert.equal(success.body.attempts.length, 3);
  });
});

describe('payment service configuration', () => {
  for (const [variable, value] of [
    ['PAYMENT_TRANSIENT_FAILURE_RATE', '1.5'],
    ['PAYMENT_TRANSIENT_FAILURES_BEFORE_SUCCESS', '-1'],
    ['PAYMENT_SLOW_CARD_DELAY_MS', 'soon'],
  ] as const) {
    it(`refuses to start with ${variable}=${value}, naming the variable`, async () => {
      await assert.rejects(startServiceForTest(paymentService, { [variable]: value }), (error: Error) => {
        assert.match(error.message, new RegExp(variable));
        return true;
      });
    });
  }
});
