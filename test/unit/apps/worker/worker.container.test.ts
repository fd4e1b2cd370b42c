import assert from 'node:assert/strict';
import { loadWorkerConfig } from '../../../../src/apps/worker/worker.config.js';
import { composeWorker, WORKER_TOKENS, type WorkerActivities } from '../../../../src/apps/worker/worker.container.js';
import { createLogger } from '../../../../src/shared/infrastructure/logger.js';
import { DEFAULT_SAGA_POLICY } from '../../../../src/workflows/order-saga.policy.js';

describe('worker container', () => {
  const logger = createLogger('test', 'silent');

  it("registers the saga's steps and the sagaPolicy local activity, which answers the worker's SAGA_POLICY_JSON", async () => {
    const config = loadWorkerConfig({ SAGA_POLICY_JSON: JSON.stringify({ paymentConfirmationTimeout: '4 seconds' }) });
    const activities = composeWorker(config, logger).get<WorkerActivities>(WORKER_TOKENS.Activities);
    for (const name of [
      'verifyCustomer',
      'createOrder',
      'reserveStock',
      'chargePayment',
      'cancelOrder',
      'notifyCustomer',
      'sagaPolicy',
    ] as const) {
      assert.equal(typeof activities[name], 'function', name);
    }
    assert.deepEqual(await activities.sagaPolicy(), { ...DEFAULT_SAGA_POLICY, paymentConfirmationTimeout: '4 seconds' });
  });

  it('builds the activities once (one set of breakers per worker)', () => {
    const container = composeWorker(loadWorkerConfig({}), logger);
    assert.equal(container.get(WORKER_TOKENS.Activities), container.get(WORKER_TOKENS.Activities));
  });
});
