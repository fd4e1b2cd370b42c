/**
 * The saga's public vocabulary: input, result, query and updates. Imported by the workflow and
 * by its clients (gateway, tests); defining messages is safe outside a workflow.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { OrderStatus } from '../contexts/order/contract.js';
import type { SagaStepName } from '../shared/kernel/saga-steps.js';
import type { SagaActivityMode } from './order-saga.policy.js';

export const ORDER_TASK_QUEUE = 'orders';

export function orderWorkflowId(orderId: string): string {
  return `order-${orderId}`;
}

export interface PlaceOrderInput {
  orderId: string;
  customerId: string;
  lines: { sku: string; quantity: number }[];
  /**
   * The payment context's opaque payment-method token (the gateway tokenizes the card before it
   * starts the saga): no card number is ever part of a workflow history.
   */
  paymentMethodId: string;
  // No retry or timeout policy here: whoever starts a saga must not be able to loosen it. The
  // worker's configuration decides (SAGA_POLICY_JSON, read by the sagaPolicy local activity).
}

/**
 * How a saga ended. NEEDS_ATTENTION is the outcome of sagas that ended before operators could
 * decide (started on older code); today a saga that needs attention waits for a decision and
 * ends CANCELLED (compensations retried with success) or CANCELLED_MANUALLY.
 */
export const SAGA_OUTCOMES = ['CONFIRMED', 'CANCELLED', 'CANCELLED_MANUALLY', 'NEEDS_ATTENTION', 'REJECTED'] as const;
export type SagaOutcome = (typeof SAGA_OUTCOMES)[number];

export interface OrderSagaResult {
  orderId: string;
  outcome: SagaOutcome;
  /** Domain code of what ended the saga early (e.g. PAYMENT.CARD_DECLINED). */
  reasonCode?: string;
  reason?: string;
}

/** A step of the saga's own history: every saga step name but the live-only status write. */
export type StepName = Exclude<SagaStepName, 'update-order-status'>;

export interface StepRecord {
  name: StepName;
  /** An operator's decision (`operator-decision`) is part of undoing the order: kind compensation. */
  kind: 'forward' | 'compensation';
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt?: string;
  /** Attempts the activity took (1 = first try). */
  attempts?: number;
  error?: { code: string; message: string; retriesExhausted: boolean };
  /** Extra facts worth showing (payment status, amount). */
  detail?: Record<string, unknown>;
}

/** The order's status as the saga last wrote it; NEW before the order exists, REJECTED if it never will. */
export type SagaOrderStatus = OrderStatus | 'NEW' | 'REJECTED';

export interface SagaProgress {
  orderId: string;
  customerId: string;
  /** Status as the saga last wrote it to the order service. */
  orderStatus: SagaOrderStatus;
  currentStep: StepName | null;
  steps: StepRecord[];
  outcome: SagaOutcome | null;
  reasonCode?: string;
  reason?: string;
  awaitingPaymentConfirmation: boolean;
  paymentCaptured: boolean;
  cancellable: boolean;
  /**
   * True only while the saga waits for an operator's decision (operatorDecisionUpdate): the
   * operator console shows its buttons then, and the update's validator refuses otherwise.
   */
  awaitingDecision: boolean;
  /** How this saga runs its forward steps (the worker's SAGA_ACTIVITY_MODE when it started); null until read. */
  activityMode: SagaActivityMode | null;
  /** The compensations still outstanding, with their last error, while a decision is awaited ([] otherwise). */
  failedCompensations: FailedCompensation[];
  /** Every operator decision so far, oldest first (also in `steps` as `operator-decision`, and in the order's history). */
  decisions: RecordedDecision[];
  total?: { amountMinor: number; currency: string };
}

export interface FailedCompensation {
  name: StepName;
  /** The last error code and message (the compensation's retries are exhausted); absent for a step never attempted. */
  error?: { code: string; message: string };
  /** True for a step that did not run because an earlier one failed (cancel-order waits until nothing is outstanding). */
  skipped?: boolean;
}

export type RecordedDecision = OperatorDecision & { at: string };

export interface CancelOrderRequest {
  reason?: string;
}

export const progressQuery = defineQuery<SagaProgress>('progress');
export const cancelOrderUpdate = defineUpdate<SagaProgress, [CancelOrderRequest]>('cancelOrder');
export const confirmPaymentUpdate = defineUpdate<SagaProgress, []>('confirmPayment');

/** An operator's answer to a saga that needs attention (a compensation failed for good). */
export type OperatorDecision =
  { action: 'retry-compensations'; operator: string; reason: string } | { action: 'resolve-manually'; operator: string; reason: string };

/**
 * Decides what happens to a saga waiting in NEEDS_ATTENTION (progress.awaitingDecision).
 * - `retry-compensations`: the failed compensations run again (compensation retry policy); all
 *   succeed: the saga ends CANCELLED; one fails again: back to NEEDS_ATTENTION, waiting again.
 * - `resolve-manually`: the operator settled it by hand; the saga ends CANCELLED_MANUALLY.
 *
 * Returns the progress once the decision is *recorded* (in the order's history, with the operator
 * and reason, and in the saga's steps), not once it is fully applied: a retry may take as long as
 * the compensation retry policy allows (minutes), longer than a client should hold a request open.
 * For resolve-manually, recorded is applied: the saga ends right after. Follow the retry with
 * progressQuery. If the order service cannot record it, the saga stays waiting (a failed
 * `operator-decision` step says why) and the update still returns the progress.
 *
 * Refused by its validator (nothing recorded) with a non-retryable ApplicationFailure whose type is
 * SAGA_ERRORS.NOT_AWAITING_DECISION (gateway: 409) or SAGA_ERRORS.INVALID_DECISION (gateway: 422).
 */
export const operatorDecisionUpdate = defineUpdate<SagaProgress, [OperatorDecision]>('operatorDecision');

/**
 * The order history's reason code of each decision: ORDER_REASON_CODES of the order contract,
 * repeated here because the workflow may import only types from a context (the contract pulls in
 * zod); a test compares the two.
 */
export const OPERATOR_REASON_CODES = {
  'retry-compensations': 'OPERATOR.RETRY',
  'resolve-manually': 'OPERATOR.RESOLVED_MANUALLY',
} as const satisfies Record<OperatorDecision['action'], string>;

/**
 * Bounds of a decision. The operator becomes the order history's actor `operator:<operator>`, which
 * the order contract bounds to 50 characters of [\w.:@-]; the reason, to 500 characters.
 */
export const OPERATOR_PATTERN = /^[\w.:@-]{1,41}$/;
export const MAX_DECISION_REASON_LENGTH = 500;

/** ApplicationFailure types used by update validators; the gateway maps them to 409 (422 for INVALID_DECISION). */
export const SAGA_ERRORS = {
  CANCEL_TOO_LATE: 'ORDER.CANCEL_TOO_LATE',
  NOT_AWAITING_CONFIRMATION: 'PAYMENT.NOT_AWAITING_CONFIRMATION',
  CONFIRMATION_TIMED_OUT: 'PAYMENT.CONFIRMATION_TIMED_OUT',
  CANCELLED_BY_CUSTOMER: 'ORDER.CANCELLED_BY_CUSTOMER',
  /** operatorDecision while the saga is not waiting for one (or one is already being applied). */
  NOT_AWAITING_DECISION: 'SAGA.NOT_AWAITING_DECISION',
  /** operatorDecision with an unknown action, or an operator or reason that is empty or too long. */
  INVALID_DECISION: 'SAGA.INVALID_DECISION',
} as const;

/**
 * Checks a decision's shape (it arrives from outside, untyped at run time); returns why it is
 * malformed, or undefined. Shared by the workflow's validator and the gateway, so both refuse alike.
 */
export function decisionProblem(decision: unknown): string | undefined {
  const d = decision as Partial<OperatorDecision> | null | undefined;
  if (typeof d !== 'object' || d === null) return 'a decision is an object { action, operator, reason }';
  if (d.action !== 'retry-compensations' && d.action !== 'resolve-manually')
    return 'action must be retry-compensations or resolve-manually';
  if (typeof d.operator !== 'string' || !OPERATOR_PATTERN.test(d.operator)) return 'operator must be 1-41 letters, digits or . : @ _ -';
  if (typeof d.reason !== 'string' || d.reason.trim().length === 0 || d.reason.length > MAX_DECISION_REASON_LENGTH)
    return `reason must be 1-${MAX_DECISION_REASON_LENGTH} characters`;
  // Postgres text cannot hold NUL (the order contract refuses it too).
  if (d.reason.includes('\u0000')) return 'reason must not contain NUL characters';
  return undefined;
}
