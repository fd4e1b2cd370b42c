import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFromPayloadsAtIndex, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow/index.js';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import type { z } from 'zod';
import type { BreakerSnapshot } from '../../src/activities/adapters/circuit-breaker.js';
import type {
  CancelOrderResponseSchema,
  ConfirmPaymentResponseSchema,
  OrderViewSchema,
  PlaceOrderResponseSchema,
} from '../../src/apps/gateway/schemas/order.schemas.js';
import type { CustomerDto } from '../../src/contexts/customer/contract.js';
import type { ProductDto } from '../../src/contexts/inventory/contract.js';
import type { NotificationPage } from '../../src/contexts/notification/contract.js';
import { ORDER_REASON_CODES, type OrderDto } from '../../src/contexts/order/contract.js';
import { TEST_CARDS, type PaymentDto, type SimulatorSettingsDto } from '../../src/contexts/payment/contract.js';
import type { ErrorEnvelope } from '../../src/shared/infrastructure/http/errors.js';
import {
  operatorDecisionUpdate,
  orderWorkflowId,
  SAGA_ERRORS,
  type OperatorDecision,
  type OrderSagaResult,
  type PlaceOrderInput,
  type SagaProgress,
} from '../../src/workflows/order-saga.messages.js';
import { resolveSagaPolicy, type SagaPolicy } from '../../src/workflows/order-saga.policy.js';
import type { orderSagaWorkflow } from '../../src/workflows/order-saga.workflow.js';
import { testDataConverter } from '../support/codec.js';
import { http } from '../support/services.js';
import { eventually, sharedWorkflowBundle, startTestSystem, TEST_SAGA_POLICY, type TestSystem } from '../support/system.js';

const HISTORIES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');

// What the gateway answers, typed from the zod schemas it answers (and documents) with.
type PlaceOrderResponse = z.infer<typeof PlaceOrderResponseSchema>;
type OrderView = z.infer<typeof OrderViewSchema>;
type CancelOrderResponse = z.infer<typeof CancelOrderResponseSchema>;
type ConfirmPaymentResponse = z.infer<typeof ConfirmPaymentResponseSchema>;
/** The part of the worker's /health answer these tests read. */
interface WorkerHealth {
  breakers: BreakerSnapshot[];
}

const CARDS = {
  approve: TEST_CARDS.APPROVE.number,
  decline: TEST_CARDS.DECLINE.number,
  transient: TEST_CARDS.TRANSIENT_FAILURE.number,
  confirm: TEST_CARDS.REQUIRES_CONFIRMATION.number,
};

describe('order saga on a real Temporal server and real Postgres', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let api: string;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    api = system.gateway.url;
  });
  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });
  afterEach(async () => {
    // the payment simulator is shared by the suite: back to deterministic approvals
    const deterministic = { transientFailuresBeforeSuccess: null, transientFailureRate: 0.5 };
    await http<SimulatorSettingsDto>(system.services.payment.url, 'PUT', '/simulator/settings', deterministic);
  });

  async function newCustomer(): Promise<string> {
    const response = await http<CustomerDto>(system.services.customer.url, 'POST', '/customers', {
      email: `shopper-${randomUUID()}@example.com`,
      name: 'Saga Shopper',
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  async function newProduct(stock: number, priceMinor = 1250): Promise<string> {
    const sku = `T-${randomUUID().slice(0, 8).toUpperCase()}`;
    const product = { sku, name: `Item ${sku}`, priceMinor, currency: 'EUR', stock };
    const response = await http<ProductDto>(system.services.inventory.url, 'POST', '/products', product);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return sku;
  }

  const stockOf = async (sku: string) =>
    (await http<ProductDto>(system.services.inventory.url, 'GET', `/products/${sku}`)).body.stockAvailable;
  const paymentOf = (orderId: string) => http<PaymentDto>(system.services.payment.url, 'GET', `/payments/${orderId}`);
  const orderOf = async (orderId: string) => (await http<OrderDto>(system.services.order.url, 'GET', `/orders/${orderId}`)).body;
  const notificationTypes = async (customerId: string) => {
    const page = await http<NotificationPage>(system.services.notification.url, 'GET', `/customers/${customerId}/notifications?limit=100`);
    return page.body.items.map((n) => n.type).sort();
  };

  /** Gateway calls carry the customer's token; the customer id is no longer part of any body. */
  const bearer = (customerId: string) => ({ Authorization: `Bearer ${system.tokenFor(customerId)}` });

  async function place(
    { customerId, ...body }: { customerId: string; lines: { sku: string; quantity: number }[]; cardNumber: string },
    headers: Record<string, string> = {},
  ): Promise<string> {
    const response = await http<PlaceOrderResponse>(api, 'POST', '/api/orders', body, { ...bearer(customerId), ...headers });
    assert.equal(response.status, 202, JSON.stringify(response.body));
    return response.body.orderId;
  }

  function result(orderId: string): Promise<OrderSagaResult> {
    return system.temporal.workflow.getHandle<typeof orderSagaWorkflow>(orderWorkflowId(orderId)).result();
  }

  async function progress(orderId: string): Promise<SagaProgress> {
    return system.temporal.workflow.getHandle(orderWorkflowId(orderId)).query<SagaProgress>('progress');
  }

  /** Every scenario's history must replay on the current workflow code (and is saved for CI's replay test). */
  async function checkReplay(orderId: string, scenario: string): Promise<void> {
    const history = await system.temporal.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory();
    const options = { workflowBundle: await sharedWorkflowBundle(), dataConverter: testDataConverter() };
    await Worker.runReplayHistory(options, history, orderWorkflowId(orderId));
    if (process.env.RECORD_HISTORIES) {
      await writeFile(path.join(HISTORIES, `${scenario}.json`), `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
    }
  }

  it('happy path: CONFIRMED, stock committed, one capture, customer notified', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(5, 1250);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 2 }], cardNumber: CARDS.approve });

    assert.deepEqual(await result(orderId), { orderId, outcome: 'CONFIRMED' });
    const order = await orderOf(orderId);
    assert.equal(order.status, 'CONFIRMED');
    assert.deepEqual(order.total, { amountMinor: 2500, currency: 'EUR' });
    assert.deepEqual(
      order.history.map((h) => h.to),
      ['PENDING', 'STOCK_RESERVED', 'PAID', 'CONFIRMED'],
    );
    assert.equal(await stockOf(sku), 3);
    const payment = await paymentOf(orderId);
    assert.equal(payment.body.status, 'CAPTURED');
    assert.equal(payment.body.amount?.amountMinor, 2500);
    assert.deepEqual(await notificationTypes(customerId), ['ORDER_CONFIRMED']);

    const view = await http<OrderView>(api, 'GET', `/api/orders/${orderId}`, undefined, bearer(customerId));
    assert.equal(view.status, 200);
    assert.equal(view.body.status, 'CONFIRMED');
    assert.deepEqual(
      view.body.saga?.steps.map((s) => s.name),
      ['verify-customer', 'create-order', 'reserve-stock', 'charge-payment', 'commit-stock', 'confirm-order', 'notify-customer'],
    );
    await checkReplay(orderId, 'happy-path');
  });

  it('out of stock: CANCELLED with the inventory code, stock untouched, nothing charged', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(1);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 3 }], cardNumber: CARDS.approve });

    const outcome = await result(orderId);
    assert.equal(outcome.outcome, 'CANCELLED');
    assert.equal(outcome.reasonCode, 'INVENTORY.INSUFFICIENT_STOCK');
    assert.equal((await orderOf(orderId)).status, 'CANCELLED');
    assert.equal(await stockOf(sku), 1);
    assert.equal((await paymentOf(orderId)).status, 404, 'no payment may exist');
    assert.deepEqual(await notificationTypes(customerId), ['ORDER_CANCELLED']);
    await checkReplay(orderId, 'out-of-stock');
  });

  it("the worker's SAGA_POLICY_JSON is the saga's policy: the input carries none, the history records it once", async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(5);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 1 }], cardNumber: CARDS.approve });
    assert.equal((await result(orderId)).outcome, 'CONFIRMED');

    const events = (await system.temporal.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory()).events ?? [];
    const converter = loadDataConverter(testDataConverter());
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    const input = await decodeFromPayloadsAtIndex<PlaceOrderInput>(converter, 0, started?.input?.payloads);
    assert.equal(input.orderId, orderId);
    assert.ok(!('policy' in input), 'whoever starts a saga does not choose its policy');

    const markers = events.flatMap((event) => (event.markerRecordedEventAttributes ? [event.markerRecordedEventAttributes] : []));
    const policy = resolveSagaPolicy(TEST_SAGA_POLICY);
    // The policy, read once, first; in local mode (the default) the eight short forward calls follow as markers too.
    assert.equal(markers.length, policy.activityMode === 'local' ? 9 : 1);
    const recorded = await decodeFromPayloadsAtIndex<SagaPolicy>(converter, 0, markers[0]?.details?.result?.payloads);
    assert.deepEqual(recorded, policy);
  });

  it('declined card: stock released, no charge left, order CANCELLED, customer told', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(4);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 2 }], cardNumber: CARDS.decline });

    const outcome = await result(orderId);
    assert.equal(outcome.outcome, 'CANCELLED');
    assert.equal(outcome.reasonCode, 'PAYMENT.CARD_DECLINED');
    assert.equal(await stockOf(sku), 4, 'stock back where it was');
    const payment = await paymentOf(orderId);
    assert.ok(['DECLINED', 'VOIDED'].includes(payment.body.status), `no capture may remain, got ${payment.body.status}`);
    const order = await orderOf(orderId);
    assert.deepEqual(
      order.history.map((h) => h.to),
      ['PENDING', 'STOCK_RESERVED', 'CANCELLED'],
    );
    // The code travels as data, not as "CODE: reason" text.
    assert.deepEqual(
      order.history.map((h) => h.reasonCode),
      [null, null, 'PAYMENT.CARD_DECLINED'],
    );
    const cancelled = order.history.at(-1);
    assert.ok(cancelled, 'the cancellation is in the history');
    assert.doesNotMatch(cancelled.reason, /^PAYMENT\./);
    assert.deepEqual(await notificationTypes(customerId), ['ORDER_CANCELLED', 'PAYMENT_FAILED']);
    const steps = (await progress(orderId)).steps;
    assert.deepEqual(
      steps.filter((s) => s.kind === 'compensation').map((s) => s.name),
      ['refund-payment', 'release-stock', 'cancel-order'],
    );
    const charge = steps.find((s) => s.name === 'charge-payment')!;
    assert.equal(charge.status, 'failed');
    assert.equal(charge.error?.code, 'PAYMENT.CARD_DECLINED');
    await checkReplay(orderId, 'declined-card');
  });

  it('transient payment failures are retried with backoff and the order completes', async () => {
    await http<SimulatorSettingsDto>(system.services.payment.url, 'PUT', '/simulator/settings', { transientFailuresBeforeSuccess: 2 });
    const customerId = await newCustomer();
    const sku = await newProduct(3);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 1 }], cardNumber: CARDS.transient });

    assert.equal((await result(orderId)).outcome, 'CONFIRMED');
    const charge = (await progress(orderId)).steps.find((s) => s.name === 'charge-payment')!;
    assert.equal(charge.attempts, 3, 'two transient failures, then success');
    assert.equal((await paymentOf(orderId)).body.attempts.length, 3);
    await checkReplay(orderId, 'transient-payment');
  });

  it('payment retries exhausted: full compensation, nothing charged, stock back', async () => {
    await http<SimulatorSettingsDto>(system.services.payment.url, 'PUT', '/simulator/settings', { transientFailuresBeforeSuccess: 1000 });
    const customerId = await newCustomer();
    const sku = await newProduct(3);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 2 }], cardNumber: CARDS.transient });

    const outcome = await result(orderId);
    assert.equal(outcome.outcome, 'CANCELLED');
    const charge = (await progress(orderId)).steps.find((s) => s.name === 'charge-payment')!;
    assert.equal(charge.status, 'failed');
    assert.equal(charge.error?.retriesExhausted, true);
    assert.equal(await stockOf(sku), 3);
    const payment = await paymentOf(orderId);
    assert.notEqual(payment.body.status, 'CAPTURED');
    assert.equal((await orderOf(orderId)).status, 'CANCELLED');
    assert.deepEqual(await notificationTypes(customerId), ['ORDER_CANCELLED', 'PAYMENT_FAILED']);
    await checkReplay(orderId, 'payment-retries-exhausted');
  });

  async function awaitingConfirmation(orderId: string): Promise<void> {
    await eventually('the saga to wait for payment confirmation', async () =>
      (await progress(orderId)).awaitingPaymentConfirmation ? true : undefined,
    );
  }

  it('payment confirmation received: the saga resumes and confirms', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(3);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 1 }], cardNumber: CARDS.confirm });
    await awaitingConfirmation(orderId);
    assert.equal((await orderOf(orderId)).status, 'AWAITING_PAYMENT_CONFIRMATION');
    assert.ok((await notificationTypes(customerId)).includes('PAYMENT_CONFIRMATION_REQUIRED'));

    const confirmed = await http<ConfirmPaymentResponse>(
      api,
      'POST',
      `/api/orders/${orderId}/payment-confirmation`,
      undefined,
      bearer(customerId),
    );
    assert.equal(confirmed.status, 202, JSON.stringify(confirmed.body));
    const twice = await http<ErrorEnvelope>(api, 'POST', `/api/orders/${orderId}/payment-confirmation`, undefined, bearer(customerId));
    assert.equal(twice.status, 409);

    assert.equal((await result(orderId)).outcome, 'CONFIRMED');
    assert.equal((await paymentOf(orderId)).body.status, 'CAPTURED');
    await checkReplay(orderId, 'payment-confirmed');
  });

  it('payment confirmation timed out: compensated, authorisation voided', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(3);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 2 }], cardNumber: CARDS.confirm });

    const outcome = await result(orderId);
    assert.equal(outcome.outcome, 'CANCELLED');
    assert.equal(outcome.reasonCode, 'PAYMENT.CONFIRMATION_TIMED_OUT');
    assert.equal((await paymentOf(orderId)).body.status, 'VOIDED');
    assert.equal(await stockOf(sku), 3);
    const late = await http<ErrorEnvelope>(api, 'POST', `/api/orders/${orderId}/payment-confirmation`, undefined, bearer(customerId));
    assert.equal(late.status, 409);
    await checkReplay(orderId, 'payment-confirmation-timeout');
  });

  it('customer cancels before capture: compensated and CANCELLED', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(3);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 1 }], cardNumber: CARDS.confirm });
    await awaitingConfirmation(orderId);

    const cancel = await http<CancelOrderResponse>(
      api,
      'POST',
      `/api/orders/${orderId}/cancel`,
      { reason: 'changed my mind' },
      bearer(customerId),
    );
    assert.equal(cancel.status, 202, JSON.stringify(cancel.body));
    const outcome = await result(orderId);
    assert.equal(outcome.outcome, 'CANCELLED');
    assert.equal(outcome.reasonCode, 'ORDER.CANCELLED_BY_CUSTOMER');
    assert.equal(await stockOf(sku), 3);
    assert.equal((await paymentOf(orderId)).body.status, 'VOIDED');
    const again = await http<ErrorEnvelope>(api, 'POST', `/api/orders/${orderId}/cancel`, {}, bearer(customerId));
    assert.equal(again.status, 409, 'a finished order cannot be cancelled');
    await checkReplay(orderId, 'cancel-before-capture');
  });

  it('a downstream service stops mid-saga: breaker opens, cancel after capture is refused, the order still completes', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(3);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 1 }], cardNumber: CARDS.confirm });
    await awaitingConfirmation(orderId);

    const restartInventory = await system.stopService('inventory');
    try {
      const confirmed = await http<ConfirmPaymentResponse>(
        api,
        'POST',
        `/api/orders/${orderId}/payment-confirmation`,
        undefined,
        bearer(customerId),
      );
      assert.equal(confirmed.status, 202);
      await eventually('payment to be captured', async () => ((await progress(orderId)).paymentCaptured ? true : undefined));

      const late = await http<ErrorEnvelope>(api, 'POST', `/api/orders/${orderId}/cancel`, {}, bearer(customerId));
      assert.equal(late.status, 409);
      assert.equal(late.body.error.code, 'ORDER.CANCEL_TOO_LATE');

      await eventually('the inventory breaker to open', () =>
        system.worker.breakers.snapshot().find((b) => b.service === 'inventory' && b.state !== 'closed') ? true : undefined,
      );
      const health = await http<WorkerHealth>(system.worker.health.url, 'GET', '/health');
      assert.ok(health.body.breakers.some((b) => b.service === 'inventory' && b.state !== 'closed'));
    } finally {
      await restartInventory();
    }

    assert.equal((await result(orderId)).outcome, 'CONFIRMED');
    assert.equal(system.worker.breakers.snapshot().find((b) => b.service === 'inventory')?.state, 'closed');
    assert.equal(await stockOf(sku), 2);
    await checkReplay(orderId, 'downstream-restart');
  });

  describe('a compensation that fails for good: NEEDS_ATTENTION until an operator decides', () => {
    const handleOf = (orderId: string) => system.temporal.workflow.getHandle(orderWorkflowId(orderId));
    const decide = (orderId: string, decision: OperatorDecision) =>
      handleOf(orderId).executeUpdate(operatorDecisionUpdate, { args: [decision] });
    const refusalOf = (orderId: string, decision: unknown) =>
      decide(orderId, decision as OperatorDecision).then(
        () => 'accepted',
        (error: unknown) => (error as { cause?: { type?: string } }).cause?.type,
      );

    /** Cancels a saga waiting for a payment confirmation while inventory is down: the stock release fails for good. */
    async function stuckOrder(): Promise<{ orderId: string; sku: string; customerId: string }> {
      const customerId = await newCustomer();
      const sku = await newProduct(3);
      const orderId = await place({ customerId, lines: [{ sku, quantity: 1 }], cardNumber: CARDS.confirm });
      await awaitingConfirmation(orderId);
      assert.equal(
        await refusalOf(orderId, { action: 'retry-compensations', operator: 'alice', reason: 'too early' }),
        SAGA_ERRORS.NOT_AWAITING_DECISION,
      );

      const restartInventory = await system.stopService('inventory');
      try {
        const cancel = await http<CancelOrderResponse>(api, 'POST', `/api/orders/${orderId}/cancel`, {}, bearer(customerId));
        assert.equal(cancel.status, 202);
        const waiting = await eventually('the saga to wait for a decision', async () => {
          const p = await progress(orderId);
          return p.awaitingDecision ? p : undefined;
        });
        assert.deepEqual(
          waiting.failedCompensations.map((f) => [f.name, f.error?.code ?? 'skipped']),
          [
            ['release-stock', 'SERVICE_UNAVAILABLE'],
            ['cancel-order', 'skipped'],
          ],
        );
      } finally {
        await restartInventory();
      }
      // Visible: the order's status, the search attribute (what an operator searches for), the customer told.
      assert.equal((await orderOf(orderId)).status, 'NEEDS_ATTENTION');
      const description = await handleOf(orderId).describe();
      assert.deepEqual(description.searchAttributes.OrderStatus, ['NEEDS_ATTENTION']);
      assert.equal(description.status.name, 'RUNNING', 'waiting, not ended');
      assert.ok((await notificationTypes(customerId)).includes('ORDER_NEEDS_ATTENTION'));
      assert.equal(await stockOf(sku), 2, 'the release never happened: a person must look');
      return { orderId, sku, customerId };
    }

    it('retry-compensations after the cause is fixed: released, refunded, CANCELLED; the decision in the order history', async () => {
      const { orderId, sku, customerId } = await stuckOrder();
      assert.equal(
        await refusalOf(orderId, { action: 'retry-compensations', operator: 'alice', reason: '' }),
        SAGA_ERRORS.INVALID_DECISION,
      );

      const answer = await decide(orderId, { action: 'retry-compensations', operator: 'alice@example.com', reason: 'inventory is back' });
      assert.equal(answer.awaitingDecision, false);
      assert.equal(answer.decisions.length, 1);
      assert.deepEqual(await result(orderId), {
        orderId,
        outcome: 'CANCELLED',
        reasonCode: SAGA_ERRORS.CANCELLED_BY_CUSTOMER,
        reason: 'cancelled by customer',
      });
      const order = await orderOf(orderId);
      assert.equal(order.status, 'CANCELLED');
      assert.deepEqual(
        order.history.slice(-3).map(({ to, by, reason, reasonCode }) => ({ to, by, reason, reasonCode })),
        [
          { to: 'NEEDS_ATTENTION', by: 'saga', reason: order.history.at(-3)!.reason, reasonCode: SAGA_ERRORS.CANCELLED_BY_CUSTOMER },
          {
            to: 'RETRYING_COMPENSATIONS',
            by: 'operator:alice@example.com',
            reason: 'inventory is back',
            reasonCode: ORDER_REASON_CODES.OPERATOR_RETRY,
          },
          { to: 'CANCELLED', by: 'saga', reason: 'cancelled by customer', reasonCode: SAGA_ERRORS.CANCELLED_BY_CUSTOMER },
        ],
      );
      assert.equal(await stockOf(sku), 3, 'released on the retry');
      assert.equal((await paymentOf(orderId)).body.status, 'VOIDED', 'the unconfirmed payment was voided in the first round');
      assert.ok((await notificationTypes(customerId)).includes('ORDER_CANCELLED'));
      assert.deepEqual((await handleOf(orderId).describe()).searchAttributes.OrderStatus, ['CANCELLED']);
      await checkReplay(orderId, 'needs-attention-retried');
    });

    it('resolve-manually after a worker restart while waiting: CANCELLED_MANUALLY, who and why in the order history', async () => {
      const { orderId, sku } = await stuckOrder();
      // The wait lives in Temporal: no worker for a while, then a fresh one, then the decision.
      const startWorkerAgain = await system.stopWorker();
      await startWorkerAgain();

      // Right after a restart the server may still answer FAILED_PRECONDITION ("Workflow Task in failed
      // state") while it moves the saga off the stopped worker's sticky queue: the caller retries, and
      // one update id makes a repeat the same decision, never a second one.
      const decision: OperatorDecision = { action: 'resolve-manually', operator: 'bob', reason: 'stock released by hand' };
      const updateId = randomUUID();
      const answer = await eventually('the decision to be accepted', () =>
        handleOf(orderId).executeUpdate(operatorDecisionUpdate, { args: [decision], updateId }),
      );
      assert.equal(answer.orderStatus, 'CANCELLED_MANUALLY');
      assert.deepEqual(await result(orderId), {
        orderId,
        outcome: 'CANCELLED_MANUALLY',
        reasonCode: SAGA_ERRORS.CANCELLED_BY_CUSTOMER,
        reason: 'cancelled by customer',
      });
      const order = await orderOf(orderId);
      assert.equal(order.status, 'CANCELLED_MANUALLY');
      const last = order.history.at(-1)!;
      assert.deepEqual(
        { from: last.from, by: last.by, reason: last.reason, reasonCode: last.reasonCode },
        {
          from: 'NEEDS_ATTENTION',
          by: 'operator:bob',
          reason: 'stock released by hand',
          reasonCode: ORDER_REASON_CODES.OPERATOR_RESOLVED_MANUALLY,
        },
      );
      assert.equal(await stockOf(sku), 2, 'the saga did not undo anything more: the operator did');
      assert.deepEqual((await handleOf(orderId).describe()).searchAttributes.OrderStatus, ['CANCELLED_MANUALLY']);
      await checkReplay(orderId, 'needs-attention-resolved-manually');
    });
  });

  it('a confirmation sent after a worker restart resumes the waiting saga (the wait lives in Temporal)', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(3);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 1 }], cardNumber: CARDS.confirm });
    await awaitingConfirmation(orderId);

    const startWorkerAgain = await system.stopWorker();
    await startWorkerAgain();
    const confirmed = await http<ConfirmPaymentResponse>(
      api,
      'POST',
      `/api/orders/${orderId}/payment-confirmation`,
      undefined,
      bearer(customerId),
    );
    assert.equal(confirmed.status, 202, JSON.stringify(confirmed.body));
    assert.equal((await result(orderId)).outcome, 'CONFIRMED');
    await checkReplay(orderId, 'confirmed-after-worker-restart');
  });

  it('the confirmation timer fires while no worker runs; the next worker compensates', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(3);
    const orderId = await place({ customerId, lines: [{ sku, quantity: 2 }], cardNumber: CARDS.confirm });
    await awaitingConfirmation(orderId);

    const startWorkerAgain = await system.stopWorker();
    try {
      const handle = system.temporal.workflow.getHandle(orderWorkflowId(orderId));
      // The durable timer is the server's: it fires with no worker alive.
      await eventually(
        'the confirmation timer to fire on the server',
        async () => ((await handle.fetchHistory()).events ?? []).some((event) => event.timerFiredEventAttributes) || undefined,
        20_000,
      );
      assert.equal((await orderOf(orderId)).status, 'AWAITING_PAYMENT_CONFIRMATION', 'nothing can happen without a worker');
    } finally {
      await startWorkerAgain();
    }
    const outcome = await result(orderId);
    assert.equal(outcome.outcome, 'CANCELLED');
    assert.equal(outcome.reasonCode, 'PAYMENT.CONFIRMATION_TIMED_OUT');
    assert.equal(await stockOf(sku), 3);
    assert.equal((await paymentOf(orderId)).body.status, 'VOIDED');
  });

  it('the same Idempotency-Key twice starts one workflow and charges once; a different body is 422', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(5);
    const body = { lines: [{ sku, quantity: 1 }], cardNumber: CARDS.approve };
    const key = `checkout-${randomUUID()}`;
    const headers = { ...bearer(customerId), 'Idempotency-Key': key };
    const placeOnce = () => http<PlaceOrderResponse>(api, 'POST', '/api/orders', body, headers);
    const [first, second] = await Promise.all([placeOnce(), placeOnce()]);
    assert.equal(first.status, 202);
    assert.equal(second.status, 202);
    assert.equal(first.body.orderId, second.body.orderId);
    const orderId = first.body.orderId;
    assert.equal((await result(orderId)).outcome, 'CONFIRMED');

    const third = await placeOnce();
    assert.equal(third.status, 202);
    assert.equal(third.body.orderId, orderId);
    assert.equal(third.headers.get('idempotent-replayed'), 'true');

    const changed = await http<ErrorEnvelope>(api, 'POST', '/api/orders', { ...body, lines: [{ sku, quantity: 2 }] }, headers);
    assert.equal(changed.status, 422);
    assert.equal(changed.body.error.code, 'IDEMPOTENCY.KEY_REUSED');

    assert.equal(await stockOf(sku), 4, 'reserved once');
    assert.equal((await paymentOf(orderId)).body.attempts.length, 1, 'charged once');
    const runs = await system.temporal.workflow.count(`WorkflowId = '${orderWorkflowId(orderId)}'`);
    assert.equal(runs.count, 1);
  });

  it('an unknown customer is rejected before anything is created', async () => {
    const sku = await newProduct(2);
    // A valid token for an id the customer service does not know: the saga itself must refuse it.
    const customerId = randomUUID();
    const orderId = await place({ customerId, lines: [{ sku, quantity: 1 }], cardNumber: CARDS.approve });
    const outcome = await result(orderId);
    assert.equal(outcome.outcome, 'REJECTED');
    assert.equal(outcome.reasonCode, 'CUSTOMER.NOT_FOUND');
    const view = await http<OrderView>(api, 'GET', `/api/orders/${orderId}`, undefined, bearer(customerId));
    assert.equal(view.body.status, 'REJECTED');
    assert.equal(await stockOf(sku), 2);
  });

  it('a product gone between the gateway check and the saga (a stale check) ends REJECTED with its code, not NEEDS_ATTENTION', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(3);
    // Nothing runs the saga while the catalog changes under the accepted order.
    const startWorker = await system.stopWorker();
    const orderId = await place({ customerId, lines: [{ sku, quantity: 1 }], cardNumber: CARDS.approve });
    await system.services.inventory.knex('products').where({ sku }).delete();
    await startWorker();

    const outcome = await result(orderId);
    assert.equal(outcome.outcome, 'REJECTED', JSON.stringify(outcome));
    assert.equal(outcome.reasonCode, 'INVENTORY.PRODUCT_NOT_FOUND');
    const saga = await progress(orderId);
    const cancel = saga.steps.find((s) => s.name === 'cancel-order');
    assert.equal(cancel?.status, 'completed', 'the compensation of an order never created is a recorded no-op');
    assert.deepEqual(cancel?.detail, { noOp: true });
    assert.ok(!saga.steps.some((s) => s.name === 'flag-needs-attention'));
    assert.equal((await http<ErrorEnvelope>(system.services.order.url, 'GET', `/orders/${orderId}`)).status, 404, 'no order was created');
    assert.equal((await paymentOf(orderId)).status, 404, 'nothing charged');
    assert.deepEqual(await notificationTypes(customerId), [], 'no order existed to tell the shopper about');
    const view = await http<OrderView>(api, 'GET', `/api/orders/${orderId}`, undefined, bearer(customerId));
    assert.equal(view.status, 200);
    assert.equal(view.body.status, 'REJECTED');
    assert.equal(view.body.order, null);
    assert.equal(view.body.saga?.reasonCode, 'INVENTORY.PRODUCT_NOT_FOUND');
    const flagged = await system.temporal.workflow.count(`WorkflowId = '${orderWorkflowId(orderId)}' AND OrderStatus = 'NEEDS_ATTENTION'`);
    assert.equal(flagged.count, 0);
    await checkReplay(orderId, 'product-gone-before-create');
  });

  it('stock set to 0 between accept and reserve: CANCELLED with the inventory code, nothing charged', async () => {
    const customerId = await newCustomer();
    const sku = await newProduct(4);
    const startWorker = await system.stopWorker();
    const orderId = await place({ customerId, lines: [{ sku, quantity: 2 }], cardNumber: CARDS.approve });
    assert.equal((await http<ProductDto>(system.services.inventory.url, 'PUT', `/products/${sku}/stock`, { stock: 0 })).status, 200);
    await startWorker();

    const outcome = await result(orderId);
    assert.equal(outcome.outcome, 'CANCELLED', JSON.stringify(outcome));
    assert.equal(outcome.reasonCode, 'INVENTORY.INSUFFICIENT_STOCK');
    assert.equal((await orderOf(orderId)).status, 'CANCELLED');
    assert.equal(await stockOf(sku), 0);
    assert.equal((await paymentOf(orderId)).status, 404, 'no payment may exist');
    await checkReplay(orderId, 'stock-gone-before-reserve');
  });
});
