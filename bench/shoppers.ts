/**
 * Shoppers as the storefront is one: registered through the public API, each with a socket.io
 * connection (WebSocket, the access token in the handshake) on which the saga's `order.progress`
 * events arrive. An order is final when an event moves it to a final status; that push, not a
 * poll, is what the accept-to-final latency measures.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { TEST_CARDS } from '../src/contexts/payment/contract.js';
import { REALTIME_EVENTS, type OrderProgressEvent } from '../src/shared/infrastructure/realtime/realtime.contract.js';

/** Statuses after which the saga changes nothing more the shopper sees (NEEDS_ATTENTION waits for a person). */
const FINAL_STATUSES = new Set(['CONFIRMED', 'CANCELLED', 'CANCELLED_MANUALLY', 'NEEDS_ATTENTION']);

/** How long a POST /api/orders may take before the bench gives up on it. */
const ACCEPT_TIMEOUT_MS = 30_000;

export type CardKind = 'APPROVE' | 'DECLINE' | 'TRANSIENT_FAILURE';

export interface Shopper {
  customerId: string;
  token: string;
  socket: Socket;
}

export interface Final {
  status: string;
  at: number;
}

export interface PlacedOrder {
  orderId: string;
  /** performance.now() when the request was sent and when its 202 arrived. */
  sentAt: number;
  acceptedAt: number;
}

/** Remembers finals by order id (a push may beat the 202 that names the order) and wakes whoever waits. */
export class OrderTracker {
  private readonly finals = new Map<string, Final>();
  private readonly waiters = new Map<string, (final: Final) => void>();

  observe(event: OrderProgressEvent): void {
    if (!event.orderStatus || !FINAL_STATUSES.has(event.orderStatus) || this.finals.has(event.orderId)) return;
    const final = { status: event.orderStatus, at: performance.now() };
    this.finals.set(event.orderId, final);
    this.waiters.get(event.orderId)?.(final);
    this.waiters.delete(event.orderId);
  }

  finalOf(orderId: string): Final | undefined {
    return this.finals.get(orderId);
  }

  /** The order's final, or undefined when none came within `timeoutMs`. */
  waitFinal(orderId: string, timeoutMs: number): Promise<Final | undefined> {
    const known = this.finals.get(orderId);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(orderId);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.set(orderId, (final) => {
        clearTimeout(timer);
        resolve(final);
      });
    });
  }
}

export class Shop {
  readonly tracker = new OrderTracker();
  readonly shoppers: Shopper[] = [];
  private next = 0;

  constructor(
    readonly gatewayUrl: string,
    private readonly skus: readonly string[],
  ) {}

  /** Registers `count` customers (a few at a time: password hashing is deliberately slow) and connects their sockets. */
  async register(count: number, runId: string): Promise<void> {
    const batch = 4;
    for (let start = 0; start < count; start += batch) {
      const size = Math.min(batch, count - start);
      const created = await Promise.all(
        Array.from({ length: size }, (_, offset) => this.registerOne(`bench-${runId}-${start + offset}@example.com`)),
      );
      this.shoppers.push(...created);
    }
  }

  private async registerOne(email: string): Promise<Shopper> {
    const response = await fetch(`${this.gatewayUrl}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, name: 'Bench Shopper', password: 'bench password 0123' }),
    });
    if (response.status !== 201) throw new Error(`register ${email}: HTTP ${response.status} ${await response.text()}`);
    const { token, customer } = (await response.json()) as { token: string; customer: { id: string } };
    const socket = io(this.gatewayUrl, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnectionDelay: 200 });
    socket.on(REALTIME_EVENTS.orderProgress, (event: OrderProgressEvent) => this.tracker.observe(event));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`socket of ${email} did not connect within 10 s`)), 10_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { customerId: customer.id, token, socket };
  }

  /** The shoppers in turn, so orders spread over customers. */
  nextShopper(): Shopper {
    return this.shoppers[this.next++ % this.shoppers.length];
  }

  /** POST /api/orders: one line of a random demo product, paid with the test card of `card`. */
  async place(shopper: Shopper, card: CardKind): Promise<PlacedOrder> {
    const sku = this.skus[Math.floor(Math.random() * this.skus.length)];
    const sentAt = performance.now();
    const response = await fetch(`${this.gatewayUrl}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${shopper.token}` },
      body: JSON.stringify({ lines: [{ sku, quantity: 1 }], cardNumber: TEST_CARDS[card].number }),
      // An overloaded system must not hold a step open for minutes: a slow accept counts as an error.
      signal: AbortSignal.timeout(ACCEPT_TIMEOUT_MS),
    });
    const acceptedAt = performance.now();
    if (response.status !== 202) throw new Error(`place order: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
    const { orderId } = (await response.json()) as { orderId: string };
    return { orderId, sentAt, acceptedAt };
  }

  close(): void {
    for (const shopper of this.shoppers) shopper.socket.close();
  }
}

/** Mostly approving cards, some declining, some transient (8:1:1), spread evenly over the run. */
export function cardFor(index: number): CardKind {
  const slot = index % 10;
  return slot === 4 ? 'DECLINE' : slot === 9 ? 'TRANSIENT_FAILURE' : 'APPROVE';
}
