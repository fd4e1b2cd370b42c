import Router from '@koa/router';
import type { InventoryClient } from '../../contexts/inventory/contract.js';
import type { OrderClient, OrderDto } from '../../contexts/order/contract.js';
import type { AppState } from '../../shared/infrastructure/http/app.js';
import { HttpError } from '../../shared/infrastructure/http/errors.js';
import { RemoteServiceError, RemoteServiceUnavailable } from '../../shared/infrastructure/http/json-client.js';
import { validate } from '../../shared/infrastructure/http/validation.js';
import type { SagaProgress } from '../../workflows/order-saga.messages.js';
import {
  CancelOrderBodySchema,
  IdempotencyKeySchema,
  OrderIdParamsSchema,
  PlaceOrderBodySchema,
  ProductsQuerySchema,
  SkuParamsSchema,
} from './gateway.schemas.js';
import type { OrderWorkflows } from './order-workflows.js';

export interface GatewayDependencies {
  inventory: InventoryClient;
  orders: OrderClient;
  workflows: OrderWorkflows;
}

/** Public API. Downstream services stay internal; their coded errors pass through unchanged. */
export function gatewayRoutes(deps: GatewayDependencies): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api' });

  router.get('/products', async (ctx) => {
    const query = validate(ProductsQuerySchema, ctx.query, 'query');
    ctx.body = await downstream(() => deps.inventory.listProducts(query));
  });

  router.get('/products/:sku', async (ctx) => {
    const { sku } = validate(SkuParamsSchema, ctx.params, 'params');
    ctx.body = await downstream(() => deps.inventory.getProduct(sku));
  });

  router.post('/orders', async (ctx) => {
    const body = validate(PlaceOrderBodySchema, ctx.request.body, 'body');
    const rawKey = ctx.get('idempotency-key');
    const key = rawKey ? validate(IdempotencyKeySchema, rawKey, 'body') : undefined;
    const started = await deps.workflows.place(body, key);
    ctx.status = 202;
    ctx.set('Location', `/api/orders/${started.orderId}`);
    if (!started.created) ctx.set('Idempotent-Replayed', 'true');
    ctx.body = { orderId: started.orderId, status: 'ACCEPTED', links: { self: `/api/orders/${started.orderId}` } };
  });

  router.get('/orders/:id', async (ctx) => {
    const { id } = validate(OrderIdParamsSchema, ctx.params, 'params');
    ctx.body = await orderView(deps, id);
  });

  router.post('/orders/:id/cancel', async (ctx) => {
    const { id } = validate(OrderIdParamsSchema, ctx.params, 'params');
    const body = validate(CancelOrderBodySchema, ctx.request.body ?? {}, 'body');
    const progress = await deps.workflows.cancel(id, body.reason);
    ctx.status = 202;
    ctx.body = { orderId: id, cancellationRequested: true, saga: sagaView(progress) };
  });

  router.post('/orders/:id/payment-confirmation', async (ctx) => {
    const { id } = validate(OrderIdParamsSchema, ctx.params, 'params');
    const progress = await deps.workflows.confirmPayment(id);
    ctx.status = 202;
    ctx.body = { orderId: id, paymentConfirmed: true, saga: sagaView(progress) };
  });

  return router;
}

/**
 * The order service is the source of truth; the saga adds what is happening right now. Before
 * the order exists (or when the saga refused it) the saga alone answers.
 */
export async function orderView(deps: GatewayDependencies, id: string) {
  const [order, saga] = await Promise.all([
    downstream(() => deps.orders.get(id)).catch((error) => {
      if (error instanceof HttpError && error.status === 404) return undefined;
      throw error;
    }),
    deps.workflows.progress(id),
  ]);
  if (!order && !saga) throw new HttpError(404, 'ORDER.NOT_FOUND', `No order ${id}`);
  return {
    id,
    status: order?.status ?? (saga?.progress?.outcome === 'REJECTED' ? 'REJECTED' : 'PROCESSING'),
    order: order ?? null,
    saga: saga?.progress ? sagaView(saga.progress) : null,
  } satisfies { id: string; status: string; order: OrderDto | null; saga: unknown };
}

function sagaView(progress: SagaProgress) {
  return {
    currentStep: progress.currentStep,
    outcome: progress.outcome,
    reasonCode: progress.reasonCode ?? null,
    reason: progress.reason ?? null,
    awaitingPaymentConfirmation: progress.awaitingPaymentConfirmation,
    paymentCaptured: progress.paymentCaptured,
    cancellable: progress.cancellable,
    steps: progress.steps,
  };
}

/** Downstream coded errors keep their status and code; an unreachable service is a 503, not a 500. */
async function downstream<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RemoteServiceError) throw new HttpError(error.status, error.code, error.message, error.details);
    if (error instanceof RemoteServiceUnavailable) {
      throw new HttpError(503, 'SERVICE_UNAVAILABLE', `${error.service} is unavailable right now`, undefined, { 'Retry-After': '5' });
    }
    throw error;
  }
}
