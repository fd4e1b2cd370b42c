/**
 * Every step name of the order saga, as its step history, the live push events and the storefront's
 * timeline spell them. The one list: the workflow's StepName and the realtime contract's
 * SagaStepName derive from it, and a test keeps the storefront's labels in step with it.
 */
export const SAGA_STEP_NAMES = [
  'verify-customer',
  'create-order',
  'reserve-stock',
  'charge-payment',
  'await-payment-confirmation',
  'capture-payment',
  'commit-stock',
  'confirm-order',
  /** A status write between steps (STOCK_RESERVED, PAID, ...): pushed live, not a step of its own in the history. */
  'update-order-status',
  'notify-customer',
  'refund-payment',
  'release-stock',
  'cancel-order',
  'flag-needs-attention',
  /** An operator's decision on an order that needs attention, recorded in the order's history. */
  'operator-decision',
] as const;

export type SagaStepName = (typeof SAGA_STEP_NAMES)[number];
