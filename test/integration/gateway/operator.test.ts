import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import { grantOperator, revokeOperator } from '../../../src/apps/gateway/operator-grant.cli.js';
import type {
  DecisionResponseSchema,
  OperatorOrderListSchema,
  OperatorOrderViewSchema,
  SimulatorSettingsSchema,
  WorkerBreakersSchema,
} from '../../../src/apps/gateway/schemas/operator.schemas.js';
import type { ProductDto } from '../../../src/contexts/inventory/contract.js';
import { TEST_CARDS, type PaymentDto } from '../../../src/contexts/payment/contract.js';
import type { OperatorOrderEvent, WorkerBreakersEvent } from '../../../src/shared/infrastructure/realtime/realtime.contract.js';
import { http } from '../../support/services.js';
import { eventually, startTestSystem, type TestSystem } from '../../support/system.js';
import { assertError, newProduct, registerShopper, type AuthResponse, type Me, type Shopper } from './gateway-client.js';

type OrderList = z.infer<typeof OperatorOrderListSchema>;
type OperatorOrderView = z.infer<typeof OperatorOrderViewSchema>;
type DecisionResponse = z.infer<typeof DecisionResponseSchema>;
type WorkerBreakers = z.infer<typeof WorkerBreakersSchema>;
type SimulatorSettings = z.infer<typeof SimulatorSettingsSchema>;

/** In OPERATOR_EMAILS of this suite's gateway (mixed case: the list is compared ignoring case). */
// Short: the saga's actor pattern (41 characters) must fit it, or the history names the operator by id.
const LISTED_OPERATOR = `Ops.${randomUUID().slice(0, 8)}@Example.com`;

interface OperatorSocket {
  socket: Socket;
  orders: OperatorOrderEvent[];
  breakers: WorkerBreakersEvent[];
}

function listen(url: string, token: string): Promise<OperatorSocket> {
  const socket = connect(url, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
  const listener: OperatorSocket = { socket, orders: [], breakers: [] };
  socket.on('operator.order', (event: OperatorOrderEvent) => listener.orders.push(event));
  socket.on('operator.breakers', (event: WorkerBreakersEvent) => listener.breakers.push(event));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(listener));
    socket.once('connect_error', (error) => reject(error));
  });
}

describe('operator console API through the gateway (real services, Temporal, Postgres)', function () {
  this.timeout(90_000);
  let system: TestSystem;
  let api: string;
  let operator: Shopper;
  let shopper: Shopper;
  const sockets: Socket[] = [];

  before(async function () {
    this.timeout(180_000);
    // Sockets re-check their operator role every 200 ms here (10 s by default).
    system = await startTestSystem({ OPERATOR_EMAILS: ` someone@example.com, ${LISTED_OPERATOR} `, OPERATOR_SOCKET_RECHECK_MS: '200' });
    api = system.gateway.url;
    operator = await registerShopper(api, { email: LISTED_OPERATOR, name: 'Olga Operator' });
    shopper = await registerShopper(api);
  });
  after(async function () {
    this.timeout(60_000);
    for (const socket of sockets) socket.disconnect();
    await system?.stop();
  });

  const get = <T>(path: string, who: Shopper = operator) => http<T>(api, 'GET', `/api/operator${path}`, undefined, who.headers);
  const post = <T>(path: string, body: unknown, who: Shopper = operator) => http<T>(api, 'POST', `/api/operator${path}`, body, who.headers);
  const stockOf = async (sku: string) =>
    (await http<ProductDto>(system.services.inventory.url, 'GET', `/products/${sku}`)).body.stockAvailable;
  const paymentOf = async (orderId: string) => (await http<PaymentDto>(system.services.payment.url, 'GET', `/payments/${orderId}`)).body;
  /** A new shopper granted the role with the CLI, logged in again so the token carries it. */
  const grantedOperator = async (): Promise<Shopper> => {
    const shopperNow = await registerShopper(api);
    assert.equal((await grantOperator([shopperNow.email], { CUSTOMER_URL: system.services.customer.url })).code, 0);
    const login = await http<AuthResponse>(api, 'POST', '/api/auth/login', { email: shopperNow.email, password: shopperNow.password });
    return { ...shopperNow, token: login.body.token, headers: { Authorization: `Bearer ${login.body.token}` } };
  };
  /** `by` orders one of a new product (stock `stock`) with `card`; answers when the gateway accepted it. */
  const place = async (by: Shopper, card: string, stock: number) => {
    const sku = await newProduct(system, stock);
    const placed = await http<{ orderId: string }>(
      api,
      'POST',
      '/api/orders',
      { lines: [{ sku, quantity: 1 }], cardNumber: card },
      by.headers,
    );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    return { orderId: placed.body.orderId, sku };
  };
  /** `by` places an approving order; answers once `watcher` (an operator socket) has seen it CONFIRMED. */
  const confirmedOrderSeenBy = async (by: Shopper, watcher: OperatorSocket) => {
    const { orderId } = await place(by, TEST_CARDS.APPROVE.number, 5);
    await eventually('the operator to see the order confirmed live', () =>
      watcher.orders.some((event) => event.orderId === orderId && event.orderStatus === 'CONFIRMED') ? true : undefined,
    );
    return orderId;
  };
  const viewOf = async (orderId: string) => {
    const response = await get<OperatorOrderView>(`/orders/${orderId}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body;
  };

  /**
   * The acceptance scenario's set-up: a 3-D Secure order waits for confirmation, the shopper cancels
   * while the payment service is down, the refund (void) fails for good: NEEDS_ATTENTION, waiting.
   * Returns with the payment service running again.
   */
  async function stuckOrder(): Promise<{ orderId: string; sku: string }> {
    const { orderId, sku } = await place(shopper, TEST_CARDS.REQUIRES_CONFIRMATION.number, 3);
    await eventually('the saga to wait for the payment confirmation', async () =>
      (await viewOf(orderId)).saga?.steps.some((step) => step.name === 'charge-payment' && step.status === 'completed') &&
      (await viewOf(orderId)).order?.status === 'AWAITING_PAYMENT_CONFIRMATION'
        ? true
        : undefined,
    );
    // Too early: the saga is not waiting for a decision.
    assertError(
      await post(`/orders/${orderId}/decision`, { action: 'retry-compensations', reason: 'too early' }),
      409,
      'SAGA.NOT_AWAITING_DECISION',
    );

    const restartPayment = await system.stopService('payment');
    try {
      const cancel = await http(api, 'POST', `/api/orders/${orderId}/cancel`, {}, shopper.headers);
      assert.equal(cancel.status, 202, JSON.stringify(cancel.body));
      const waiting = await eventually('the saga to wait for an operator', async () => {
        const view = await viewOf(orderId);
        return view.saga?.awaitingDecision ? view : undefined;
      });
      assert.equal(waiting.order?.status, 'NEEDS_ATTENTION');
      assert.ok(
        waiting.saga?.failedCompensations.some((failed) => failed.name === 'refund-payment'),
        JSON.stringify(waiting.saga?.failedCompensations),
      );
      const refund = waiting.saga?.steps.find((step) => step.name === 'refund-payment' && step.status === 'failed');
      assert.ok(refund?.error?.retriesExhausted, 'the console shows the failed compensation with its error');
    } finally {
      await restartPayment();
    }
    return { orderId, sku };
  }

  describe('who may use it', () => {
    it('401 without a token, 403 OPERATOR.FORBIDDEN for a shopper, on every operator route', async () => {
      const routes: [string, string, unknown][] = [
        ['GET', '/orders', undefined],
        ['GET', `/orders/${randomUUID()}`, undefined],
        ['POST', `/orders/${randomUUID()}/decision`, { action: 'resolve-manually', reason: 'x' }],
        ['GET', '/breakers', undefined],
        ['GET', '/simulator', undefined],
        ['POST', '/simulator', { slowCardDelayMs: 10 }],
      ];
      for (const [method, path, body] of routes) {
        assertError(await http(api, method, `/api/operator${path}`, body), 401, 'AUTH.UNAUTHENTICATED', path);
        assertError(await http(api, method, `/api/operator${path}`, body, shopper.headers), 403, 'OPERATOR.FORBIDDEN', path);
      }
      // A forged roles claim needs the signing key: a shopper cannot add it, and an unknown role grants nothing.
      assertError(
        await get('/orders', { ...shopper, headers: { Authorization: `Bearer ${system.tokenFor(shopper.id)}` } }),
        403,
        'OPERATOR.FORBIDDEN',
      );
    });

    it('OPERATOR_EMAILS and `npm run operator:grant` both put the role in the token (at the next log-in)', async () => {
      const me = await http<Me>(api, 'GET', '/api/me', undefined, operator.headers);
      assert.deepEqual(me.body.roles, ['operator']);

      const granted = await registerShopper(api);
      assert.deepEqual((await http<Me>(api, 'GET', '/api/me', undefined, granted.headers)).body.roles, []);
      const cli = await grantOperator([granted.email], { CUSTOMER_URL: system.services.customer.url });
      assert.equal(cli.code, 0, cli.message);
      assertError(await get('/orders', granted), 403, 'OPERATOR.FORBIDDEN', 'the old token still lacks it');
      const login = await http<AuthResponse>(api, 'POST', '/api/auth/login', { email: granted.email, password: granted.password });
      assert.deepEqual(login.body.customer.roles, ['operator']);
      const list = await get<OrderList>('/orders', { ...granted, headers: { Authorization: `Bearer ${login.body.token}` } });
      assert.equal(list.status, 200, JSON.stringify(list.body));

      assert.equal((await grantOperator([`nobody-${randomUUID()}@example.com`], { CUSTOMER_URL: system.services.customer.url })).code, 1);
      assert.equal((await grantOperator([], {})).code, 2);
    });

    it('`npm run operator:revoke` ends operator access at once: HTTP with the same token, and the socket leaves the room', async () => {
      const asOperator = await grantedOperator();
      assert.equal((await get('/breakers', asOperator)).status, 200);
      const theirs = await listen(api, asOperator.token);
      const control = await listen(api, operator.token);
      sockets.push(theirs.socket, control.socket);

      const cli = await revokeOperator([asOperator.email.toUpperCase()], { CUSTOMER_URL: system.services.customer.url });
      assert.equal(cli.code, 0, cli.message);
      assert.match(cli.message, /no longer an operator/);
      // The token still says operator; the gateway asks the customer context and refuses.
      assertError(await get('/breakers', asOperator), 403, 'OPERATOR.FORBIDDEN', 'the revoked role, same token');
      assertError(await post('/simulator', { slowCardDelayMs: 0 }, asOperator), 403, 'OPERATOR.FORBIDDEN');
      // Idempotent, and a revoke of a listed address says OPERATOR_EMAILS still grants it.
      assert.equal((await revokeOperator([asOperator.email], { CUSTOMER_URL: system.services.customer.url })).code, 0);
      const listed = await revokeOperator([LISTED_OPERATOR], {
        CUSTOMER_URL: system.services.customer.url,
        OPERATOR_EMAILS: LISTED_OPERATOR,
      });
      assert.match(listed.message, /OPERATOR_EMAILS still names it/);
      assert.equal((await revokeOperator([`nobody-${randomUUID()}@example.com`], { CUSTOMER_URL: system.services.customer.url })).code, 1);

      // After a re-check (200 ms here), an order's progress reaches the listed operator's socket, not the revoked one's.
      await new Promise((resolve) => setTimeout(resolve, 600));
      theirs.orders.length = 0;
      await confirmedOrderSeenBy(shopper, control);
      assert.deepEqual(theirs.orders, [], 'the revoked operator hears no order of others any more');
      assert.equal(theirs.socket.connected, true, 'still connected as a shopper');
    });

    it('a deactivated operator account is refused on operator calls and its socket is closed', async () => {
      const asOperator = await grantedOperator();
      const theirs = await listen(api, asOperator.token);
      sockets.push(theirs.socket);
      const disconnected = new Promise<void>((resolve) => theirs.socket.once('disconnect', () => resolve()));

      assert.equal((await http(system.services.customer.url, 'POST', `/customers/${asOperator.id}/deactivate`)).status, 200);
      assertError(await get('/breakers', asOperator), 401, 'AUTH.ACCOUNT_DISABLED');
      await disconnected;
      await assert.rejects(listen(api, asOperator.token), /AUTH.UNAUTHENTICATED/, 'a new socket is refused');
    });

    it('operator sockets join the operator room; shopper sockets do not', async () => {
      const ops = await listen(api, operator.token);
      const shop = await listen(api, shopper.token);
      sockets.push(ops.socket, shop.socket);
      await confirmedOrderSeenBy(await registerShopper(api), ops);
      await eventually('a breaker report pushed to the operator room', () => (ops.breakers.length > 0 ? true : undefined));
      assert.equal(shop.orders.length + shop.breakers.length, 0, "a shopper hears nothing of other customers' orders");
    });

    it('with the customer service down, operator calls fail closed (503) and come back with it', async () => {
      const restartCustomer = await system.stopService('customer');
      try {
        const down = await get('/breakers');
        assertError(down, 503, 'SERVICE_UNAVAILABLE', 'the role cannot be checked');
        assert.equal(down.headers.get('retry-after'), '5');
        assertError(await get('/breakers', shopper), 403, 'OPERATOR.FORBIDDEN', 'a token without the role needs no check');
      } finally {
        await restartCustomer();
      }
      assert.equal((await get('/breakers')).status, 200);
    });
  });

  it('lists orders by status from Temporal visibility, NEEDS_ATTENTION first', async () => {
    const { orderId } = await stuckOrder();
    const list = await eventually('the stuck order in the list', async () => {
      const response = await get<OrderList>('/orders');
      return response.body.items.some((item) => item.orderId === orderId && item.orderStatus === 'NEEDS_ATTENTION')
        ? response.body
        : undefined;
    });
    const firstOther = list.items.findIndex((item) => item.orderStatus !== 'NEEDS_ATTENTION');
    const lastAttention = list.items.map((item) => item.orderStatus).lastIndexOf('NEEDS_ATTENTION');
    assert.ok(
      firstOther === -1 || lastAttention < firstOther,
      `NEEDS_ATTENTION first: ${JSON.stringify(list.items.map((i) => i.orderStatus))}`,
    );
    const filtered = await get<OrderList>('/orders?status=NEEDS_ATTENTION');
    assert.ok(filtered.body.items.every((item) => item.orderStatus === 'NEEDS_ATTENTION'));
    assert.ok(filtered.body.items.some((item) => item.orderId === orderId));
    assertError(await get('/orders?status=BOGUS'), 400, 'VALIDATION.INVALID_REQUEST');
    assertError(await get(`/orders/${randomUUID()}`), 404, 'ORDER.NOT_FOUND');

    // Clean up: resolve by hand, so the list of later tests is not crowded.
    assert.equal((await post(`/orders/${orderId}/decision`, { action: 'resolve-manually', reason: 'listed, then settled' })).status, 202);
  });

  it('acceptance: payment down during a refund -> NEEDS_ATTENTION; retried from the API -> CANCELLED, all undone', async () => {
    const { orderId, sku } = await stuckOrder();
    // The other compensations ran; the payment alone is still to undo.
    assert.equal(await stockOf(sku), 3, 'stock released while the payment service was down');
    assert.ok(!['VOIDED', 'REFUNDED'].includes((await paymentOf(orderId)).status), 'the payment is not undone yet');

    assertError(
      await post(`/orders/${orderId}/decision`, { action: 'retry-compensations', reason: '   ' }),
      400,
      'VALIDATION.INVALID_REQUEST',
    );
    assertError(await post(`/orders/${orderId}/decision`, { action: 'retry-later', reason: 'x' }), 400, 'VALIDATION.INVALID_REQUEST');

    const decided = await post<DecisionResponse>(`/orders/${orderId}/decision`, {
      action: 'retry-compensations',
      reason: 'payment service is back',
    });
    assert.equal(decided.status, 202, JSON.stringify(decided.body));
    assert.equal(decided.body.saga.decisions.length, 1);
    assert.equal(
      decided.body.saga.decisions[0].operator,
      LISTED_OPERATOR.toLowerCase() === operator.email ? operator.email : operator.email,
    );

    const done = await eventually('the saga to end CANCELLED', async () => {
      const view = await viewOf(orderId);
      return view.order?.status === 'CANCELLED' && view.executionStatus === 'COMPLETED' ? view : undefined;
    });
    assert.equal(done.saga?.outcome, 'CANCELLED');
    assert.equal(await stockOf(sku), 3, 'stock released exactly once');
    const payment = await paymentOf(orderId);
    assert.ok(['VOIDED', 'REFUNDED'].includes(payment.status), `payment undone, got ${payment.status}`);
    // Who and why, in the order's history.
    const decision = done.order?.history.find((entry) => entry.to === 'RETRYING_COMPENSATIONS');
    assert.equal(decision?.by, `operator:${operator.email}`);
    assert.equal(decision?.reason, 'payment service is back');

    assertError(await post(`/orders/${orderId}/decision`, { action: 'resolve-manually', reason: 'again' }), 409, 'ORDER.ALREADY_FINISHED');
  });

  it('resolve-manually: ends CANCELLED_MANUALLY with who and why in the history; nothing more undone', async () => {
    const { orderId, sku } = await stuckOrder();
    const decided = await post<DecisionResponse>(`/orders/${orderId}/decision`, {
      action: 'resolve-manually',
      reason: 'voided at the bank by hand',
    });
    assert.equal(decided.status, 202, JSON.stringify(decided.body));
    const done = await eventually('the order to be CANCELLED_MANUALLY', async () => {
      const view = await viewOf(orderId);
      return view.order?.status === 'CANCELLED_MANUALLY' ? view : undefined;
    });
    const last = done.order?.history.at(-1);
    assert.equal(last?.by, `operator:${operator.email}`);
    assert.equal(last?.reason, 'voided at the bank by hand');
    assert.equal(await stockOf(sku), 3, 'released once, before the decision');
    assert.ok(!['VOIDED', 'REFUNDED'].includes((await paymentOf(orderId)).status), 'the saga undid nothing more: the operator settled it');
  });

  it("shows every worker's breakers and changes the payment simulator", async () => {
    const breakers = await eventually('a worker report', async () => {
      const response = await get<WorkerBreakers>('/breakers');
      return response.body.workers.length > 0 ? response.body : undefined;
    });
    assert.ok(breakers.workers.every((worker) => worker.taskQueue === system.taskQueue));
    assert.ok(
      breakers.workers[0].breakers.some((breaker) => breaker.service === 'payment'),
      JSON.stringify(breakers),
    );

    const before = await get<SimulatorSettings>('/simulator');
    assert.equal(before.status, 200);
    const changed = await post<SimulatorSettings>('/simulator', { transientFailureRate: 0.9, slowCardDelayMs: 250 });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.transientFailureRate, 0.9);
    assert.equal((await get<SimulatorSettings>('/simulator')).body.slowCardDelayMs, 250);
    assertError(await post('/simulator', { transientFailureRate: 2 }), 400, 'VALIDATION.INVALID_REQUEST');
    await post('/simulator', before.body);
  });
});
