import assert from 'node:assert/strict';
import { eventually } from '../support/system.js';
import { useTestCluster, type TestCluster } from './support/cluster.js';
import {
  finalStatuses,
  isFinal,
  newProduct,
  newShopper,
  orderView,
  recordedStatus,
  paymentOf,
  placeOrder,
  stockOf,
  TEST_CARDS,
  type Shopper,
} from './support/shop.js';

/**
 * Processes die (kill -9) while orders run; every order still ends, and stock and payments agree
 * with how it ended. Orders pay with a slow card (1.5 s at the provider), so the kill lands while
 * most of them are mid-saga.
 */
describe('cluster: kill -9 while orders run', function () {
  this.timeout(120_000);
  const clusterOf = useTestCluster();
  let cluster: TestCluster;

  before(() => {
    cluster = clusterOf();
  });

  /**
   * `count` orders of one unit each, from one shopper, placed a few at a time (as shoppers do; 50 at
   * once would measure the gateways' request queue instead); a fifth pay with a declined card.
   * `midway` runs once half of them are placed (given those), while the first are mid-saga.
   */
  async function placeMany(
    shopper: Shopper,
    sku: string,
    count: number,
    midway: (placed: { orderId: string }[]) => Promise<void> = async () => {},
  ): Promise<{ orderId: string; declined: boolean }[]> {
    const orders: { orderId: string; declined: boolean }[] = [];
    let next = 0;
    let midwayRun: Promise<void> | undefined;
    const lane = async () => {
      while (next < count) {
        const declined = next++ % 5 === 4;
        const card = declined ? TEST_CARDS.DECLINE.number : TEST_CARDS.SLOW_APPROVE.number;
        orders.push({ orderId: await placeOrder(cluster.url, shopper, [{ sku, quantity: 1 }], card), declined });
        if (orders.length === Math.ceil(count / 2)) midwayRun ??= midway([...orders]);
      }
    };
    await Promise.all(Array.from({ length: 5 }, lane));
    await midwayRun;
    return orders;
  }

  /** The kill must land mid-run, or the test proves nothing. */
  async function assertInFlight(orders: { orderId: string }[]) {
    const statuses = await Promise.all(orders.map(({ orderId }) => recordedStatus(cluster, orderId)));
    const unfinished = statuses.filter((status) => !status || !isFinal(status)).length;
    assert.ok(unfinished > 0, 'every order had already ended when the process was killed');
  }

  /** Every order final; CONFIRMED exactly when the card was good; stock and captures match. */
  async function assertConsistent(shopper: Shopper, sku: string, stock: number, orders: { orderId: string; declined: boolean }[]) {
    const statuses = await finalStatuses(
      cluster,
      orders.map(({ orderId }) => orderId),
      90_000,
    );
    for (const { orderId, declined } of orders) {
      assert.equal(statuses.get(orderId), declined ? 'CANCELLED' : 'CONFIRMED', `order ${orderId}`);
      const payment = await paymentOf(cluster, orderId);
      assert.equal(payment?.status, declined ? 'DECLINED' : 'CAPTURED', `payment of ${orderId}: ${JSON.stringify(payment)}`);
    }
    const confirmed = orders.filter(({ declined }) => !declined).length;
    assert.equal(await stockOf(cluster, sku), stock - confirmed, 'stock taken once per confirmed order, released for the others');
  }

  it('kill -9 one of the two workers while 50 orders run: all 50 end, stock and payments consistent', async () => {
    const shopper = await newShopper(cluster);
    const sku = await newProduct(cluster, 100);
    const [victim] = cluster.workers;
    const orders = await placeMany(shopper, sku, 50, async (placed) => {
      await cluster.kill(victim.name);
      await assertInFlight(placed);
    });
    try {
      await assertConsistent(shopper, sku, 100, orders);
    } finally {
      cluster.restart(victim.name);
      await cluster.waitReady(victim.name);
    }
  });

  it('kill -9 the history service and start it again: all orders end, stock and payments consistent', async () => {
    const shopper = await newShopper(cluster);
    const sku = await newProduct(cluster, 100);
    const history = cluster.temporal.processName('history');
    // Placed first: while history is down the gateways cannot start sagas (they answer 503, the
    // client retries later); what must survive is the sagas already running.
    const orders = await placeMany(shopper, sku, 20);
    // One the order service already records (created within moments of its placement), for the read below.
    const known = await eventually('an order recorded by the order service', async () => {
      const statuses = await Promise.all(orders.map(({ orderId }) => recordedStatus(cluster, orderId)));
      return orders.find((_, index) => statuses[index])?.orderId;
    });
    await cluster.kill(history);
    await assertInFlight(orders);
    // Meanwhile its shopper opening it gets it within the gateway's deadline for Temporal (3 s),
    // without the saga's live part, not a 503 after ~20 s.
    const asked = Date.now();
    const view = await orderView(cluster.url, shopper, known);
    assert.equal(view.saga, null);
    assert.equal(view.order?.id, known);
    assert.ok(Date.now() - asked < 8_000, `answered after ${Date.now() - asked} ms`);
    cluster.temporal.restart('history');
    await assertConsistent(shopper, sku, 100, orders);
  });
});
