/**
 * Every retry and timeout of the order saga in one readable place. Workflow-safe (no imports
 * beyond types). The worker resolves its configured overrides (SAGA_POLICY_JSON) against these
 * defaults and hands the result to each saga through the sagaPolicy local activity.
 *
 * Business failures (declined card, insufficient stock, unknown or inactive customer, illegal
 * transition) arrive as non-retryable ApplicationFailures carrying the domain code, so these
 * policies only ever retry transient trouble: timeouts, 5xx, refused connections, open breakers.
 */
import type { Duration, RetryPolicy } from '@temporalio/common';

/** Temporal durations: strings like '2s' or '15 minutes', or milliseconds. */
export type { Duration };

/**
 * How the saga's short forward calls run (ADR 0005). `local`: in the worker that runs the workflow
 * task, recorded as markers when the task completes; no round trip through the server per step.
 * `regular`: each step scheduled on the task queue, its own events in the history. Payment calls
 * and compensations are regular activities in both modes.
 */
export type SagaActivityMode = 'local' | 'regular';
export const SAGA_ACTIVITY_MODES = ['local', 'regular'] as const satisfies readonly SagaActivityMode[];

export interface SagaPolicy {
  /**
   * Local or regular activities for the forward steps. Optional only because sagas recorded
   * before the setting existed have a policy without it: they ran, and replay, as `regular`.
   */
  activityMode?: SagaActivityMode;
  /** Upper bound for one attempt of any activity. */
  activityStartToClose: Duration;
  /** Upper bound for one charge attempt (the slow test card takes a few seconds). */
  paymentStartToClose: Duration;
  /** Forward steps: verify customer, create order, reserve stock, confirm, notify. */
  forwardRetry: RetryPolicy;
  /** Charging the card: the transient test card fails here until it succeeds or attempts run out. */
  paymentRetry: RetryPolicy;
  /**
   * Compensations are retried far longer (they must succeed); when they still fail, the order
   * ends in NEEDS_ATTENTION rather than vanishing.
   */
  compensationRetry: RetryPolicy;
  /** How long the saga waits for an asynchronous payment confirmation (card 4000000000003220). */
  paymentConfirmationTimeout: Duration;
}

export const DEFAULT_SAGA_POLICY: SagaPolicy = {
  activityMode: 'local',
  activityStartToClose: '10 seconds',
  paymentStartToClose: '30 seconds',
  forwardRetry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
  paymentRetry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '20 seconds', maximumAttempts: 5 },
  compensationRetry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 50 },
  paymentConfirmationTimeout: '15 minutes',
};

export type SagaPolicyOverrides = Partial<SagaPolicy>;

export function resolveSagaPolicy(overrides: SagaPolicyOverrides = {}): SagaPolicy {
  return {
    ...DEFAULT_SAGA_POLICY,
    ...overrides,
    forwardRetry: { ...DEFAULT_SAGA_POLICY.forwardRetry, ...overrides.forwardRetry },
    paymentRetry: { ...DEFAULT_SAGA_POLICY.paymentRetry, ...overrides.paymentRetry },
    compensationRetry: { ...DEFAULT_SAGA_POLICY.compensationRetry, ...overrides.compensationRetry },
  };
}
