import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { orderWorkflowId } from '../../src/workflows/order-saga.messages.js';
import { REPO_ROOT } from '../../src/shared/infrastructure/paths.js';
import { SEARCH_ATTRIBUTES } from '../../src/shared/infrastructure/temporal-search-attributes.js';
import { RATE_LIMIT_HEADERS } from '../../src/apps/gateway/http/rate-limit.js';
import { http } from '../support/services.js';
import { eventually } from '../support/system.js';
import { useTestCluster, type TestCluster } from './support/cluster.js';
import { finalStatuses, newProduct, newShopper, orderView, paymentOf, placeOrder, stockOf, TEST_CARDS } from './support/shop.js';

/**
 * The shop as `npm run start:cluster` runs it: nginx in front of two gateways, the real Temporal
 * cluster behind them. One cluster for every file of test/cluster (started here on first use).
 */
describe('cluster: the shop through nginx on the Temporal cluster', function () {
  this.timeout(60_000);
  const clusterOf = useTestCluster();
  let cluster: TestCluster;

  before(() => {
    cluster = clusterOf();
  });

  it('nginx serves the storefront and the API, and answers /ready from a gateway', async function () {
    const ready = await http(cluster.url, 'GET', '/ready');
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
    const products = await http<{ items: unknown[] }>(cluster.url, 'GET', '/api/products');
    assert.equal(products.status, 200);
    assert.ok(products.body.items.length > 0, 'the demo catalog is seeded');
    const page = await fetch(`${cluster.url}/`);
    if (page.headers.get('content-type')?.includes('text/html')) {
      assert.match(await page.text(), /<div id="app"|<!doctype html>/i);
    } else {
      // No web/dist (npm run web:build): the gateways serve the API only.
      assert.equal(page.status, 404);
    }
  });

  it('an order placed through nginx runs on the cluster to CONFIRMED: stock taken, payment captured', async () => {
    const shopper = await newShopper(cluster);
    const sku = await newProduct(cluster, 5, 1250);
    const orderId = await placeOrder(cluster.url, shopper, [{ sku, quantity: 2 }], TEST_CARDS.APPROVE.number);

    const statuses = await finalStatuses(cluster, [orderId], 30_000);
    assert.equal(statuses.get(orderId), 'CONFIRMED');
    assert.equal(await stockOf(cluster, sku), 3);
    const payment = await paymentOf(cluster, orderId);
    assert.equal(payment?.status, 'CAPTURED');
    const view = await orderView(cluster.url, shopper, orderId);
    assert.equal(view.saga?.outcome, 'CONFIRMED');
    // The saga's search attributes reach the cluster's visibility store (registered by setup.sh).
    await eventually('the order in visibility with its OrderStatus', async () => {
      const query = `WorkflowId = '${orderWorkflowId(orderId)}' AND OrderStatus = 'CONFIRMED' AND CustomerId = '${shopper.id}'`;
      for await (const execution of cluster.temporalClient.workflow.list({ query })) return execution.workflowId;
      return undefined;
    });
  });

  it('the same Idempotency-Key sent to both gateways at once starts one workflow', async () => {
    const shopper = await newShopper(cluster);
    const sku = await newProduct(cluster, 5);
    const headers = { 'Idempotency-Key': `cluster-${randomUUID()}` };
    const [gatewayA, gatewayB] = cluster.gateways;
    const lines = [{ sku, quantity: 1 }];
    const ids = await Promise.all([
      placeOrder(gatewayA.url, shopper, lines, TEST_CARDS.APPROVE.number, headers),
      placeOrder(gatewayB.url, shopper, lines, TEST_CARDS.APPROVE.number, headers),
    ]);
    assert.equal(ids[0], ids[1], 'both gateways answer with the one order');
    await finalStatuses(cluster, [ids[0]], 30_000);
    // And again, after it finished: still the same order, still one run.
    assert.equal(await placeOrder(cluster.url, shopper, lines, TEST_CARDS.APPROVE.number, headers), ids[0]);

    const runs: string[] = [];
    await eventually('the closed run in visibility', async () => {
      runs.length = 0;
      for await (const execution of cluster.temporalClient.workflow.list({ query: `WorkflowId = '${orderWorkflowId(ids[0])}'` })) {
        runs.push(execution.runId);
      }
      return runs.length > 0 ? true : undefined;
    });
    assert.equal(runs.length, 1, `one run, got ${runs.join(', ')}`);
    assert.equal(await stockOf(cluster, sku), 4, 'stock taken once');
  });

  it('rate limits are one budget for both gateways (Redis)', async function () {
    if (!cluster.redisUrl) this.skip();
    const login = (base: string) =>
      http(base, 'POST', '/api/auth/login', { email: `nobody-${randomUUID()}@example.com`, password: 'not-the-password' });
    const remaining: number[] = [];
    for (const gateway of [...cluster.gateways, ...cluster.gateways]) {
      const response = await login(gateway.url);
      const header = response.headers.get(RATE_LIMIT_HEADERS.remaining);
      assert.ok(header, `${gateway.name} answered ${response.status} without ${RATE_LIMIT_HEADERS.remaining}`);
      remaining.push(Number(header));
    }
    // One shared counter goes down by one per request, whichever gateway answers; two
    // in-memory counters would each start from the top.
    assert.deepEqual(
      remaining,
      remaining.map((_, index) => remaining[0] - index),
    );
  });

  it('setup.sh is idempotent (a rerun against the running cluster changes nothing) and registers our search attributes', () => {
    const setup = spawnSync('bash', [path.join(REPO_ROOT, 'deploy/temporal-cluster/setup.sh')], {
      env: { ...process.env, ...cluster.temporal.setupEnv, SETUP_PHASE: 'all' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(setup.status, 0, `${setup.stdout}\n${setup.stderr}`);
    for (const name of Object.keys(SEARCH_ATTRIBUTES)) assert.match(setup.stdout, new RegExp(`search attribute ${name} exists`));
    assert.match(setup.stdout, /namespace default exists/);
  });
});
