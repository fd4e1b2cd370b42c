/**
 * The saga's retries and timeouts as this worker is configured (SAGA_POLICY_JSON), handed to each
 * saga through a local activity it calls once, first. Why an activity and not a constant the
 * workflow imports: the worker's env is not workflow state. A local activity's result is recorded
 * in the history as a marker, so a replay reads the policy the saga started with, and a config
 * change reaches only sagas started after it. Why not the workflow input: whoever starts a saga
 * (the gateway, anyone with a Temporal client) must not be able to loosen a production order's
 * retries or stretch its confirmation timer.
 */
import { resolveSagaPolicy, type SagaPolicy, type SagaPolicyOverrides } from '../workflows/order-saga.policy.js';

export function createSagaPolicyActivities(overrides: SagaPolicyOverrides | undefined) {
  // Resolved once: every saga this worker starts gets the same policy.
  const policy = resolveSagaPolicy(overrides);
  return {
    /** The complete policy (defaults merged in), so the history shows exactly what the saga ran with. */
    sagaPolicy(): Promise<SagaPolicy> {
      return Promise.resolve(policy);
    },
  };
}

export type SagaPolicyActivities = ReturnType<typeof createSagaPolicyActivities>;
