import assert from 'node:assert/strict';
import { pino } from 'pino';
import { CircuitBreakers } from '../../../src/activities/adapters/circuit-breaker.js';
import { withStepMetrics } from '../../../src/activities/saga-metrics.js';
import { RemoteServiceUnavailable } from '../../../src/shared/infrastructure/http/json-client.js';
import { renderMetrics } from '../../../src/shared/infrastructure/observability/metrics.js';
import type { OrderProgressEvent } from '../../../src/shared/infrastructure/realtime/realtime.contract.js';
import { eventually } from '../../support/system.js';
import { parsePrometheusText, sum } from './prometheus-text.js';

const read = async (name: string, labels: Record<string, string>) => sum(parsePrometheusText(await renderMetrics()), name, labels);

/** The worker's metrics that a happy order does not move: breaker transitions, failures, compensations. */
describe('observability: breaker and step metrics', () => {
  it('a breaker that opens, half-opens and closes shows each state and counts each transition', async () => {
    const service = `svc-${Date.now()}`;
    const breakers = new CircuitBreakers({ consecutiveFailures: 2, halfOpenAfterMs: 50 }, pino({ level: 'silent' }));
    let healthy = false;
    const client = breakers.protect(service, {
      call: () => (healthy ? Promise.resolve('ok') : Promise.reject(new RemoteServiceUnavailable(service, 'down'))),
    });
    assert.equal(await read('sagashop_circuit_breaker_state', { service, state: 'closed' }), 1);
    for (let i = 0; i < 2; i++) await client.call().catch(() => undefined);
    assert.equal(await read('sagashop_circuit_breaker_state', { service, state: 'open' }), 1);
    assert.equal(await read('sagashop_circuit_breaker_state', { service, state: 'closed' }), 0);
    assert.equal(await read('sagashop_circuit_breaker_transitions_total', { service, to: 'open' }), 1);
    healthy = true;
    await eventually('the breaker closed after a trial call', async () => {
      await client.call().catch(() => undefined);
      return (await read('sagashop_circuit_breaker_state', { service, state: 'closed' })) === 1 ? true : undefined;
    });
    assert.equal(await read('sagashop_circuit_breaker_transitions_total', { service, to: 'half-open' }), 1);
    assert.equal(await read('sagashop_circuit_breaker_transitions_total', { service, to: 'closed' }), 1);
  });

  it('step attempts, failures by code and compensations are counted, and every event still reaches the sink', async () => {
    const passed: OrderProgressEvent[] = [];
    const sink = withStepMetrics({ orderProgress: (event) => passed.push(event) });
    const base = { orderId: 'o', customerId: 'c', at: new Date().toISOString() } as const;
    const before = {
      attempts: await read('sagashop_saga_step_attempts_total', { step: 'release-stock', kind: 'compensation' }),
      compensations: await read('sagashop_saga_compensations_total', { step: 'release-stock' }),
      failures: await read('sagashop_saga_step_failures_total', { step: 'release-stock', code: 'X.TEST', retryable: 'true' }),
      compensationFailures: await read('sagashop_saga_compensation_failures_total', { step: 'release-stock', code: 'X.TEST' }),
    };
    const events: OrderProgressEvent[] = [
      { ...base, step: 'release-stock', kind: 'compensation', status: 'started', attempt: 1 },
      {
        ...base,
        step: 'release-stock',
        kind: 'compensation',
        status: 'failed',
        attempt: 1,
        retryable: true,
        error: { code: 'X.TEST', message: 'no' },
      },
      { ...base, step: 'release-stock', kind: 'compensation', status: 'started', attempt: 2 },
      { ...base, step: 'release-stock', kind: 'compensation', status: 'completed', attempt: 2 },
    ];
    for (const event of events) sink.orderProgress(event);
    assert.deepEqual(passed, events);
    assert.equal((await read('sagashop_saga_step_attempts_total', { step: 'release-stock', kind: 'compensation' })) - before.attempts, 2);
    assert.equal((await read('sagashop_saga_compensations_total', { step: 'release-stock' })) - before.compensations, 1);
    assert.equal(
      (await read('sagashop_saga_step_failures_total', { step: 'release-stock', code: 'X.TEST', retryable: 'true' })) - before.failures,
      1,
    );
    assert.equal(
      (await read('sagashop_saga_compensation_failures_total', { step: 'release-stock', code: 'X.TEST' })) - before.compensationFailures,
      1,
    );
  });
});
