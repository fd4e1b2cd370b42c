import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { orderWorkflowId } from '../../../src/workflows/order-saga.messages.js';
import type { orderSagaWorkflow } from '../../../src/workflows/order-saga.workflow.js';
import type { ErrorEnvelope } from '../../../src/shared/infrastructure/http/errors.js';
import { http } from '../../support/services.js';
import { eventually, startTestSystem, type TestSystem } from '../../support/system.js';
import {
  assertError,
  issuesOf,
  newProduct,
  registerShopper,
  type MarkAllReadResult,
  type Notification,
  type NotificationPage,
  type OrderPage,
  type OrderView,
  type PlaceOrderResponse,
  type Shopper,
} from './gateway-client.js';
import { TEST_CARDS } from '../../../src/contexts/payment/contract.js';

const APPROVE = TEST_CARDS.APPROVE.number;
const CONFIRM = TEST_CARDS.REQUIRES_CONFIRMATION.number;

describe('gateway: a customer sees and acts on only their own orders and notifications', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let api: string;
  let alice: Shopper;
  let bob: Shopper;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    api = system.gateway.url;
    [alice, bob] = await Promise.all([registerShopper(api, { name: 'Alice' }), registerShopper(api, { name: 'Bob' })]);
  });
  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  async function placeAs(shopper: Shopper, card: string): Promise<string> {
    const sku = await newProduct(system, 5);
    const order = { lines: [{ sku, quantity: 1 }], cardNumber: card };
    const response = await http<PlaceOrderResponse>(api, 'POST', '/api/orders', order, shopper.headers);
    assert.equal(response.status, 202, JSON.stringify(response.body));
    assert.equal(response.headers.get('location'), `/api/orders/${response.body.orderId}`);
    return response.body.orderId;
  }

  const finished = (orderId: string) => system.temporal.workflow.getHandle<typeof orderSagaWorkflow>(orderWorkflowId(orderId)).result();

  it('the order is placed for the token’s customer; a customerId in the body is refused', async () => {
    const sku = await newProduct(system, 5);
    const order = { customerId: bob.id, lines: [{ sku, quantity: 1 }], cardNumber: APPROVE };
    const smuggled = await http(api, 'POST', '/api/orders', order, alice.headers);
    assertError(smuggled, 400, 'VALIDATION.INVALID_REQUEST');
    assert.ok(issuesOf(smuggled.body).some((issue) => issue.code === 'unrecognized_keys'));

    const orderId = await placeAs(alice, APPROVE);
    assert.equal((await finished(orderId)).outcome, 'CONFIRMED');
    const view = await http<OrderView>(api, 'GET', `/api/orders/${orderId}`, undefined, alice.headers);
    assert.equal(view.status, 200);
    assert.equal(view.body.order?.customerId, alice.id);
  });

  it("another customer's order is 404 ORDER.NOT_FOUND for reading, cancelling and confirming, at every stage", async () => {
    const orderId = await placeAs(alice, CONFIRM);
    // Right away (the saga may not have created the order yet): ownership from the saga.
    assertError(await http(api, 'GET', `/api/orders/${orderId}`, undefined, bob.headers), 404, 'ORDER.NOT_FOUND');
    await eventually('the saga to wait for confirmation', async () => {
      const view = await http<OrderView>(api, 'GET', `/api/orders/${orderId}`, undefined, alice.headers);
      return view.body?.saga?.awaitingPaymentConfirmation ? true : undefined;
    });
    for (const [method, path] of [
      ['GET', `/api/orders/${orderId}`],
      ['POST', `/api/orders/${orderId}/cancel`],
      ['POST', `/api/orders/${orderId}/payment-confirmation`],
    ] as const) {
      const body = method === 'POST' ? {} : undefined;
      const response = await http<ErrorEnvelope>(api, method, path, body, bob.headers);
      assertError(response, 404, 'ORDER.NOT_FOUND', `${method} ${path}`);
      // Exactly what a missing order answers: nothing tells Bob the id exists.
      const missing = await http<ErrorEnvelope>(api, method, path.replace(orderId, randomUUID()), body, bob.headers);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, response.body.error.code);
    }
    // Bob's attempts changed nothing: Alice can still confirm, and the order completes.
    assert.equal((await http(api, 'POST', `/api/orders/${orderId}/payment-confirmation`, undefined, alice.headers)).status, 202);
    assert.equal((await finished(orderId)).outcome, 'CONFIRMED');
    assertError(await http(api, 'GET', `/api/orders/${orderId}`, undefined, bob.headers), 404, 'ORDER.NOT_FOUND');
  });

  it('GET /api/orders lists only the caller’s orders', async () => {
    const orderId = await placeAs(alice, APPROVE);
    await finished(orderId);
    const mine = await http<OrderPage>(api, 'GET', '/api/orders?limit=100', undefined, alice.headers);
    assert.equal(mine.status, 200);
    assert.ok(mine.body.items.some((order) => order.id === orderId));
    assert.ok(mine.body.items.every((order) => order.customerId === alice.id));
    const theirs = await http<OrderPage>(api, 'GET', '/api/orders?limit=100', undefined, bob.headers);
    assert.ok(theirs.body.items.every((order) => order.customerId === bob.id));
    assert.ok(!theirs.body.items.some((order) => order.id === orderId));
  });

  it('notifications: listed and marked read only by their customer', async () => {
    const orderId = await placeAs(alice, APPROVE);
    await finished(orderId);
    const list = await http<NotificationPage>(api, 'GET', '/api/notifications?unreadOnly=true', undefined, alice.headers);
    assert.equal(list.status, 200);
    const notification = list.body.items.find((n) => n.orderId === orderId);
    assert.ok(notification, JSON.stringify(list.body));
    assert.ok(list.body.unreadCount >= 1);

    const bobs = await http<NotificationPage>(api, 'GET', '/api/notifications?limit=100', undefined, bob.headers);
    assert.ok(bobs.body.items.every((n) => n.customerId === bob.id));
    assertError(
      await http(api, 'POST', `/api/notifications/${notification.id}/read`, undefined, bob.headers),
      404,
      'NOTIFICATION.NOT_FOUND',
    );
    assert.equal((await http(api, 'POST', '/api/notifications/read-all', undefined, bob.headers)).status, 200);
    const stillUnread = await http<NotificationPage>(api, 'GET', '/api/notifications?unreadOnly=true&limit=100', undefined, alice.headers);
    assert.ok(
      stillUnread.body.items.some((n) => n.id === notification.id),
      "Bob's read-all must not touch Alice's",
    );

    const read = await http<Notification>(api, 'POST', `/api/notifications/${notification.id}/read`, undefined, alice.headers);
    assert.equal(read.status, 200);
    assert.notEqual(read.body.readAt, null);
    const all = await http<MarkAllReadResult>(api, 'POST', '/api/notifications/read-all', undefined, alice.headers);
    assert.equal(all.status, 200);
    assert.equal(typeof all.body.updated, 'number');
    assert.equal((await http<NotificationPage>(api, 'GET', '/api/notifications', undefined, alice.headers)).body.unreadCount, 0);
  });
});
