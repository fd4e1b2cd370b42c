import assert from 'node:assert/strict';
import { io as connect, type Socket } from 'socket.io-client';
import { TEST_CARDS } from '../../../src/contexts/payment/contract.js';
import type { ContextName } from '../../../src/shared/infrastructure/context-service.js';
import { http } from '../../support/services.js';
import { eventually, startTestSystem, type TestSystem } from '../../support/system.js';
import { newProduct, registerShopper, type OrderView, type PlaceOrderResponse } from '../gateway/gateway-client.js';
import { dashboardMetrics } from './dashboard.js';
import { scrape, sum, type Sample } from './prometheus-text.js';

const CONTEXTS: ContextName[] = ['customer', 'inventory', 'order', 'payment', 'notification'];
const HTTP_COUNT = 'http_server_request_duration_seconds_count';

/**
 * Every deployable's /metrics after one real order: the series the dashboards read moved. The
 * services share this process (and so one registry), which is why HTTP series carry `service`;
 * every endpoint is still scraped, as Prometheus would.
 */
describe('observability: /metrics on every deployable', function () {
  this.timeout(120_000);
  let system: TestSystem;
  let socket: Socket | undefined;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
  });
  after(async function () {
    this.timeout(60_000);
    socket?.close();
    await system?.stop();
  });

  function endpoints(): Record<string, string> {
    return {
      gateway: system.gateway.url,
      worker: system.worker.health.url,
      ...Object.fromEntries(CONTEXTS.map((name) => [name, system.services[name].url])),
    };
  }

  async function scrapeAll(): Promise<Record<string, Sample[]>> {
    const entries = await Promise.all(Object.entries(endpoints()).map(async ([name, url]) => [name, await scrape(url)] as const));
    return Object.fromEntries(entries);
  }

  it('an order moves HTTP, saga, step, breaker, socket.io, pool and Temporal SDK series', async () => {
    const shopper = await registerShopper(system.gateway.url, { name: 'Metrics' });
    socket = connect(system.gateway.url, {
      path: '/socket.io',
      auth: { token: shopper.token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect', () => resolve());
      socket!.once('connect_error', reject);
    });
    const before = await scrapeAll();

    const sku = await newProduct(system, 5);
    const placed = await http<PlaceOrderResponse>(
      system.gateway.url,
      'POST',
      '/api/orders',
      { lines: [{ sku, quantity: 1 }], cardNumber: TEST_CARDS.APPROVE.number },
      shopper.headers,
    );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    await eventually('the order confirmed', async () => {
      const view = await http<OrderView>(system.gateway.url, 'GET', `/api/orders/${placed.body.orderId}`, undefined, shopper.headers);
      return view.body.status === 'CONFIRMED' ? view.body : undefined;
    });
    // The saga's sink call and the last pushes land a moment after the status the gateway shows.
    const after = await eventually('the saga outcome counted', async () => {
      const now = await scrapeAll();
      const moved =
        sum(now.worker, 'sagashop_saga_completed_total', { outcome: 'CONFIRMED' }) >
        sum(before.worker, 'sagashop_saga_completed_total', { outcome: 'CONFIRMED' });
      return moved ? now : undefined;
    });
    const delta = (scraped: string, name: string, labels: Record<string, string> = {}) =>
      sum(after[scraped], name, labels) - sum(before[scraped], name, labels);

    for (const [name, samples] of Object.entries(after)) {
      assert.ok(samples.length > 0, `${name}: /metrics is empty`);
      assert.ok(sum(samples, 'process_cpu_user_seconds_total') > 0, `${name}: no process metrics`);
    }
    // HTTP: the gateway's accept, and each context's handler, by route template.
    assert.equal(delta('gateway', HTTP_COUNT, { service: 'gateway', method: 'POST', route: '/api/orders', status: '202' }), 1);
    for (const name of CONTEXTS) {
      assert.ok(delta(name, HTTP_COUNT, { service: name }) > 0, `${name}: no HTTP request counted`);
      const routes = after[name].filter((s) => s.name === HTTP_COUNT && s.labels.service === name).map((s) => s.labels.route);
      assert.ok(
        routes.every((route) => !/[0-9a-f]{8}-[0-9a-f]{4}/.test(route)),
        `${name}: an id reached a route label: ${routes.join(', ')}`,
      );
    }
    // Saga outcome and duration, step attempts (forward only: nothing failed).
    assert.equal(delta('worker', 'sagashop_saga_completed_total', { outcome: 'CONFIRMED' }), 1);
    assert.equal(delta('worker', 'sagashop_saga_duration_seconds_count', { outcome: 'CONFIRMED' }), 1);
    for (const step of ['verify-customer', 'create-order', 'reserve-stock', 'charge-payment', 'commit-stock', 'confirm-order']) {
      assert.ok(delta('worker', 'sagashop_saga_step_attempts_total', { step, kind: 'forward' }) >= 1, `no attempt counted for ${step}`);
    }
    assert.equal(delta('worker', 'sagashop_saga_compensations_total'), 0);
    // Breakers: one closed series per downstream the saga called.
    for (const service of ['inventory', 'payment', 'order']) {
      assert.equal(sum(after.worker, 'sagashop_circuit_breaker_state', { service, state: 'closed' }), 1, `${service} breaker not closed`);
    }
    // socket.io: the connection and the progress events pushed to it.
    assert.ok(sum(after.gateway, 'sagashop_socketio_connections') >= 1);
    assert.ok(delta('gateway', 'sagashop_socketio_events_pushed_total', { event: 'order.progress' }) > 0, 'no order.progress push counted');
    // Database pools, read at scrape time, one set of series per database (five contexts + events).
    const databases = new Set(after.order.filter((s) => s.name === 'sagashop_db_pool_connections').map((s) => s.labels.database));
    assert.ok(databases.size >= 5, `pool gauges for ${[...databases].join(', ')}`);
    assert.ok(after.order.some((s) => s.name === 'sagashop_db_pool_connections' && s.labels.state === 'used'));
    // The Temporal SDK's own worker metrics, on the worker's /metrics.
    for (const family of [
      'temporal_worker_task_slots_available',
      'temporal_workflow_task_schedule_to_start_latency_seconds_count',
      'temporal_sticky_cache_size',
    ]) {
      assert.ok(
        after.worker.some((s) => s.name === family),
        `worker /metrics lacks ${family}`,
      );
    }
  });

  it('every Temporal SDK metric the dashboard reads is on the worker /metrics', async () => {
    const scraped = new Set((await scrape(system.worker.health.url)).map((sample) => sample.name));
    const missing = [...dashboardMetrics()].filter((name) => name.startsWith('temporal_') && !scraped.has(name));
    assert.deepEqual(missing, [], 'the dashboard reads SDK metrics the worker does not export');
  });

  it('a 429 counts as a rate-limit rejection by rule', async () => {
    const limited = await system.startGateway({ AUTH_RATE_LIMIT_MAX: '1' });
    const before = sum(await scrape(limited.url), 'sagashop_rate_limit_rejections_total', { rule: 'auth' });
    const login = () => http(limited.url, 'POST', '/api/auth/login', { email: 'nobody@example.com', password: 'wrong-password-1' });
    await login();
    assert.equal((await login()).status, 429);
    const after = sum(await scrape(limited.url), 'sagashop_rate_limit_rejections_total', { rule: 'auth' });
    assert.equal(after - before, 1);
  });
});
