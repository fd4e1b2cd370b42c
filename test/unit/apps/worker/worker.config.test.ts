import assert from 'node:assert/strict';
import { loadGatewayConfig } from '../../../../src/apps/gateway/gateway.config.js';
import { loadWorkerConfig } from '../../../../src/apps/worker/worker.config.js';
import { ConfigError } from '../../../../src/shared/infrastructure/config.js';

describe('worker config: SAGA_POLICY_JSON', () => {
  it('unset: no overrides (the saga runs on the production defaults)', () => {
    assert.equal(loadWorkerConfig({}).SAGA_POLICY_JSON, undefined);
    assert.equal(loadWorkerConfig({ SAGA_POLICY_JSON: '' }).SAGA_POLICY_JSON, undefined);
  });

  it('parses the overrides', () => {
    const overrides = {
      paymentConfirmationTimeout: '4 seconds',
      forwardRetry: { initialInterval: '50 ms', maximumAttempts: 20 },
      activityStartToClose: 5000,
    };
    assert.deepEqual(loadWorkerConfig({ SAGA_POLICY_JSON: JSON.stringify(overrides) }).SAGA_POLICY_JSON, overrides);
  });

  for (const [what, value] of [
    ['not JSON', '{forwardRetry:'],
    ['an unknown field', JSON.stringify({ paymentTimeout: '4 seconds' })],
    ['an unknown retry field', JSON.stringify({ forwardRetry: { attempts: 3 } })],
    ['a duration Temporal cannot parse', JSON.stringify({ paymentConfirmationTimeout: '4 sekonds' })],
    ['a duration of zero', JSON.stringify({ forwardRetry: { initialInterval: 0 } })],
    ['a backoff below 1', JSON.stringify({ paymentRetry: { backoffCoefficient: 0.5 } })],
  ]) {
    it(`refuses ${what}, naming the variable`, () => {
      assert.throws(
        () => loadWorkerConfig({ SAGA_POLICY_JSON: value }),
        (error: Error) => error instanceof ConfigError && /^\s+SAGA_POLICY_JSON\b/m.test(error.message),
      );
    });
  }

  it("is no longer the gateway's: whoever starts a saga does not choose its policy", () => {
    const config = loadGatewayConfig({ SAGA_POLICY_JSON: JSON.stringify({ paymentConfirmationTimeout: '1 second' }) });
    assert.ok(!('SAGA_POLICY_JSON' in config));
  });
});
