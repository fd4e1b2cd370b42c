import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ProductDto } from '../../../src/contexts/inventory/contract.js';
import type { OrderDto } from '../../../src/contexts/order/contract.js';
import type { PaymentDto } from '../../../src/contexts/payment/contract.js';
import { TEST_CARDS } from '../../../src/contexts/payment/contract.js';
import { ORDER_TRANSITIONS } from '../../../src/contexts/order/domain/order-status.value.js';
import { registerShopper, type OrderView, type PlaceOrderResponse, type Shopper } from '../../integration/gateway/gateway-client.js';
import { http } from '../../support/services.js';
import { eventually } from '../../support/system.js';
import type { TestCluster } from './cluster.js';

export { TEST_CARDS, type Shopper };

/** A shopper signed up through nginx, as the storefront does. */
export function newShopper(cluster: TestCluster): Promise<Shopper> {
  return registerShopper(cluster.url);
}

/** A product of its own (test ids never collide), created at the inventory service. */
export async function newProduct(cluster: TestCluster, stock: number, priceMinor = 1000): Promise<string> {
  const sku = `C-${randomUUID().slice(0, 8).toUpperCase()}`;
  const response = await http(cluster.services.inventory, 'POST', '/products', {
    sku,
    name: `Item ${sku}`,
    priceMinor,
    currency: 'EUR',
    stock,
  });
  assert.equal(response.status, 201, JSON.stringify(response.body));
  return sku;
}

export async function stockOf(cluster: TestCluster, sku: string): Promise<number> {
  const response = await http<ProductDto>(cluster.services.inventory, 'GET', `/products/${sku}`);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.stockAvailable;
}

export async function paymentOf(cluster: TestCluster, orderId: string): Promise<PaymentDto | undefined> {
  const response = await http<PaymentDto>(cluster.services.payment, 'GET', `/payments/${orderId}`);
  return response.status === 200 ? response.body : undefined;
}

/** Places an order through `base` (nginx unless a gateway is named); returns the order id. */
export async function placeOrder(
  base: string,
  shopper: Shopper,
  lines: { sku: string; quantity: number }[],
  cardNumber: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await http<PlaceOrderResponse>(base, 'POST', '/api/orders', { lines, cardNumber }, { ...shopper.headers, ...headers });
  assert.ok(response.status === 202 || response.status === 200, `${response.status} ${JSON.stringify(response.body)}`);
  return response.body.orderId;
}

export async function orderView(base: string, shopper: Shopper, orderId: string): Promise<OrderView> {
  const response = await http<OrderView>(base, 'GET', `/api/orders/${orderId}`, undefined, shopper.headers);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body;
}

/** Statuses the order's state machine never leaves, and REJECTED (the saga refused it before the order existed). */
const FINAL: ReadonlySet<string> = new Set([
  ...Object.entries(ORDER_TRANSITIONS)
    .filter(([, next]) => next.length === 0)
    .map(([status]) => status),
  'REJECTED',
]);

export const isFinal = (status: string): boolean => FINAL.has(status);

/** The order's status as the order service records it (no Temporal involved: readable while a role is down). */
export async function recordedStatus(cluster: TestCluster, orderId: string): Promise<string | undefined> {
  const response = await http<OrderDto>(cluster.services.order, 'GET', `/orders/${orderId}`);
  return response.status === 200 ? response.body.status : undefined;
}

/** Waits until every order has a final status at the order service; returns the statuses by order id. */
export async function finalStatuses(cluster: TestCluster, orderIds: string[], timeoutMs: number): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  await eventually(
    `${orderIds.length} orders to reach a final status`,
    async () => {
      for (const orderId of orderIds) {
        if (statuses.has(orderId)) continue;
        const status = await recordedStatus(cluster, orderId);
        if (status && FINAL.has(status)) statuses.set(orderId, status);
      }
      return statuses.size === orderIds.length ? true : undefined;
    },
    timeoutMs,
  ).catch((error: unknown) => {
    const missing = orderIds.filter((id) => !statuses.has(id));
    throw new Error(`${error instanceof Error ? error.message : String(error)}; not final: ${missing.length} (e.g. ${missing[0]})`);
  });
  return statuses;
}
