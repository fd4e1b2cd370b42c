import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import type { NotificationCreatedEvent, OrderProgressEvent } from '../../../src/shared/infrastructure/realtime/realtime.contract.js';
import { http } from '../../support/services.js';
import { eventually, startTestSystem, type TestSystem } from '../../support/system.js';
import { newProduct, registerShopper, type OrderView, type PlaceOrderResponse, type Shopper } from './gateway-client.js';
import { TEST_CARDS } from '../../../src/contexts/payment/contract.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface GatewayProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything the process printed (JSON log lines). */
  output: string[];
}

/** A gateway as its own OS process (`node --import tsx src/apps/gateway/main.ts`), on a port it picks. */
function spawnGateway(name: string, env: Record<string, string>): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/apps/gateway/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, GATEWAY_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not log its URL within 60 s:\n${output.join('\n')}`)), 60_000);
    const onLine = (line: string) => {
      output.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'gateway listening' && entry.url) {
          clearTimeout(timer);
          resolve({ name, url: entry.url, child, output });
        }
      } catch {
        // not a log line (a stack trace on stderr): kept in output for the failure message
      }
    };
    readline.createInterface({ input: child.stdout }).on('line', onLine);
    readline.createInterface({ input: child.stderr }).on('line', onLine);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before listening:\n${output.join('\n')}`));
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(killer);
}

interface Listener {
  socket: Socket;
  progress: OrderProgressEvent[];
  notifications: NotificationCreatedEvent[];
}

function listen(url: string, token: string): Promise<Listener> {
  const socket = connect(url, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
  const listener: Listener = { socket, progress: [], notifications: [] };
  socket.on('order.progress', (event: OrderProgressEvent) => listener.progress.push(event));
  socket.on('notification.created', (event: NotificationCreatedEvent) => listener.notifications.push(event));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(listener));
    socket.once('connect_error', (error) => reject(error));
  });
}

function refused(url: string, auth: Record<string, unknown>): Promise<string> {
  const socket = connect(url, { path: '/socket.io', auth, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.close();
      reject(new Error('connected without a valid token'));
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message);
    });
  });
}

/**
 * Real-time push across processes: two gateway processes share the events database through the
 * socket.io Postgres adapter. A shopper's socket is on gateway A, the order is placed through
 * gateway B, the saga runs on the worker (this process), and the notification service emits its
 * own events: every one must reach the shopper on A, and none another shopper.
 */
describe('gateway: socket.io push with two gateway processes', function () {
  this.timeout(90_000);
  let system: TestSystem;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let alice: Shopper;
  let bob: Shopper;
  const sockets: Socket[] = [];

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    // Gateway A lets a customer hold 3 sockets (20 by default), so the limit is quick to reach.
    [a, b] = await Promise.all([
      spawnGateway('gateway-a', { ...system.gatewayEnv, SOCKETS_PER_CUSTOMER_MAX: '3' }),
      spawnGateway('gateway-b', system.gatewayEnv),
    ]);
    assert.notEqual(a.url, b.url);
    [alice, bob] = await Promise.all([registerShopper(b.url, { name: 'Alice' }), registerShopper(b.url, { name: 'Bob' })]);
  });
  after(async function () {
    this.timeout(60_000);
    for (const socket of sockets) socket.close();
    await Promise.all([a, b].filter(Boolean).map((gateway) => stopProcess(gateway.child)));
    await system?.stop();
  });

  async function listenAs(shopper: Shopper, gateway: GatewayProcess): Promise<Listener> {
    const listener = await listen(gateway.url, shopper.token);
    sockets.push(listener.socket);
    return listener;
  }

  async function placeOn(gateway: GatewayProcess, shopper: Shopper): Promise<string> {
    const sku = await newProduct(system, 5);
    const order = { lines: [{ sku, quantity: 1 }], cardNumber: TEST_CARDS.APPROVE.number };
    const response = await http<PlaceOrderResponse>(gateway.url, 'POST', '/api/orders', order, shopper.headers);
    assert.equal(response.status, 202, JSON.stringify(response.body));
    return response.body.orderId;
  }

  const confirmed = (listener: Listener, orderId: string) =>
    eventually(
      `order ${orderId} to be pushed through to CONFIRMED`,
      () => {
        const final = listener.progress.find((e) => e.orderId === orderId && e.step === 'confirm-order' && e.status === 'completed');
        const notified = listener.notifications.find(
          (e) => e.notification.orderId === orderId && e.notification.type === 'ORDER_CONFIRMED',
        );
        // Nothing to wait for here: the events arrive on the sockets, this only looks at what came.
        return Promise.resolve(final && notified ? { final, notified } : undefined);
      },
      30_000,
    );

  it('refuses a socket without a valid token in the handshake', async () => {
    assert.equal(await refused(a.url, {}), 'AUTH.UNAUTHENTICATED');
    assert.equal(await refused(a.url, { token: 'not.a.token' }), 'AUTH.UNAUTHENTICATED');
    assert.equal(await refused(a.url, { token: `${alice.token.slice(0, -3)}abc` }), 'AUTH.UNAUTHENTICATED');
    assert.equal(await refused(b.url, { token: 42 }), 'AUTH.UNAUTHENTICATED');
  });

  it('refuses a customer more sockets than SOCKETS_PER_CUSTOMER_MAX on one gateway, and frees the place when one closes', async () => {
    const carol = await registerShopper(b.url, { name: 'Carol' });
    const three = await Promise.all([listenAs(carol, a), listenAs(carol, a), listenAs(carol, a)]);
    assert.equal(await refused(a.url, { token: carol.token }), 'SOCKET.TOO_MANY');
    // Per customer and per gateway: another customer on A, and Carol on B, are not affected.
    (await listenAs(bob, a)).socket.close();
    (await listenAs(carol, b)).socket.close();
    three[0].socket.close();
    await eventually('the closed socket to free its place', async () => {
      try {
        return await listenAs(carol, a);
      } catch {
        return undefined;
      }
    });
    assert.equal(await refused(a.url, { token: carol.token }), 'SOCKET.TOO_MANY');
  });

  it("a customer's socket on gateway A receives every step of an order placed on gateway B, and nobody else's", async () => {
    const [aliceOnA, bobOnA, bobOnB] = await Promise.all([listenAs(alice, a), listenAs(bob, a), listenAs(bob, b)]);

    const aliceOrder = await placeOn(b, alice);
    const { final, notified } = await confirmed(aliceOnA, aliceOrder);
    assert.equal(final.orderStatus, 'CONFIRMED');
    assert.equal(final.customerId, alice.id);
    assert.equal(notified.notification.customerId, alice.id);

    // Every forward step, started and completed, in order, with the status moves on the way.
    const steps = aliceOnA.progress.filter((e) => e.orderId === aliceOrder);
    const timeline = steps.map((e) => `${e.step}:${e.status}`);
    for (const step of ['verify-customer', 'create-order', 'reserve-stock', 'charge-payment', 'commit-stock', 'confirm-order']) {
      const started = timeline.indexOf(`${step}:started`);
      const completed = timeline.indexOf(`${step}:completed`);
      assert.ok(started >= 0 && completed > started, `${step} started then completed in ${timeline.join(', ')}`);
    }
    assert.deepEqual(
      steps.filter((e) => e.orderStatus).map((e) => e.orderStatus),
      ['PENDING', 'STOCK_RESERVED', 'PAID', 'CONFIRMED'],
    );

    // Bob's order, placed on B too: Bob gets it on both gateways, Alice does not.
    const bobOrder = await placeOn(b, bob);
    await confirmed(bobOnA, bobOrder);
    await confirmed(bobOnB, bobOrder);
    assert.ok(
      aliceOnA.progress.every((e) => e.customerId === alice.id && e.orderId === aliceOrder),
      'Alice saw only her own order',
    );
    assert.ok(aliceOnA.notifications.every((e) => e.notification.customerId === alice.id));
    for (const listener of [bobOnA, bobOnB]) {
      assert.ok(
        listener.progress.every((e) => e.customerId === bob.id && e.orderId === bobOrder),
        "Bob saw none of Alice's events",
      );
      assert.ok(listener.notifications.every((e) => e.notification.customerId === bob.id));
    }

    // Push is a hint; the API is the record, and says the same through either gateway.
    for (const gateway of [a, b]) {
      const view = await http<OrderView>(gateway.url, 'GET', `/api/orders/${aliceOrder}`, undefined, alice.headers);
      assert.equal(view.body.status, 'CONFIRMED', `${gateway.name}: ${view.status} ${JSON.stringify(view.body)}`);
    }
  });

  it('a gateway process shuts down cleanly on SIGTERM, closing its sockets', async () => {
    const listener = await listenAs(alice, b);
    const disconnected = new Promise<string>((resolve) => listener.socket.once('disconnect', resolve));
    const exited = new Promise<number | null>((resolve) => b.child.once('exit', (code) => resolve(code)));
    b.child.kill('SIGTERM');
    assert.equal(await exited, 0, b.output.slice(-5).join('\n'));
    assert.ok(await disconnected);
    // Gateway A is untouched and still serves.
    assert.equal((await http(a.url, 'GET', '/api/me', undefined, alice.headers)).status, 200);
  });

  it('the gateway processes log their requests but never a password or a token', () => {
    const logs = [...a.output, ...b.output].join('\n');
    assert.match(logs, /"path":"\/api\/auth\/register"/);
    for (const secret of [alice.password, bob.password, alice.token, bob.token]) {
      assert.ok(!logs.includes(secret), 'a secret reached the log');
    }
  });
});
