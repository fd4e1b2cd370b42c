/** Builders for the storefront timeline tests: push events, saga step records and order views of one order. */
import type { OrderProgressEvent, OrderView, SagaStep } from '../../../web/src/lib/api-types.js';
import { buildTimeline, type TimelineState } from '../../../web/src/lib/timeline/index.js';

export const ORDER = '0b6f3c1e-5d8a-4e2b-9c7f-1a2b3c4d5e6f';
export const CUSTOMER = '6f1c9a4e-2b7d-4c1e-9f3a-1d2e3f4a5b6c';
const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const COMPENSATIONS = ['refund-payment', 'release-stock', 'cancel-order', 'flag-needs-attention'];

/** Time `ms` after the start of the saga. */
export const at = (ms: number) => new Date(T0 + ms).toISOString();

export function event(
  step: OrderProgressEvent['step'],
  status: OrderProgressEvent['status'],
  ms: number,
  extra: Partial<OrderProgressEvent> = {},
): OrderProgressEvent {
  const kind = COMPENSATIONS.includes(step) ? 'compensation' : 'forward';
  return { orderId: ORDER, customerId: CUSTOMER, step, kind, status, attempt: 1, at: at(ms), ...extra };
}

/** started + completed events of one step. */
export function ran(step: string, from: number, to: number, extra: Partial<OrderProgressEvent> = {}): OrderProgressEvent[] {
  return [event(step, 'started', from), event(step, 'completed', to, extra)];
}

export function sagaStep(name: string, from: number, to: number | null, extra: Partial<SagaStep> = {}): SagaStep {
  return {
    name,
    kind: COMPENSATIONS.includes(name) ? 'compensation' : 'forward',
    status: to === null ? 'running' : 'completed',
    startedAt: at(from),
    finishedAt: to === null ? undefined : at(to),
    attempts: to === null ? undefined : 1,
    ...extra,
  };
}

/** An order view; `history` ([status, ms] pairs) makes the order exist (without it, `order` is null). */
export function view(
  status: OrderView['status'],
  steps: SagaStep[],
  extra: Partial<NonNullable<OrderView['saga']>> = {},
  history: [string, number][] = [],
): OrderView {
  return {
    id: ORDER,
    status,
    order:
      history.length === 0
        ? null
        : {
            id: ORDER,
            customerId: CUSTOMER,
            status,
            lines: [
              {
                sku: 'TEE-SAGA-BLK',
                name: 'Tee',
                unitPrice: { amountMinor: 2500, currency: 'EUR' },
                quantity: 1,
                lineTotal: { amountMinor: 2500, currency: 'EUR' },
              },
            ],
            total: { amountMinor: 2500, currency: 'EUR' },
            history: history.map(([to, ms], i) => ({
              from: i === 0 ? null : history[i - 1][0],
              to,
              at: at(ms),
              by: 'saga',
              reason: '',
              reasonCode: null,
            })),
            createdAt: at(history[0][1]),
            updatedAt: at(history[history.length - 1][1]),
            version: history.length,
          },
    saga: {
      currentStep: null,
      outcome: null,
      reasonCode: null,
      reason: null,
      awaitingPaymentConfirmation: false,
      paymentCaptured: false,
      cancellable: true,
      steps,
      ...extra,
    },
  };
}

/** The events of an order that went all the way through, paid at once. */
export const HAPPY_EVENTS: OrderProgressEvent[] = [
  ...ran('verify-customer', 10, 20),
  ...ran('create-order', 30, 40, { orderStatus: 'PENDING' }),
  ...ran('reserve-stock', 50, 60),
  ...ran('update-order-status', 61, 65, { orderStatus: 'STOCK_RESERVED' }),
  // Push details are the activity's result as is: the payment's status is `status`.
  ...ran('charge-payment', 70, 90, { detail: { status: 'CAPTURED', cardLast4: '4242' } }),
  ...ran('update-order-status', 91, 95, { orderStatus: 'PAID' }),
  ...ran('commit-stock', 100, 110),
  ...ran('confirm-order', 120, 130, { orderStatus: 'CONFIRMED' }),
  ...ran('notify-customer', 140, 150, { detail: { type: 'ORDER_CONFIRMED' } }),
];

/** The view of the same order, fetched after it ended. */
export const HAPPY_VIEW = view(
  'CONFIRMED',
  [
    sagaStep('verify-customer', 5, 25),
    sagaStep('create-order', 26, 45, { detail: { total: { amountMinor: 2500, currency: 'EUR' } } }),
    sagaStep('reserve-stock', 46, 62),
    sagaStep('charge-payment', 66, 92, { detail: { paymentStatus: 'CAPTURED', cardLast4: '4242' } }),
    sagaStep('commit-stock', 96, 112),
    sagaStep('confirm-order', 115, 132),
    sagaStep('notify-customer', 135, 152, { detail: { type: 'ORDER_CONFIRMED' } }),
  ],
  { outcome: 'CONFIRMED', paymentCaptured: true, cancellable: false },
  [
    ['PENDING', 40],
    ['STOCK_RESERVED', 63],
    ['PAID', 93],
    ['CONFIRMED', 131],
  ],
);

export function labels(state: TimelineState): string[] {
  return buildTimeline(state).entries.map((entry) => entry.label);
}
