/**
 * The order saga. Deterministic code only: it imports @temporalio/workflow (+ common) and the
 * *types* of its activities and contracts; every side effect happens in an activity.
 *
 *   (sagaPolicy: the worker's retries and timeouts, recorded once)
 *   verifyCustomer -> createOrder (PENDING) -> reserveStock -> charge
 *     [-> awaitConfirmation -> capture] -> markPaid -> commitStock -> confirmOrder -> notify
 *
 * On failure, `compensate` undoes in reverse what may have taken effect (refund, release stock,
 * cancel order) and tells the customer; a compensation that fails for good flags the order
 * NEEDS_ATTENTION and the saga waits, durably and without a deadline, for an operator's decision
 * (operatorDecisionUpdate): retry the failed compensations, or close the order as resolved by hand.
 * A refusal before anything took effect ends REJECTED.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  type ActivityInterfaceFor,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { OrderSagaActivities } from '../activities/order-saga.activities.js';
import type { SagaPolicyActivities } from '../activities/saga-policy.activities.js';
import type { NotificationType } from '../contexts/notification/contract.js';
import type { OrderStatus } from '../contexts/order/contract.js';
import {
  cancelOrderUpdate,
  confirmPaymentUpdate,
  decisionProblem,
  OPERATOR_REASON_CODES,
  operatorDecisionUpdate,
  progressQuery,
  SAGA_ERRORS,
  type FailedCompensation,
  type OperatorDecision,
  type OrderSagaResult,
  type PlaceOrderInput,
  type SagaOrderStatus,
  type SagaOutcome,
  type SagaProgress,
  type StepName,
  type StepRecord,
} from './order-saga.messages.js';
import type { SagaPolicy } from './order-saga.policy.js';

const OrderStatusKey = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);

/**
 * Sagas started before operators could decide ended in NEEDS_ATTENTION; their histories must still
 * replay. patched() is true for every saga that reaches NEEDS_ATTENTION on this code (it records a
 * marker) and false when an older history without the marker is replayed.
 */
const HUMAN_IN_THE_LOOP = 'human-in-the-loop';
const CustomerIdKey = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);

/**
 * The worker's policy (its SAGA_POLICY_JSON over the defaults). A local activity: it runs in the
 * worker without a task queue round trip, and its result is recorded as a marker, so a replay
 * reads the policy this saga started with whatever the worker is configured with now.
 */
const workerConfig = proxyLocalActivities<SagaPolicyActivities>({ startToCloseTimeout: '5 seconds', retry: { maximumAttempts: 3 } });

/** The workflow Temporal runs: one saga object per order. */
export async function orderSagaWorkflow(input: PlaceOrderInput): Promise<OrderSagaResult> {
  return new OrderSaga(input).run();
}

/** Ends the forward path; carries the code the customer and the UI will see. */
class SagaAborted extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Failure {
  code: string;
  message: string;
  retriesExhausted: boolean;
}

interface Compensation {
  name: StepName;
  /** `noOp` when there was nothing to undo (the forward step never took effect). */
  run: (code: string, reason: string) => Promise<{ attempt: number; noOp?: boolean }>;
}

type Activities = ActivityInterfaceFor<OrderSagaActivities>;

class OrderSaga {
  // Set by applyPolicy() at the start of run(): the policy arrives through an activity, and a
  // constructor cannot wait for one. Nothing reads them before.
  private policy!: SagaPolicy;
  /**
   * Forward steps: short idempotent calls, short timeouts, a few retries. Local or regular
   * activities as the policy's activityMode says (ADR 0005).
   */
  private forward!: Activities;
  /** Charging and capturing: the slow test card needs a longer attempt. */
  private payment!: Activities;
  /** Undoing: retried far longer, because they must succeed. */
  private compensation!: Activities;

  private readonly ref;
  private readonly state: SagaProgress;
  /** Registered before each forward step runs (a step that timed out may still have taken effect); run in reverse. */
  private readonly compensations: Compensation[] = [];
  private cancelRequest: { reason: string } | undefined;
  private paymentConfirmed = false;
  /** The decision accepted by the update and not yet taken up by the saga. */
  private pendingDecision: OperatorDecision | undefined;
  /** Decisions recorded (or refused by the order service) so far: an update waits for its own. */
  private decisionsSettled = 0;

  constructor(private readonly input: PlaceOrderInput) {
    this.ref = { orderId: input.orderId, customerId: input.customerId };
    this.state = {
      orderId: input.orderId,
      customerId: input.customerId,
      orderStatus: 'NEW',
      currentStep: null,
      steps: [],
      outcome: null,
      awaitingPaymentConfirmation: false,
      paymentCaptured: false,
      cancellable: true,
      awaitingDecision: false,
      activityMode: null,
      failedCompensations: [],
      decisions: [],
    };
    // Before the first await: an update or query may arrive while the policy is being read.
    this.registerHandlers();
  }

  async run(): Promise<OrderSagaResult> {
    await this.applyPolicy();
    this.state.activityMode = this.policy.activityMode ?? 'regular';
    upsertSearchAttributes([
      { key: CustomerIdKey, value: this.input.customerId },
      { key: OrderStatusKey, value: 'NEW' },
    ]);

    // Nothing exists yet, so a refusal here needs no compensation.
    try {
      await this.verifyCustomer();
    } catch (error) {
      const failure = describeFailure(error);
      return this.finish('REJECTED', failure.code, failure.message);
    }

    try {
      await this.createOrder();
      await this.reserveStock();
      const charge = await this.charge();
      if (charge.status === 'REQUIRES_CONFIRMATION') {
        await this.awaitConfirmation();
        await this.capture();
      }
      await this.markPaid();
      await this.commitStock();
      await this.confirmOrder();
    } catch (error) {
      return this.compensate(error);
    }

    // The order is confirmed: a notification that cannot be delivered must not undo it.
    await this.notify('ORDER_CONFIRMED').catch(() => undefined);
    return this.finish('CONFIRMED');
  }

  /** Once, first: every step's timeouts and retries come from the policy of the worker that started the saga. */
  private async applyPolicy(): Promise<void> {
    this.policy = await workerConfig.sagaPolicy();
    const forward = { startToCloseTimeout: this.policy.activityStartToClose, retry: this.policy.forwardRetry };
    // A policy recorded before activityMode existed: those sagas ran their steps as regular activities.
    // Local: every retry waits on a workflow timer (localRetryThreshold), not inside the workflow
    // task. A backoff slept inside the task would hold it open, and the customer's cancel, a
    // payment confirmation or the gateway's progress query would wait behind a downstream outage.
    this.forward =
      (this.policy.activityMode ?? 'regular') === 'local'
        ? proxyLocalActivities<OrderSagaActivities>({ ...forward, localRetryThreshold: '1 ms' })
        : proxyActivities<OrderSagaActivities>(forward);
    this.payment = proxyActivities<OrderSagaActivities>({
      startToCloseTimeout: this.policy.paymentStartToClose,
      retry: this.policy.paymentRetry,
    });
    this.compensation = proxyActivities<OrderSagaActivities>({
      startToCloseTimeout: this.policy.activityStartToClose,
      retry: this.policy.compensationRetry,
    });
  }

  // ---- forward steps ----------------------------------------------------------------------

  private async verifyCustomer(): Promise<void> {
    await this.step('verify-customer', 'forward', () => this.forward.verifyCustomer(this.ref));
  }

  private async createOrder(): Promise<void> {
    this.willUndo({ name: 'cancel-order', run: (code, reason) => this.compensation.cancelOrder(this.ref, reason, code) });
    this.abortIfCancelled();
    const order = await this.step(
      'create-order',
      'forward',
      () => this.forward.createOrder(this.ref, this.input.lines),
      (r) => ({ total: r.total }),
    );
    this.state.total = order.total;
    this.recordStatus('PENDING');
  }

  private async reserveStock(): Promise<void> {
    this.abortIfCancelled();
    this.willUndo({ name: 'release-stock', run: () => this.compensation.releaseStock(this.ref) });
    await this.step('reserve-stock', 'forward', () => this.forward.reserveStock(this.ref, this.input.lines));
    await this.setStatus('STOCK_RESERVED', 'stock reserved');
  }

  private async charge(): Promise<{ status: string }> {
    this.abortIfCancelled();
    this.willUndo({ name: 'refund-payment', run: (_code, reason) => this.compensation.refundPayment(this.ref, reason) });
    const total = this.state.total!;
    return this.step(
      'charge-payment',
      'forward',
      () =>
        this.payment.chargePayment(this.ref, {
          amountMinor: total.amountMinor,
          currency: total.currency,
          paymentMethodId: this.input.paymentMethodId,
        }),
      (r) => ({ paymentStatus: r.status, cardLast4: r.cardLast4 }),
    );
  }

  /** A durable timer: it survives worker restarts because it lives in Temporal, not in memory. */
  private async awaitConfirmation(): Promise<void> {
    const total = this.state.total!;
    await this.setStatus('AWAITING_PAYMENT_CONFIRMATION', 'card requires confirmation');
    await this.forward.notifyCustomer(this.ref, {
      type: 'PAYMENT_CONFIRMATION_REQUIRED',
      amountMinor: total.amountMinor,
      currency: total.currency,
    });
    this.state.awaitingPaymentConfirmation = true;
    const waiting: StepRecord = { name: 'await-payment-confirmation', kind: 'forward', status: 'running', startedAt: now() };
    this.state.steps.push(waiting);
    this.state.currentStep = waiting.name;
    const answered = await condition(
      () => this.paymentConfirmed || this.cancelRequest !== undefined,
      this.policy.paymentConfirmationTimeout,
    );
    this.state.awaitingPaymentConfirmation = false;
    waiting.finishedAt = now();
    if (!answered) {
      const message = 'No payment confirmation arrived in time';
      waiting.status = 'failed';
      waiting.error = { code: SAGA_ERRORS.CONFIRMATION_TIMED_OUT, message, retriesExhausted: false };
      throw new SagaAborted(SAGA_ERRORS.CONFIRMATION_TIMED_OUT, message);
    }
    waiting.status = this.paymentConfirmed ? 'completed' : 'failed';
  }

  private async capture(): Promise<void> {
    this.abortIfCancelled();
    await this.step('capture-payment', 'forward', () => this.payment.capturePayment(this.ref));
  }

  /** From here on the money is taken: the customer can no longer cancel. */
  private async markPaid(): Promise<void> {
    this.abortIfCancelled();
    this.state.paymentCaptured = true;
    this.state.cancellable = false;
    await this.setStatus('PAID', 'payment captured');
  }

  private async commitStock(): Promise<void> {
    await this.step('commit-stock', 'forward', () => this.forward.commitStock(this.ref));
  }

  private async confirmOrder(): Promise<void> {
    await this.step('confirm-order', 'forward', () => this.forward.transitionOrder(this.ref, 'CONFIRMED', 'order confirmed'));
    this.recordStatus('CONFIRMED');
  }

  private async notify(type: NotificationType, reason?: string): Promise<void> {
    const amount = this.state.total;
    await this.step(
      'notify-customer',
      'forward',
      () => this.forward.notifyCustomer(this.ref, { type, reason, amountMinor: amount?.amountMinor, currency: amount?.currency }),
      () => ({ type }),
    );
  }

  // ---- compensation -----------------------------------------------------------------------

  private async compensate(error: unknown): Promise<OrderSagaResult> {
    const { code, message: reason } = error instanceof SagaAborted ? { code: error.code, message: error.message } : describeFailure(error);
    log.warn('order saga compensating', { orderId: this.input.orderId, reasonCode: code, reason });
    this.state.cancellable = false;
    // Whatever stopped the payment step (a decline, retries exhausted, an open breaker) is a
    // payment failure for the shopper; decided before compensations add steps of their own.
    const failedStep = this.lastFailedStep();
    const paymentFailed = code.startsWith('PAYMENT.') || failedStep === 'charge-payment' || failedStep === 'capture-payment';

    const { outstanding, undidSomething } = await this.undo(this.compensations, code, reason);
    if (outstanding.length > 0) return this.needsAttention(code, reason, paymentFailed, outstanding);

    // Refused before anything took effect (an unknown sku, a product gone since the gateway looked):
    // nothing to undo and nothing for a person to do.
    if (!undidSomething && code !== SAGA_ERRORS.CANCELLED_BY_CUSTOMER) return this.finish('REJECTED', code, reason);
    return this.cancelled(code, reason, paymentFailed, undidSomething);
  }

  /**
   * Runs compensations in order. Every one is attempted even if an earlier one failed for good:
   * each one undone is one less thing for a person to fix. The order is cancelled last, and only
   * once nothing it holds (stock, money) is left outstanding.
   * @returns what is still to undo: each failed compensation with its error, and a skipped cancel.
   */
  private async undo(
    compensations: readonly Compensation[],
    code: string,
    reason: string,
  ): Promise<{ outstanding: Outstanding[]; undidSomething: boolean }> {
    const outstanding: Outstanding[] = [];
    let undidSomething = false;
    for (const undo of compensations) {
      if (undo.name === 'cancel-order' && outstanding.length > 0) {
        outstanding.push({ compensation: undo, skipped: true });
        continue;
      }
      try {
        const result = await this.step(
          undo.name,
          'compensation',
          () => undo.run(code, reason),
          (r) => (r.noOp ? { noOp: true } : {}),
        );
        if (!result.noOp) undidSomething = true;
        if (undo.name === 'cancel-order' && !result.noOp) {
          this.recordStatus('CANCELLED');
        }
      } catch (undoError) {
        outstanding.push({ compensation: undo, error: describeFailure(undoError) });
      }
    }
    return { outstanding, undidSomething };
  }

  /** Everything is undone: the customer is told, the saga ends CANCELLED. */
  private async cancelled(code: string, reason: string, paymentFailed: boolean, undidSomething: boolean): Promise<OrderSagaResult> {
    if (paymentFailed) await this.notify('PAYMENT_FAILED', reason).catch(() => undefined);
    await this.notify('ORDER_CANCELLED', reason).catch(() => undefined);
    if (!undidSomething) upsertSearchAttributes([{ key: OrderStatusKey, value: 'CANCELLED' }]);
    return this.finish('CANCELLED', code, reason);
  }

  /**
   * A compensation failed for good. Visible three ways (the order's status, a search attribute, an
   * error log line); then the saga waits, with no deadline, for an operator's decision, and acts
   * on it: retry what is outstanding (ends CANCELLED, or back here), or close CANCELLED_MANUALLY.
   */
  private async needsAttention(code: string, reason: string, paymentFailed: boolean, outstanding: Outstanding[]): Promise<OrderSagaResult> {
    await this.flagNeedsAttention(code, reason, outstanding);
    await this.notify('ORDER_NEEDS_ATTENTION', reason).catch(() => undefined);
    if (!patched(HUMAN_IN_THE_LOOP)) {
      // Replaying a saga that ended here before operators could decide.
      return this.finish('NEEDS_ATTENTION', code, `${reason} (compensation failed: ${describeOutstanding(outstanding)})`);
    }

    for (;;) {
      const decision = await this.awaitDecision(outstanding);
      if (decision.action === 'resolve-manually') {
        if (!(await this.recordDecision(decision, 'CANCELLED_MANUALLY'))) continue;
        return this.finishAfterHandlers('CANCELLED_MANUALLY', code, reason);
      }
      if (!(await this.recordDecision(decision, 'RETRYING_COMPENSATIONS'))) continue;
      const retried = await this.undo(
        outstanding.map((o) => o.compensation),
        code,
        reason,
      );
      if (retried.outstanding.length === 0) {
        if (this.state.orderStatus !== 'CANCELLED') this.recordStatus('CANCELLED');
        await condition(allHandlersFinished);
        return this.cancelled(code, reason, paymentFailed, true);
      }
      outstanding = retried.outstanding;
      await this.flagNeedsAttention(code, reason, outstanding);
    }
  }

  private async flagNeedsAttention(code: string, reason: string, outstanding: Outstanding[]): Promise<void> {
    const failed = describeOutstanding(outstanding);
    log.error('order needs attention: a compensation failed for good', {
      orderId: this.input.orderId,
      reasonCode: code,
      reason,
      failedCompensations: failed,
    });
    upsertSearchAttributes([{ key: OrderStatusKey, value: 'NEEDS_ATTENTION' }]);
    try {
      await this.step('flag-needs-attention', 'compensation', () =>
        this.compensation.transitionOrder(this.ref, 'NEEDS_ATTENTION', `compensation failed: ${failed}`, code),
      );
      this.state.orderStatus = 'NEEDS_ATTENTION';
    } catch (error) {
      log.error('could not flag the order in the order service', { orderId: this.input.orderId, error: describeFailure(error).message });
    }
  }

  /** Durable: the wait lives in Temporal's history, so days and worker restarts are fine. */
  private async awaitDecision(outstanding: Outstanding[]): Promise<OperatorDecision> {
    this.state.currentStep = null;
    this.state.failedCompensations = outstanding.map(({ compensation, error, skipped }): FailedCompensation => ({
      name: compensation.name,
      ...(error ? { error: { code: error.code, message: error.message } } : {}),
      ...(skipped ? { skipped } : {}),
    }));
    this.state.awaitingDecision = true;
    await condition(() => this.pendingDecision !== undefined);
    const decision = this.pendingDecision!;
    this.pendingDecision = undefined;
    this.state.awaitingDecision = false;
    return decision;
  }

  /**
   * Writes the decision into the order's history (actor `operator:<name>`, the operator's reason,
   * an OPERATOR.* reason code) and the saga's steps. A decision the order service cannot record is
   * not acted on: the saga waits again, and the failed step shows why.
   */
  private async recordDecision(decision: OperatorDecision, to: 'RETRYING_COMPENSATIONS' | 'CANCELLED_MANUALLY'): Promise<boolean> {
    const at = now();
    this.state.decisions.push({ ...decision, at });
    try {
      if (this.state.orderStatus !== 'NEEDS_ATTENTION') {
        // The flag itself failed earlier (order service down then): the order must be flagged before it can move on.
        await this.compensation.transitionOrder(this.ref, 'NEEDS_ATTENTION', 'flagged before an operator decision', undefined);
        this.recordStatus('NEEDS_ATTENTION');
      }
      await this.step(
        'operator-decision',
        'compensation',
        () =>
          this.compensation.transitionOrder(
            this.ref,
            to,
            decision.reason,
            OPERATOR_REASON_CODES[decision.action],
            `operator:${decision.operator}`,
          ),
        () => ({ action: decision.action, operator: decision.operator, reason: decision.reason }),
      );
      this.recordStatus(to);
      return true;
    } catch (error) {
      log.error('could not record an operator decision', { orderId: this.input.orderId, error: describeFailure(error).message });
      return false;
    } finally {
      this.decisionsSettled++;
    }
  }

  // ---- bookkeeping ------------------------------------------------------------------------

  /** Runs one activity as a named step of the saga's history (what the UI and the query show). */
  private async step<T extends { attempt: number }>(
    name: StepName,
    kind: StepRecord['kind'],
    run: () => Promise<T>,
    detail?: (result: T) => Record<string, unknown>,
  ): Promise<T> {
    const record: StepRecord = { name, kind, status: 'running', startedAt: now() };
    this.state.steps.push(record);
    this.state.currentStep = name;
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

  private willUndo(compensation: Compensation): void {
    this.compensations.unshift(compensation);
  }

  /** The saga's own view of the order's status: its progress query and the OrderStatus search attribute. */
  private recordStatus(to: SagaOrderStatus): void {
    this.state.orderStatus = to;
    upsertSearchAttributes([{ key: OrderStatusKey, value: to }]);
  }

  private async setStatus(to: OrderStatus, reason: string): Promise<void> {
    await this.forward.transitionOrder(this.ref, to, reason);
    this.recordStatus(to);
  }

  private abortIfCancelled(): void {
    if (this.cancelRequest) throw new SagaAborted(SAGA_ERRORS.CANCELLED_BY_CUSTOMER, this.cancelRequest.reason);
  }

  /** An update handler still waiting for its decision to be recorded must answer before the saga ends. */
  private async finishAfterHandlers(outcome: SagaOutcome, reasonCode?: string, reason?: string): Promise<OrderSagaResult> {
    await condition(allHandlersFinished);
    return this.finish(outcome, reasonCode, reason);
  }

  private finish(outcome: SagaOutcome, reasonCode?: string, reason?: string): OrderSagaResult {
    const state = this.state;
    state.outcome = outcome;
    state.currentStep = null;
    state.cancellable = false;
    state.awaitingPaymentConfirmation = false;
    state.awaitingDecision = false;
    state.failedCompensations = [];
    state.reasonCode = reasonCode;
    state.reason = reason;
    if (outcome === 'REJECTED') upsertSearchAttributes([{ key: OrderStatusKey, value: 'REJECTED' satisfies SagaOrderStatus }]);
    return { orderId: this.input.orderId, outcome, reasonCode, reason };
  }

  private lastFailedStep(): StepName | undefined {
    return [...this.state.steps].reverse().find((s) => s.status === 'failed')?.name;
  }

  private registerHandlers(): void {
    const state = this.state;
    setHandler(progressQuery, () => state);

    setHandler(
      cancelOrderUpdate,
      (request) => {
        this.cancelRequest = { reason: request.reason?.trim() || 'cancelled by customer' };
        return state;
      },
      {
        validator: (_request) => {
          if (!state.cancellable || state.paymentCaptured || state.outcome !== null || this.cancelRequest) {
            throw ApplicationFailure.nonRetryable(
              'The order can no longer be cancelled: its payment was captured or it has ended',
              SAGA_ERRORS.CANCEL_TOO_LATE,
            );
          }
        },
      },
    );

    setHandler(
      operatorDecisionUpdate,
      async (decision) => {
        this.pendingDecision = decision;
        // Settled = recorded in the order's history (or refused by the order service): see the update's JSDoc.
        const ticket = this.decisionsSettled + 1;
        await condition(() => this.decisionsSettled >= ticket);
        return state;
      },
      {
        validator: (decision) => {
          if (!state.awaitingDecision || this.pendingDecision) {
            throw ApplicationFailure.nonRetryable('This order is not waiting for an operator decision', SAGA_ERRORS.NOT_AWAITING_DECISION);
          }
          const problem = decisionProblem(decision);
          if (problem) throw ApplicationFailure.nonRetryable(`Invalid decision: ${problem}`, SAGA_ERRORS.INVALID_DECISION);
        },
      },
    );

    setHandler(
      confirmPaymentUpdate,
      () => {
        this.paymentConfirmed = true;
        return state;
      },
      {
        validator: () => {
          if (!state.awaitingPaymentConfirmation || this.paymentConfirmed) {
            throw ApplicationFailure.nonRetryable(
              'This order is not waiting for a payment confirmation',
              SAGA_ERRORS.NOT_AWAITING_CONFIRMATION,
            );
          }
        },
      },
    );
  }
}

/** A compensation still to do after a round of undoing: it failed (with its error), or was skipped. */
interface Outstanding {
  compensation: Compensation;
  error?: Failure;
  skipped?: boolean;
}

function describeOutstanding(outstanding: Outstanding[]): string {
  return outstanding
    .filter((o) => o.error)
    .map((o) => `${o.compensation.name}: ${o.error!.message}`)
    .join('; ');
}

function now(): string {
  // Date in a workflow is deterministic (replayed from history).
  return new Date().toISOString();
}

function describeFailure(error: unknown): Failure {
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
