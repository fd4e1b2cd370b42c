import assert from 'node:assert/strict';
import { bundleWorkflows } from '../../../src/apps/worker/temporal-worker.js';
import { startWorker, type RunningWorker } from '../../../src/apps/worker/worker.service.js';
import { TEST_CARDS } from '../../../src/contexts/payment/contract.js';
import {
  ORDER_ID_ATTRIBUTE,
  SERVICE_ATTRIBUTE,
  startTracing,
  traceFields,
  tracer,
  type Tracing,
} from '../../../src/shared/infrastructure/observability/tracing.js';
import { http } from '../../support/services.js';
import { TEST_SAGA_POLICY, eventually, sharedWorkflowBundle, startTestSystem, type TestSystem } from '../../support/system.js';
import { newProduct, registerShopper, type OrderView, type PlaceOrderResponse } from '../gateway/gateway-client.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';

const SERVICES = ['gateway', 'customer', 'inventory', 'order', 'payment', 'notification'];
const ACTIVITIES = ['verifyCustomer', 'createOrder', 'reserveStock', 'chargePayment', 'commitStock', 'notifyCustomer'];

/**
 * One order, one trace: tracing is started in this process (every service of the test system runs
 * here) against an in-process OTLP receiver, and the spans of the order must form one connected
 * tree from the gateway's POST /api/orders through the Temporal client, the workflow and its
 * activities to each context's HTTP handler and SQL.
 */
describe('observability: one trace per order', function () {
  this.timeout(180_000);
  let receiver: OtlpReceiver;
  let tracing: Tracing | undefined;
  let system: TestSystem | undefined;
  let worker: RunningWorker | undefined;

  before(async function () {
    this.timeout(240_000);
    // The shared bundle first: the runtime is installed once per process, whoever comes first.
    await sharedWorkflowBundle();
    receiver = await startOtlpReceiver();
    tracing = await startTracing('sagashop-test', { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint });
    assert.ok(tracing, 'tracing did not start');
    system = await startTestSystem();
    // The system's worker runs the shared bundle, made without tracing; this one runs a traced bundle.
    await system.stopWorker();
    worker = await startWorker(
      { ...system.gatewayEnv, WORKER_PORT: '0', SAGA_POLICY_JSON: JSON.stringify(TEST_SAGA_POLICY) },
      { workflowBundle: await bundleWorkflows({ tracing: true }) },
    );
  });
  after(async function () {
    this.timeout(60_000);
    await worker?.stop();
    await system?.stop();
    await tracing?.shutdown();
    await receiver?.close();
  });

  it('log lines carry the trace and span ids of the active span (the logger mixin)', () => {
    assert.deepEqual(traceFields(), {}, 'no ids outside a span');
    tracer().startActiveSpan('log-check', (span) => {
      assert.deepEqual(traceFields(), { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId });
      span.end();
    });
  });

  it('connects the gateway, Temporal, the workflow, its activities, all five services and their SQL', async () => {
    const gateway = system!.gateway.url;
    const shopper = await registerShopper(gateway, { name: 'Traced' });
    const sku = await newProduct(system!, 5);
    const placed = await http<PlaceOrderResponse>(
      gateway,
      'POST',
      '/api/orders',
      { lines: [{ sku, quantity: 1 }], cardNumber: TEST_CARDS.APPROVE.number },
      shopper.headers,
    );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const orderId = placed.body.orderId;
    await eventually('the order confirmed', async () => {
      const view = await http<OrderView>(gateway, 'GET', `/api/orders/${orderId}`, undefined, shopper.headers);
      return view.body.status === 'CONFIRMED' ? true : undefined;
    });

    const trace = await eventually(
      'a complete trace of the order',
      async () => {
        await tracing!.flush();
        const root = receiver.spans.find(
          (s) => s.name === 'POST /api/orders' && s.attributes[ORDER_ID_ATTRIBUTE] === orderId && !s.parentSpanId,
        );
        if (!root) return undefined;
        const spans = receiver.spans.filter((s) => s.traceId === root.traceId);
        const complete =
          spans.some((s) => s.name.startsWith('RunWorkflow:')) &&
          ACTIVITIES.every((name) => spans.some((s) => s.name === `RunActivity:${name}`)) &&
          SERVICES.every((service) => spans.some((s) => s.attributes[SERVICE_ATTRIBUTE] === service && s.kind === 2));
        return complete ? { root, spans } : undefined;
      },
      30_000,
    );

    const names = trace.spans.map((s) => s.name);
    const describe = () => names.sort().join('\n');
    assert.ok(names.includes('StartWorkflow:orderSagaWorkflow'), `no Temporal client span:\n${describe()}`);
    assert.ok(names.includes('RunWorkflow:orderSagaWorkflow'), `no workflow span:\n${describe()}`);
    // SQL from instrumentation-pg, under the context services' handlers.
    assert.ok(
      trace.spans.some((s) => s.attributes['db.system'] === 'postgresql'),
      `no SQL span:\n${describe()}`,
    );
    // Connected: every span's parent is in the trace; the gateway's request is the only root.
    const ids = new Set(trace.spans.map((s) => s.spanId));
    const orphans = trace.spans.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId));
    assert.deepEqual(orphans.map(label), [], 'spans whose parent is missing from the trace');
    assert.deepEqual(trace.spans.filter((s) => !s.parentSpanId).map(label), [label(trace.root)]);
    // The order id rides on the gateway's span and on each activity's.
    for (const activity of ACTIVITIES) {
      const span = trace.spans.find((s) => s.name === `RunActivity:${activity}`);
      assert.equal(span?.attributes[ORDER_ID_ATTRIBUTE], orderId, `${activity} span lacks the order id`);
    }
  });
});

function label(span: ReceivedSpan): string {
  return `${span.name} (${String(span.attributes[SERVICE_ATTRIBUTE] ?? span.resource['service.name'])})`;
}
