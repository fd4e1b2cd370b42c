import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { provideTimeSkippingServer } from '../../deploy/temporal-test-server.js';
import type { OrderSagaActivities } from '../../src/activities/order-saga.activities.js';
import { createSagaPolicyActivities, type SagaPolicyActivities } from '../../src/activities/saga-policy.activities.js';
import { ORDER_REASON_CODES } from '../../src/contexts/order/contract.js';
import {
  cancelOrderUpdate,
  confirmPaymentUpdate,
  OPERATOR_REASON_CODES,
  operatorDecisionUpdate,
  orderWorkflowId,
  progressQuery,
  SAGA_ERRORS,
  type OperatorDecision,
  type OrderSagaResult,
  type PlaceOrderInput,
  type SagaProgress,
} from '../../src/workflows/order-saga.messages.js';
import { SAGA_ACTIVITY_MODES, type SagaActivityMode } from '../../src/workflows/order-saga.policy.js';
import { orderSagaWorkflow } from '../../src/workflows/order-saga.workflow.js';
import { SEARCH_ATTRIBUTES } from '../../src/shared/infrastructure/temporal-search-attributes.js';
import { eventually, sharedWorkflowBundle } from '../support/system.js';

/**
 * Every branch of the saga in milliseconds: fake activities on Temporal's time-skipping test
 * server, so the 15-minute confirmation timer and retry backoffs are skipped, not waited. The
 * real-server scenarios (order-saga.test.ts) prove the same against real services.
 */
type Behaviour = Partial<{ [K in keyof OrderSagaActivities]: OrderSagaActivities[K] }>;

const ok = <T extends object>(value: T) => Promise.resolve({ ...value, attempt: 1 });

/** What one saga run is given (overrides) and what it did (calls), found by its order id. */
interface Scenario {
  calls: string[];
  overrides: Behaviour;
}

/**
 * The worker's policy in these tests (what SAGA_POLICY_JSON would say): tight retries; the
 * confirmation timeout stays the production default (15 minutes), skipped.
 */
const BRANCH_POLICY = {
  forwardRetry: { initialInterval: '1 second', maximumAttempts: 3 },
  paymentRetry: { initialInterval: '1 second', maximumAttempts: 3 },
  compensationRetry: { initialInterval: '1 second', maximumAttempts: 3 },
} as const;

/**
 * Fakes that succeed and record each call, unless the scenario of the order they are called for
 * replaces them. One worker serves every test; each saga finds its scenario by its order id. The
 * policy is the worker's (the real sagaPolicy activity over BRANCH_POLICY), the same for all.
 */
function fakeActivities(scenarios: Map<string, Scenario>, activityMode: SagaActivityMode): OrderSagaActivities & SagaPolicyActivities {
  const defaults: OrderSagaActivities = {
    verifyCustomer: async (ref) => ok({ customerId: ref.customerId }),
    createOrder: async () => ok({ total: { amountMinor: 2500, currency: 'EUR' }, status: 'PENDING' }),
    reserveStock: async () => ok({ status: 'RESERVED' }),
    releaseStock: async () => ok({ status: 'RELEASED' }),
    commitStock: async () => ok({ status: 'COMMITTED' }),
    chargePayment: async () => ok({ status: 'CAPTURED', cardLast4: '4242' }),
    capturePayment: async () => ok({ status: 'CAPTURED' }),
    refundPayment: async () => ok({ status: 'REFUNDED' }),
    transitionOrder: async (_ref, to) => ok({ status: to }),
    cancelOrder: async () => ok({ status: 'CANCELLED', noOp: false }),
    notifyCustomer: async () => ok({ notificationId: 'n-1' }),
  };
  const steps = Object.fromEntries(
    Object.entries(defaults).map(([name, fallback]) => [
      name,
      (...args: unknown[]) => {
        const scenario = scenarios.get((args[0] as { orderId: string }).orderId);
        if (!scenario) throw new Error(`no scenario for ${JSON.stringify(args[0])}`);
        const to =
          name === 'transitionOrder' ? `:${String(args[1])}` : name === 'notifyCustomer' ? `:${(args[1] as { type: string }).type}` : '';
        scenario.calls.push(`${name}${to}`);
        const run = (scenario.overrides[name as keyof OrderSagaActivities] ?? fallback) as (...a: unknown[]) => Promise<unknown>;
        return run(...args);
      },
    ]),
  ) as unknown as OrderSagaActivities;
  return { ...steps, ...createSagaPolicyActivities({ ...BRANCH_POLICY, activityMode }) };
}

describe('order saga branches (fake activities, time-skipping server)', function () {
  this.timeout(60_000);
  let env: TestWorkflowEnvironment;

  before(async function () {
    this.timeout(300_000);
    const server = await provideTimeSkippingServer();
    if ('unavailable' in server) throw new Error(`Temporal's time-skipping test server is unavailable: ${server.unavailable}`);
    // First: it installs the SDK runtime (logging), which must precede any connection.
    await sharedWorkflowBundle();
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: server.executable } } });
    // The saga upserts OrderStatus and CustomerId; the test server knows only what it is told.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(Object.keys(SEARCH_ATTRIBUTES).map((name) => [name, 2 /* KEYWORD */])),
    });
  });
  after(async function () {
    this.timeout(30_000);
    await env?.teardown();
  });

  // Every branch in both activity modes (ADR 0005): the mode must not change what the saga does.
  for (const mode of SAGA_ACTIVITY_MODES) {
    describe(`${mode} activities`, function () {
      let worker: Worker;
      let running: Promise<void>;
      const scenarios = new Map<string, Scenario>();
      const taskQueue = `branches-${mode}-${randomUUID()}`;

      before(async function () {
        this.timeout(300_000);
        worker = await Worker.create({
          connection: env.nativeConnection,
          taskQueue,
          workflowBundle: await sharedWorkflowBundle(),
          activities: fakeActivities(scenarios, mode),
        });
        running = worker.run();
      });
      after(async function () {
        this.timeout(30_000);
        worker?.shutdown();
        await running;
      });

      /** Runs one saga to its end against the given fakes; returns its result and the activity calls in order. */
      async function runSaga(
        overrides: Behaviour = {},
        interact?: (handle: ReturnType<TestWorkflowEnvironment['client']['workflow']['getHandle']>) => Promise<void>,
      ): Promise<{ result: OrderSagaResult; calls: string[]; input: PlaceOrderInput }> {
        const calls: string[] = [];
        const input: PlaceOrderInput = {
          orderId: randomUUID(),
          customerId: randomUUID(),
          lines: [{ sku: 'MUG-1', quantity: 1 }],
          paymentMethodId: 'pm_test',
        };
        scenarios.set(input.orderId, { calls, overrides });
        const handle = await env.client.workflow.start(orderSagaWorkflow, {
          taskQueue,
          workflowId: orderWorkflowId(input.orderId),
          args: [input],
        });
        if (interact) await interact(handle);
        const result = await handle.result();
        return { result, calls, input };
      }

      const refuse = (code: string) => () => Promise.reject(ApplicationFailure.nonRetryable(`refused: ${code}`, code));

      it('happy path: every forward step once, CONFIRMED', async () => {
        const { result, calls } = await runSaga();
        assert.equal(result.outcome, 'CONFIRMED');
        assert.deepEqual(calls, [
          'verifyCustomer',
          'createOrder',
          'reserveStock',
          'transitionOrder:STOCK_RESERVED',
          'chargePayment',
          'transitionOrder:PAID',
          'commitStock',
          'transitionOrder:CONFIRMED',
          'notifyCustomer:ORDER_CONFIRMED',
        ]);
      });

      it("the policy is the worker's: read once, first, through the sagaPolicy local activity, and recorded in history", async () => {
        const { input } = await runSaga();
        assert.ok(!('policy' in input), 'the input carries no policy');
        const handle = env.client.workflow.getHandle(orderWorkflowId(input.orderId));
        const events = (await handle.fetchHistory()).events ?? [];
        const markers = events.flatMap((event, index) =>
          event.markerRecordedEventAttributes ? [{ index, name: event.markerRecordedEventAttributes.markerName }] : [],
        );
        const scheduled = events.filter((event) => event.activityTaskScheduledEventAttributes);
        if (mode === 'regular') {
          assert.deepEqual(
            markers.map((marker) => marker.name),
            ['core_local_activity'],
            'exactly one local activity, whose result replay reads instead of asking the worker again',
          );
          assert.equal(scheduled.length, 9, 'every step through the task queue');
        } else {
          // The policy, then the eight short forward calls; only the charge goes through the task queue.
          assert.equal(markers.length, 9);
          assert.ok(markers.every((marker) => marker.name === 'core_local_activity'));
          assert.deepEqual(
            scheduled.map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name),
            ['chargePayment'],
          );
        }
        const firstStep = events.findIndex((event) => event.activityTaskScheduledEventAttributes || event.markerRecordedEventAttributes);
        assert.equal(firstStep, markers[0].index, 'the policy is known before the first step');
        if (mode === 'regular') {
          assert.equal(
            scheduled[0].activityTaskScheduledEventAttributes?.retryPolicy?.maximumAttempts,
            BRANCH_POLICY.forwardRetry.maximumAttempts,
          );
        }
        assert.equal((await handle.query(progressQuery)).activityMode, mode, 'the progress says how the steps ran');
      });

      it("an open breaker: the retry waits the breaker's time (nextRetryDelay), not the policy's backoff", async () => {
        let attempts = 0;
        const { result, input } = await runSaga({
          reserveStock: () => {
            attempts++;
            if (attempts > 1) return Promise.resolve({ status: 'RESERVED', attempt: attempts });
            // Far beyond the policy's 1-second first backoff: the step must take at least this long.
            return Promise.reject(
              ApplicationFailure.create({ message: 'inventory breaker open', type: 'CIRCUIT_OPEN', nextRetryDelay: '10 minutes' }),
            );
          },
        });
        assert.equal(result.outcome, 'CONFIRMED');
        const step = (await env.client.workflow.getHandle(orderWorkflowId(input.orderId)).query(progressQuery)).steps.find(
          (s) => s.name === 'reserve-stock',
        );
        assert.equal(step?.attempts, 2);
        // Workflow time (the time-skipping server skips the wait instead of sleeping through it).
        const waited = Date.parse(step.finishedAt!) - Date.parse(step.startedAt);
        assert.ok(waited >= 10 * 60_000, `retried after ${waited} ms`);
      });

      it('declined card: refund (a recorded no-op), release, cancel, customer told; CANCELLED with the code', async () => {
        const { result, calls } = await runSaga({ chargePayment: refuse('PAYMENT.CARD_DECLINED') });
        assert.equal(result.outcome, 'CANCELLED');
        assert.equal(result.reasonCode, 'PAYMENT.CARD_DECLINED');
        assert.deepEqual(calls.slice(calls.indexOf('chargePayment')), [
          'chargePayment',
          'refundPayment',
          'releaseStock',
          'cancelOrder',
          'notifyCustomer:PAYMENT_FAILED',
          'notifyCustomer:ORDER_CANCELLED',
        ]);
      });

      it('payment retries exhausted: the same compensations as a decline, with the transient code', async () => {
        let attempts = 0;
        const { result, calls } = await runSaga({
          chargePayment: () => {
            attempts++;
            return Promise.reject(ApplicationFailure.retryable('provider unavailable', 'PAYMENT.PROVIDER_UNAVAILABLE'));
          },
        });
        assert.equal(attempts, 3, 'the payment policy allows three attempts');
        assert.equal(result.outcome, 'CANCELLED');
        assert.equal(result.reasonCode, 'PAYMENT.PROVIDER_UNAVAILABLE');
        assert.ok(calls.includes('notifyCustomer:PAYMENT_FAILED'));
        assert.deepEqual(calls.slice(-5, -2), ['refundPayment', 'releaseStock', 'cancelOrder']);
      });

      it('confirmation never arrives: the 15-minute timer fires (skipped, not waited) and the saga compensates', async () => {
        const started = Date.now();
        const { result, calls } = await runSaga({ chargePayment: async () => ok({ status: 'REQUIRES_CONFIRMATION', cardLast4: '3220' }) });
        assert.equal(result.outcome, 'CANCELLED');
        assert.equal(result.reasonCode, SAGA_ERRORS.CONFIRMATION_TIMED_OUT);
        assert.ok(!calls.includes('capturePayment'));
        assert.deepEqual(calls.slice(-5), [
          'refundPayment',
          'releaseStock',
          'cancelOrder',
          'notifyCustomer:PAYMENT_FAILED',
          'notifyCustomer:ORDER_CANCELLED',
        ]);
        assert.ok(Date.now() - started < 10_000, 'time was skipped');
      });

      it('confirmation received: capture, then CONFIRMED', async () => {
        const { result, calls } = await runSaga(
          { chargePayment: async () => ok({ status: 'REQUIRES_CONFIRMATION', cardLast4: '3220' }) },
          async (handle) => {
            await waitFor(handle, (p) => p.awaitingPaymentConfirmation);
            await handle.executeUpdate(confirmPaymentUpdate);
          },
        );
        assert.equal(result.outcome, 'CONFIRMED');
        assert.ok(calls.indexOf('capturePayment') > calls.indexOf('chargePayment'));
      });

      it('cancel before capture: compensated, CANCELLED by the customer', async () => {
        const { result, calls } = await runSaga(
          { chargePayment: async () => ok({ status: 'REQUIRES_CONFIRMATION', cardLast4: '3220' }) },
          async (handle) => {
            await waitFor(handle, (p) => p.awaitingPaymentConfirmation);
            await handle.executeUpdate(cancelOrderUpdate, { args: [{ reason: 'changed my mind' }] });
          },
        );
        assert.equal(result.outcome, 'CANCELLED');
        assert.equal(result.reasonCode, SAGA_ERRORS.CANCELLED_BY_CUSTOMER);
        assert.equal(result.reason, 'changed my mind');
        assert.ok(!calls.includes('capturePayment'));
        assert.ok(calls.includes('refundPayment') && calls.includes('releaseStock') && calls.includes('cancelOrder'));
      });

      // In local mode this takes tens of seconds, on purpose: commitStock is a local activity held open
      // by the gate, and an update or query reaches the saga only when its workflow task completes
      // (core heartbeats the task at 80% of its 10-second timeout). ADR 0005 states this cost.
      it('cancel after capture is refused and the order completes', async () => {
        let releaseCommit!: () => void;
        const commitGate = new Promise<void>((resolve) => (releaseCommit = resolve));
        let refusal: unknown;
        const { result } = await runSaga(
          {
            commitStock: async () => {
              await commitGate;
              return ok({ status: 'COMMITTED' });
            },
          },
          async (handle) => {
            await waitFor(handle, (p) => p.paymentCaptured);
            refusal = await handle.executeUpdate(cancelOrderUpdate, { args: [{}] }).catch((error: unknown) => error);
            releaseCommit();
          },
        );
        assert.equal(result.outcome, 'CONFIRMED');
        assert.equal((refusal as { cause?: ApplicationFailure }).cause?.type, SAGA_ERRORS.CANCEL_TOO_LATE);
      });

      describe('a compensation that fails for good: NEEDS_ATTENTION, then an operator decides', () => {
        const down = () => Promise.reject(ApplicationFailure.retryable('payment service down', 'SERVICE_UNAVAILABLE'));
        const alice = { operator: 'alice@example.com', reason: 'refunded by hand in the provider console' };

        it('the other compensations still run, the order is flagged, and the saga waits for a decision', async () => {
          let waiting: SagaProgress | undefined;
          let early: unknown;
          const { result, calls } = await runSaga(
            { chargePayment: refuse('PAYMENT.CARD_DECLINED'), refundPayment: down },
            async (handle) => {
              waiting = await waitFor(handle, (p) => p.awaitingDecision);
              // Waiting is not ending: nothing more happens until someone decides. (Not a race on
              // handle.result(): the test client locks time skipping again when each call returns, and
              // two overlapping calls left it locked for every later test.)
              early = (await handle.describe()).status.name;
              await handle.executeUpdate(operatorDecisionUpdate, { args: [{ action: 'resolve-manually', ...alice }] });
            },
          );
          assert.equal(early, 'RUNNING');
          assert.equal(waiting?.orderStatus, 'NEEDS_ATTENTION');
          assert.equal(waiting?.outcome, null);
          assert.deepEqual(waiting?.failedCompensations, [
            { name: 'refund-payment', error: { code: 'SERVICE_UNAVAILABLE', message: 'payment service down' } },
            { name: 'cancel-order', skipped: true },
          ]);
          assert.ok(calls.includes('releaseStock'), 'the stock is still released');
          assert.ok(calls.indexOf('transitionOrder:NEEDS_ATTENTION') < calls.indexOf('notifyCustomer:ORDER_NEEDS_ATTENTION'));
          assert.equal(result.outcome, 'CANCELLED_MANUALLY');
        });

        it('resolve-manually: recorded with who and why (order history and steps), ends CANCELLED_MANUALLY', async () => {
          const moves: unknown[][] = [];
          let answer: SagaProgress | undefined;
          const { result, calls } = await runSaga(
            {
              chargePayment: refuse('PAYMENT.CARD_DECLINED'),
              refundPayment: down,
              transitionOrder: async (...args) => {
                moves.push(args.slice(1));
                return ok({ status: args[1] });
              },
            },
            async (handle) => {
              await waitFor(handle, (p) => p.awaitingDecision);
              answer = await handle.executeUpdate(operatorDecisionUpdate, { args: [{ action: 'resolve-manually', ...alice }] });
            },
          );
          assert.equal(result.outcome, 'CANCELLED_MANUALLY');
          assert.equal(result.reasonCode, 'PAYMENT.CARD_DECLINED', 'the cause stays what it was');
          assert.deepEqual(moves.at(-1), [
            'CANCELLED_MANUALLY',
            alice.reason,
            ORDER_REASON_CODES.OPERATOR_RESOLVED_MANUALLY,
            'operator:alice@example.com',
          ]);
          assert.ok(!calls.includes('cancelOrder') && calls.filter((c) => c === 'refundPayment').length === 3, 'nothing is retried');
          // The update answers once the decision is recorded.
          assert.equal(answer?.orderStatus, 'CANCELLED_MANUALLY');
          assert.equal(answer?.awaitingDecision, false);
          assert.deepEqual(
            answer?.decisions.map(({ at: _at, ...d }) => d),
            [{ action: 'resolve-manually', ...alice }],
          );
          const step = answer?.steps.at(-1);
          assert.equal(step?.name, 'operator-decision');
          assert.equal(step?.status, 'completed');
          assert.deepEqual(step?.detail, { action: 'resolve-manually', ...alice });
        });

        it('retry-compensations that succeed: the outstanding ones run again, then the cancel; CANCELLED', async () => {
          let providerBack = false;
          const moves: unknown[][] = [];
          const { result, calls } = await runSaga(
            {
              chargePayment: refuse('PAYMENT.CARD_DECLINED'),
              refundPayment: () => (providerBack ? ok({ status: 'REFUNDED' }) : down()),
              transitionOrder: async (...args) => {
                moves.push(args.slice(1));
                return ok({ status: args[1] });
              },
            },
            async (handle) => {
              await waitFor(handle, (p) => p.awaitingDecision);
              providerBack = true;
              const answer = await handle.executeUpdate(operatorDecisionUpdate, {
                args: [{ action: 'retry-compensations', operator: 'bob', reason: 'provider is back' }],
              });
              assert.equal(answer.awaitingDecision, false);
              assert.equal(answer.decisions.length, 1);
            },
          );
          assert.equal(result.outcome, 'CANCELLED');
          assert.equal(result.reasonCode, 'PAYMENT.CARD_DECLINED');
          assert.deepEqual(
            moves.find((m) => m[0] === 'RETRYING_COMPENSATIONS'),
            ['RETRYING_COMPENSATIONS', 'provider is back', ORDER_REASON_CODES.OPERATOR_RETRY, 'operator:bob'],
          );
          const afterDecision = calls.slice(calls.indexOf('transitionOrder:RETRYING_COMPENSATIONS'));
          assert.deepEqual(afterDecision, [
            'transitionOrder:RETRYING_COMPENSATIONS',
            'refundPayment',
            'cancelOrder',
            'notifyCustomer:PAYMENT_FAILED',
            'notifyCustomer:ORDER_CANCELLED',
          ]);
          assert.equal(calls.filter((c) => c === 'releaseStock').length, 1, 'what was undone is not undone twice');
        });

        it('retry-compensations that fail again: back to NEEDS_ATTENTION, waiting again; then resolved', async () => {
          const { result, calls } = await runSaga(
            { chargePayment: refuse('PAYMENT.CARD_DECLINED'), refundPayment: down },
            async (handle) => {
              await waitFor(handle, (p) => p.awaitingDecision);
              await handle.executeUpdate(operatorDecisionUpdate, {
                args: [{ action: 'retry-compensations', operator: 'bob', reason: 'try again' }],
              });
              const again = await waitFor(handle, (p) => p.awaitingDecision);
              assert.equal(again.orderStatus, 'NEEDS_ATTENTION');
              assert.deepEqual(
                again.failedCompensations.map((f) => f.name),
                ['refund-payment', 'cancel-order'],
              );
              await handle.executeUpdate(operatorDecisionUpdate, { args: [{ action: 'resolve-manually', ...alice }] });
            },
          );
          assert.equal(result.outcome, 'CANCELLED_MANUALLY');
          assert.equal(calls.filter((c) => c === 'refundPayment').length, 6, 'two rounds of three attempts');
          assert.deepEqual(calls.filter((c) => c.startsWith('transitionOrder:')).slice(-4), [
            'transitionOrder:NEEDS_ATTENTION',
            'transitionOrder:RETRYING_COMPENSATIONS',
            'transitionOrder:NEEDS_ATTENTION',
            'transitionOrder:CANCELLED_MANUALLY',
          ]);
        });

        it('the validator refuses a decision when none is awaited, and a malformed one; nothing is recorded', async () => {
          const refusals: unknown[] = [];
          const decide = (handle: Parameters<NonNullable<Parameters<typeof runSaga>[1]>>[0], decision: unknown) =>
            handle
              .executeUpdate(operatorDecisionUpdate, { args: [decision as OperatorDecision] })
              .then(() => 'accepted')
              .catch((error: unknown) => (error as { cause?: ApplicationFailure }).cause?.type);
          const { result } = await runSaga(
            { chargePayment: async () => ok({ status: 'REQUIRES_CONFIRMATION', cardLast4: '3220' }), refundPayment: down },
            async (handle) => {
              await waitFor(handle, (p) => p.awaitingPaymentConfirmation);
              refusals.push(await decide(handle, { action: 'resolve-manually', ...alice }));
              await handle.executeUpdate(cancelOrderUpdate, { args: [{}] });
              await waitFor(handle, (p) => p.awaitingDecision);
              for (const bad of [
                { action: 'refund-everything', ...alice },
                { action: 'resolve-manually', operator: '', reason: 'x' },
                { action: 'resolve-manually', operator: 'a b', reason: 'x' },
                { action: 'resolve-manually', operator: 'o'.repeat(42), reason: 'x' },
                { action: 'resolve-manually', operator: 'alice', reason: '   ' },
                { action: 'resolve-manually', operator: 'alice', reason: 'r'.repeat(501) },
                null,
              ])
                refusals.push(await decide(handle, bad));
              const progress = await handle.query(progressQuery);
              assert.deepEqual(progress.decisions, [], 'a refused decision leaves no trace');
              refusals.push(await decide(handle, { action: 'resolve-manually', ...alice }));
            },
          );
          assert.deepEqual(refusals, [
            SAGA_ERRORS.NOT_AWAITING_DECISION,
            ...Array<string>(7).fill(SAGA_ERRORS.INVALID_DECISION),
            'accepted',
          ]);
          assert.equal(result.outcome, 'CANCELLED_MANUALLY');
        });

        it('the workflow repeats the order contract reason codes (it may import only types)', () => {
          assert.deepEqual(Object.values(OPERATOR_REASON_CODES).sort(), Object.values(ORDER_REASON_CODES).sort());
        });
      });

      it('unknown sku: nothing was created, the cancel is a recorded no-op, REJECTED with the code', async () => {
        const calls: string[] = [];
        const { result, calls: made } = await runSaga({
          createOrder: refuse('INVENTORY.PRODUCT_NOT_FOUND'),
          cancelOrder: async () => ok({ status: 'NOT_CREATED', noOp: true }),
        });
        calls.push(...made);
        assert.equal(result.outcome, 'REJECTED');
        assert.equal(result.reasonCode, 'INVENTORY.PRODUCT_NOT_FOUND');
        assert.deepEqual(calls, ['verifyCustomer', 'createOrder', 'cancelOrder']);
      });

      it('unknown customer: REJECTED before anything is created', async () => {
        const { result, calls } = await runSaga({ verifyCustomer: refuse('CUSTOMER.NOT_FOUND') });
        assert.equal(result.outcome, 'REJECTED');
        assert.equal(result.reasonCode, 'CUSTOMER.NOT_FOUND');
        assert.deepEqual(calls, ['verifyCustomer']);
      });

      it('out of stock: CANCELLED, nothing charged', async () => {
        const { result, calls } = await runSaga({ reserveStock: refuse('INVENTORY.INSUFFICIENT_STOCK') });
        assert.equal(result.outcome, 'CANCELLED');
        assert.equal(result.reasonCode, 'INVENTORY.INSUFFICIENT_STOCK');
        assert.ok(!calls.includes('chargePayment') && !calls.includes('refundPayment'));
        assert.deepEqual(calls.slice(2, 5), ['reserveStock', 'releaseStock', 'cancelOrder']);
      });
    });
  }
});

/** Waits until the saga's progress query says `ready`, on the suite's one polling helper. */
async function waitFor(
  handle: { query: (q: typeof progressQuery) => Promise<SagaProgress> },
  ready: (progress: SagaProgress) => boolean,
): Promise<SagaProgress> {
  return eventually(
    'the saga to reach the awaited state',
    async () => {
      const progress = await handle.query(progressQuery);
      return ready(progress) ? progress : undefined;
    },
    10_000,
  );
}
