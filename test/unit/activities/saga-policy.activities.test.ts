import assert from 'node:assert/strict';
import { createSagaPolicyActivities } from '../../../src/activities/saga-policy.activities.js';
import { DEFAULT_SAGA_POLICY } from '../../../src/workflows/order-saga.policy.js';

describe('sagaPolicy activity (the worker hands each saga its configured retries and timeouts)', () => {
  it('without overrides: the production defaults', async () => {
    assert.deepEqual(await createSagaPolicyActivities(undefined).sagaPolicy(), DEFAULT_SAGA_POLICY);
  });

  it('overrides win field by field, retry policies merged into the defaults', async () => {
    const policy = await createSagaPolicyActivities({
      paymentConfirmationTimeout: '4 seconds',
      paymentRetry: { maximumAttempts: 2 },
    }).sagaPolicy();
    assert.equal(policy.paymentConfirmationTimeout, '4 seconds');
    assert.deepEqual(policy.paymentRetry, { ...DEFAULT_SAGA_POLICY.paymentRetry, maximumAttempts: 2 });
    assert.deepEqual(policy.forwardRetry, DEFAULT_SAGA_POLICY.forwardRetry);
    assert.equal(policy.activityStartToClose, DEFAULT_SAGA_POLICY.activityStartToClose);
  });
});
