/**
 * The order saga. Deterministic code only: it imports @temporalio/workflow (+ common) and the
 * *types* of its activities; every side effect happens in an activity.
 *
 * verify customer -> create order (PENDING) -> reserve stock -> charge payment
 *   [-> wait for confirmation -> capture] -> commit stock -> confirm order -> notify
 * On failure, compensations run in reverse: refund, release stock, cancel order, notify.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { OrderSagaActivities } from '../activities/order-saga.activities.js';
import {
  cancelOrderUpdate,
  confirmPaymentUpdate,
  progressQuery,
  SAGA_ERRORS,
  type OrderSagaResult,
  type PlaceOrderInput,
  type SagaOutcome,
  type SagaProgress,
  type StepName,
  type StepRecord,
} from './order-saga.messages.js';
import { resolveSagaPolicy } from './order-saga.policy.js';

const OrderStatusKey = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
const CustomerIdKey = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);

/** Ends the forward path; carries the code the customer and the UI will see. */
class SagaAborted extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function orderSagaWorkflow(input: PlaceOrderInput): Promise<OrderSagaResult> {
  const policy = resolveSagaPolicy(input.policy);
  const forward = proxyActivities<OrderSagaActivities>({
    startToCloseTimeout: policy.activityStartToClose,
    retry: policy.forwardRetry,
  });
  const payment = proxyActivities<OrderSagaActivities>({
    startToCloseTimeout: policy.paymentStartToClose,
    retry: policy.paymentRetry,
  });
  const compensation = proxyActivities<OrderSagaActivities>({
    startToCloseTimeout: policy.activityStartToClose,
    retry: policy.compensationRetry,
  });

  const { orderId, customerId } = input;
  const ref = { orderId, customerId };
  const state: SagaProgress = {
    orderId,
    customerId,
    orderStatus: 'NEW',
    currentStep: null,
    steps: [],
    outcome: null,
    awaitingPaymentConfirmation: false,
    paymentCaptured: false,
    cancellable: true,
  };
  let cancelRequest: { reason: string } | undefined;
  let paymentConfirmed = false;

  setHandler(progressQuery, () => state);

  setHandler(
    cancelOrderUpdate,
    (request) => {
      cancelRequest = { reason: request.reason?.trim() || 'cancelled by customer' };
      return state;
    },
    {
      validator: (_request) => {
        if (!state.cancellable || state.paymentCaptured || state.outcome !== null || cancelRequest) {
          throw ApplicationFailure.nonRetryable('The order can no longer be cancelled: its payment was captured or it has ended', SAGA_ERRORS.CANCEL_TOO_LATE);
        }
      },
    },
  );

  setHandler(
    confirmPaymentUpdate,
    () => {
      paymentConfirmed = true;
      return state;
    },
    {
      validator: () => {
        if (!state.awaitingPaymentConfirmation || paymentConfirmed) {
          throw ApplicationFailure.nonRetryable('This order is not waiting for a payment confirmation', SAGA_ERRORS.NOT_AWAITING_CONFIRMATION);
        }
      },
    },
  );

  upsertSearchAttributes([
    { key: CustomerIdKey, value: customerId },
    { key: OrderStatusKey, value: 'NEW' },
  ]);

  async function step<T extends { attempt: number }>(
    name: StepName,
    kind: StepRecord['kind'],
    run: () => Promise<T>,
    detail?: (result: T) => Record<string, unknown>,
  ): Promise<T> {
    const record: StepRecord = { name, kind, status: 'running', startedAt: now() };
    state.steps.push(record);
    state.currentStep = name;
    try {
      const result = await run();
      record.status = 'completed';
      record.attempts = result.attempt;
      if (detail) record.detail = detail(result);
      return result;
    } catch (error) {
      record.status = 'failed';
      record.error = describeFailure(error);
      throw error;
    } finally {
      record.finishedAt = now();
    }
  }

  async function setStatus(to: string, reason: string, api = forward): Promise<void> {
    await api.transitionOrder(ref, to as never, reason);
    state.orderStatus = to;
    upsertSearchAttributes([{ key: OrderStatusKey, value: to }]);
  }

  function abortIfCancelled(): void {
    if (cancelRequest) throw new SagaAborted(SAGA_ERRORS.CANCELLED_BY_CUSTOMER, cancelRequest.reason);
  }

  const finish = (outcome: SagaOutcome, reasonCode?: string, reason?: string): OrderSagaResult => {
    state.outcome = outcome;
    state.currentStep = null;
    state.cancellable = false;
    state.awaitingPaymentConfirmation = false;
    state.reasonCode = reasonCode;
    state.reason = reason;
    if (outcome === 'REJECTED') upsertSearchAttributes([{ key: OrderStatusKey, value: 'REJECTED' }]);
    return { orderId, outcome, reasonCode, reason };
  };

  // 1. Nothing exists yet, so a refusal here needs no compensation.
  try {
    await step('verify-customer', 'forward', () => forward.verifyCustomer(ref));
  } catch (error) {
    const failure = describeFailure(error);
    return finish('REJECTED', failure.code, failure.message);
  }

  // Registered before each step runs: a step that timed out may still have taken effect. Every
  // compensation of something that never happened is a recorded no-op (a release or refund of
  // nothing leaves a tombstone; cancelling an order that was never created changes nothing).
  const compensations: { name: StepName; run: (reason: string) => Promise<{ attempt: number; noOp?: boolean }> }[] = [];
  let total: { amountMinor: number; currency: string } | undefined;

  try {
    compensations.unshift({ name: 'cancel-order', run: (reason) => compensation.cancelOrder(ref, reason) });
    abortIfCancelled();
    const order = await step('create-order', 'forward', () => forward.createOrder(ref, input.lines), (r) => ({
      total: r.total,
    }));
    total = order.total;
    state.total = order.total;
    state.orderStatus = 'PENDING';
    upsertSearchAttributes([{ key: OrderStatusKey, value: 'PENDING' }]);

    abortIfCancelled();
    compensations.unshift({ name: 'release-stock', run: () => compensation.releaseStock(ref) });
    await step('reserve-stock', 'forward', () => forward.reserveStock(ref, input.lines));
    await setStatus('STOCK_RESERVED', 'stock reserved');

    abortIfCancelled();
    compensations.unshift({ name: 'refund-payment', run: (reason) => compensation.refundPayment(ref, reason) });
    const charge = await step(
      'charge-payment',
      'forward',
      () => payment.chargePayment(ref, { amountMinor: total!.amountMinor, currency: total!.currency, paymentMethodId: input.paymentMethodId }),
      (r) => ({ paymentStatus: r.status, cardLast4: r.cardLast4 }),
    );

    if (charge.status === 'REQUIRES_CONFIRMATION') {
      await setStatus('AWAITING_PAYMENT_CONFIRMATION', 'card requires confirmation');
      await forward.notifyCustomer(ref, { type: 'PAYMENT_CONFIRMATION_REQUIRED', amountMinor: total.amountMinor, currency: total.currency });
      state.awaitingPaymentConfirmation = true;
      const waiting: StepRecord = { name: 'await-payment-confirmation', kind: 'forward', status: 'running', startedAt: now() };
      state.steps.push(waiting);
      state.currentStep = waiting.name;
      // A durable timer: it survives worker restarts because it lives in Temporal, not in memory.
      const answered = await condition(() => paymentConfirmed || cancelRequest !== undefined, policy.paymentConfirmationTimeout);
      state.awaitingPaymentConfirmation = false;
      waiting.finishedAt = now();
      if (!answered) {
        waiting.status = 'failed';
        waiting.error = { code: SAGA_ERRORS.CONFIRMATION_TIMED_OUT, message: 'No payment confirmation arrived in time', retriesExhausted: false };
        throw new SagaAborted(SAGA_ERRORS.CONFIRMATION_TIMED_OUT, 'No payment confirmation arrived in time');
      }
      waiting.status = paymentConfirmed ? 'completed' : 'failed';
      abortIfCancelled();
      await step('capture-payment', 'forward', () => payment.capturePayment(ref));
    }
    abortIfCancelled();
    state.paymentCaptured = true;
    state.cancellable = false;
    await setStatus('PAID', 'payment captured');

    await step('commit-stock', 'forward', () => forward.commitStock(ref));
    await step('confirm-order', 'forward', () => forward.transitionOrder(ref, 'CONFIRMED', 'order confirmed'));
    state.orderStatus = 'CONFIRMED';
    upsertSearchAttributes([{ key: OrderStatusKey, value: 'CONFIRMED' }]);
  } catch (error) {
    const failure = error instanceof SagaAborted ? { code: error.code, message: error.message, retriesExhausted: false } : describeFailure(error);
    log.warn('order saga compensating', { orderId, reasonCode: failure.code, reason: failure.message });
    state.cancellable = false;
    // Whatever stopped the payment step (a decline, retries exhausted, an open breaker) is a
    // payment failure for the shopper; decided before compensations add steps of their own.
    const failedStep = lastFailedStep();
    const paymentFailed = failure.code.startsWith('PAYMENT.') || failedStep === 'charge-payment' || failedStep === 'capture-payment';
    return compensate(failure.code, failure.message, paymentFailed);
  }

  // The order is confirmed: a notification that cannot be delivered must not undo it.
  await notify('ORDER_CONFIRMED', undefined, total).catch(() => undefined);
  return finish('CONFIRMED');

  async function notify(type: 'ORDER_CONFIRMED' | 'ORDER_CANCELLED' | 'PAYMENT_FAILED' | 'ORDER_NEEDS_ATTENTION', reason?: string, amount?: typeof total) {
    await step('notify-customer', 'forward', () =>
      forward.notifyCustomer(ref, { type, reason, amountMinor: amount?.amountMinor, currency: amount?.currency }),
      () => ({ type }),
    );
  }

  async function compensate(code: string, reason: string, paymentFailed: boolean): Promise<OrderSagaResult> {
    const failed: string[] = [];
    let undidSomething = false;
    // Every compensation is attempted even if an earlier one failed for good: each one undone is
    // one less thing for a person to fix. The order is cancelled last, and only once nothing it
    // holds (stock, money) is left outstanding.
    for (const undo of compensations) {
      if (undo.name === 'cancel-order' && failed.length > 0) continue;
      try {
        const result = await step(undo.name, 'compensation', () => undo.run(undo.name === 'cancel-order' ? `${code}: ${reason}` : reason), (r) =>
          r.noOp ? { noOp: true } : {},
        );
        if (!result.noOp) undidSomething = true;
        if (undo.name === 'cancel-order' && !result.noOp) {
          state.orderStatus = 'CANCELLED';
          upsertSearchAttributes([{ key: OrderStatusKey, value: 'CANCELLED' }]);
        }
      } catch (error) {
        failed.push(`${undo.name}: ${describeFailure(error).message}`);
      }
    }
    if (failed.length > 0) return needsAttention(code, reason, failed);

    // Refused before anything took effect (an unknown sku, a product gone since the gateway looked):
    // nothing to undo and nothing for a person to do.
    if (!undidSomething && code !== SAGA_ERRORS.CANCELLED_BY_CUSTOMER) return finish('REJECTED', code, reason);

    if (paymentFailed) await notify('PAYMENT_FAILED', reason, total).catch(() => undefined);
    await notify('ORDER_CANCELLED', reason, total).catch(() => undefined);
    if (!undidSomething) upsertSearchAttributes([{ key: OrderStatusKey, value: 'CANCELLED' }]);
    return finish('CANCELLED', code, reason);
  }

  async function needsAttention(code: string, reason: string, failed: string[]): Promise<OrderSagaResult> {
    // Visible three ways: the order's status, a search attribute, and an error log line.
    log.error('order needs attention: a compensation failed for good', { orderId, reasonCode: code, reason, failedCompensations: failed });
    upsertSearchAttributes([{ key: OrderStatusKey, value: 'NEEDS_ATTENTION' }]);
    try {
      await step('flag-needs-attention', 'compensation', () =>
        compensation.transitionOrder(ref, 'NEEDS_ATTENTION', `compensation failed: ${failed.join('; ')}`),
      );
      state.orderStatus = 'NEEDS_ATTENTION';
    } catch (error) {
      log.error('could not flag the order in the order service', { orderId, error: describeFailure(error).message });
    }
    await notify('ORDER_NEEDS_ATTENTION', reason, total).catch(() => undefined);
    return finish('NEEDS_ATTENTION', code, `${reason} (compensation failed: ${failed.join('; ')})`);
  }

  function lastFailedStep(): StepName | undefined {
    return [...state.steps].reverse().find((s) => s.status === 'failed')?.name;
  }
}

function now(): string {
  // Date in a workflow is deterministic (replayed from history).
  return new Date().toISOString();
}

function describeFailure(error: unknown): { code: string; message: string; retriesExhausted: boolean } {
  if (error instanceof ActivityFailure) {
    const cause = error.cause;
    const retriesExhausted = error.retryState === 'MAXIMUM_ATTEMPTS_REACHED' || error.retryState === 'TIMEOUT';
    if (cause instanceof ApplicationFailure) {
      return { code: cause.type ?? 'ACTIVITY_FAILED', message: cause.message, retriesExhausted };
    }
    return { code: cause?.name ?? 'ACTIVITY_FAILED', message: cause?.message ?? error.message, retriesExhausted };
  }
  if (error instanceof ApplicationFailure) return { code: error.type ?? 'FAILED', message: error.message, retriesExhausted: false };
  if (error instanceof Error) return { code: error.name, message: error.message, retriesExhausted: false };
  return { code: 'UNKNOWN', message: String(error), retriesExhausted: false };
}
