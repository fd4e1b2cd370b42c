import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import { REALTIME_EVENTS, type OrderProgressEvent } from '../../src/shared/infrastructure/realtime/realtime.contract.js';
import { http } from '../support/services.js';
import { eventually } from '../support/system.js';
import { useTestCluster, type TestCluster } from './support/cluster.js';
import { newProduct, newShopper, orderView, placeOrder, TEST_CARDS } from './support/shop.js';

describe('cluster: a gateway dies under a shopper’s socket', function () {
  this.timeout(90_000);
  const clusterOf = useTestCluster();
  let cluster: TestCluster;
  let socket: Socket | undefined;

  before(() => {
    cluster = clusterOf();
  });

  after(() => socket?.close());

  it('its socket reconnects through nginx to the other gateway, gets the rest of the order’s events; refetch misses nothing', async () => {
    const shopper = await newShopper(cluster);
    const sku = await newProduct(cluster, 5);
    const events: OrderProgressEvent[] = [];
    // As the storefront opens it (web/src/stores/realtime.ts): websocket only, reconnecting.
    const opened = io(cluster.url, {
      path: '/socket.io',
      auth: { token: shopper.token },
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
    });
    socket = opened;
    opened.on(REALTIME_EVENTS.orderProgress, (event: OrderProgressEvent) => events.push(event));
    const firstId = await eventually('the socket to connect through nginx', () => (opened.connected ? opened.id : undefined));
    const holder = await eventually('the gateway holding the socket', () => cluster.gatewayOfSocket(firstId));

    // A 3-D Secure card: the saga waits for the shopper, so the order is mid-way when the gateway dies.
    const orderId = await placeOrder(cluster.url, shopper, [{ sku, quantity: 1 }], TEST_CARDS.REQUIRES_CONFIRMATION.number);
    const pushed = (status: string, from = 0) =>
      events.slice(from).some((event) => event.orderId === orderId && event.orderStatus === status) ? true : undefined;
    await eventually('AWAITING_PAYMENT_CONFIRMATION pushed', () => pushed('AWAITING_PAYMENT_CONFIRMATION'), 30_000);

    await cluster.kill(holder);
    try {
      const secondId = await eventually(
        'the socket to reconnect',
        () => (opened.connected && opened.id !== firstId ? opened.id : undefined),
        30_000,
      );
      const other = await eventually('the gateway holding the new socket', () => cluster.gatewayOfSocket(secondId));
      assert.notEqual(other, holder);

      const afterReconnect = events.length;
      const confirmed = await http(cluster.url, 'POST', `/api/orders/${orderId}/payment-confirmation`, undefined, shopper.headers);
      assert.equal(confirmed.status, 202, JSON.stringify(confirmed.body));
      await eventually('CONFIRMED pushed to the reconnected socket', () => pushed('CONFIRMED', afterReconnect), 30_000);

      const later = new Set(
        events
          .slice(afterReconnect)
          .filter((event) => event.orderId === orderId)
          .map((event) => event.step),
      );
      for (const step of ['capture-payment', 'commit-stock', 'confirm-order'] as const) {
        assert.ok(later.has(step), `${step} pushed after the reconnect (got ${[...later].join(', ')})`);
      }
      // Push is a hint, the API is the record: what the page refetches holds every step it was told of.
      const view = await orderView(cluster.url, shopper, orderId);
      assert.equal(view.status, 'CONFIRMED');
      const recorded = new Set(view.saga?.steps.map((step) => step.name));
      const ours = events.filter((event) => event.orderId === orderId && event.step !== 'update-order-status');
      const told = new Set(ours.map((event) => event.step));
      assert.deepEqual(
        [...told].filter((step) => !recorded.has(step)),
        [],
        `recorded: ${[...recorded].join(', ')}`,
      );
    } finally {
      cluster.restart(holder);
      await cluster.waitReady(holder);
    }
  });
});
