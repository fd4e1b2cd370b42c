/**
 * The saga's public vocabulary: input, result, query and updates. Imported by the workflow and
 * by its clients (gateway, tests); defining messages is safe outside a workflow.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { OrderStatus } from '../contexts/order/contract.js';
import type { SagaStepName } from '../shared/kernel/saga-steps.js';

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

export type SagaOutcome = 'CONFIRMED' | 'CANCELLED' | 'NEEDS_ATTENTION' | 'REJECTED';

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
  total?: { amountMinor: number; currency: string };
}

export interface CancelOrderRequest {
  reason?: string;
}

export const progressQuery = defineQuery<SagaProgress>('progress');
export const cancelOrderUpdate = defineUpdate<SagaProgress, [CancelOrderRequest]>('cancelOrder');
export const confirmPaymentUpdate = defineUpdate<SagaProgress, []>('confirmPayment');

/** ApplicationFailure types used by update validators; the gateway maps them to 409. */
export const SAGA_ERRORS = {
  CANCEL_TOO_LATE: 'ORDER.CANCEL_TOO_LATE',
  NOT_AWAITING_CONFIRMATION: 'PAYMENT.NOT_AWAITING_CONFIRMATION',
  CONFIRMATION_TIMED_OUT: 'PAYMENT.CONFIRMATION_TIMED_OUT',
  CANCELLED_BY_CUSTOMER: 'ORDER.CANCELLED_BY_CUSTOMER',
} as const;
