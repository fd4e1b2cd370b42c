import { downstream } from '../http/downstream.js';
import { route, type AnyRoute } from '../http/route-table.js';
import {
  CancelOrderBodySchema,
  CancelOrderResponseSchema,
  ConfirmPaymentResponseSchema,
  OrderIdParamsSchema,
  OrderPageSchema,
  OrdersQuerySchema,
  OrderViewSchema,
  PlaceOrderBodySchema,
  PlaceOrderHeadersSchema,
  PlaceOrderResponseSchema,
} from '../schemas/order.schemas.js';
import type { GatewayDependencies } from './gateway-dependencies.js';
import { orderView, ownOrder, placedOrder, refuseUnknownSkus, sagaCall, sagaView, skuCheckOf, updatedSaga } from './order-access.js';

const TAG = 'Orders';

/** The signed-in customer's orders: placed through the saga, read from the order service and the saga. */
export function orderRoutes(deps: GatewayDependencies): AnyRoute[] {
  const skuCheck = deps.catalog ?? skuCheckOf(deps.inventory);
  return [
    route({
      method: 'post',
      path: '/orders',
      operationId: 'placeOrder',
      tag: TAG,
      summary: 'Place an order (starts the saga and returns at once)',
      description:
        'The order is placed for the customer the token names. ' +
        'Follow it with GET /api/orders/{id} or the socket.io `order.progress` events.',
      auth: true,
      rateLimit: 'orders',
      request: { body: PlaceOrderBodySchema, headers: PlaceOrderHeadersSchema },
      response: {
        status: 202,
        description: 'Accepted: the saga runs in the background',
        schema: PlaceOrderResponseSchema,
        headers: {
          Location: 'the order view',
          'Idempotent-Replayed': '`true` when an earlier request with this Idempotency-Key already placed the order',
        },
      },
      errors: {
        422:
          'INVENTORY.PRODUCT_NOT_FOUND: a sku is not in the catalog ' +
          '(details.issues: [{ path: "body.lines.0.sku", code, message }] per unknown line; nothing was started); ' +
          'IDEMPOTENCY.KEY_REUSED: the Idempotency-Key was used with a different body',
      },
      async handle({ body, headers, principal, ctx }) {
        const request = { customerId: principal.customerId, ...body };
        // Side by side, so the accept path waits for one of them only: the sku check (normally
        // answered from the catalog cache's memory) and the card's tokenization. The card goes to
        // the payment context and nowhere else: the saga (and so Temporal's history) carries only
        // the opaque token it answers with. A token issued for an order refused here is never used.
        const [, method] = await Promise.all([
          refuseUnknownSkus(skuCheck, body.lines, ctx.state.log),
          downstream(() => deps.payments.createPaymentMethod({ customerId: request.customerId, cardNumber: request.cardNumber })),
        ]);
        // The one Temporal call of the accept path.
        const placed = placedOrder(
          await sagaCall(() => deps.workflows.place(request, { paymentMethodId: method.id }, headers['idempotency-key'])),
        );
        const self = `/api/orders/${placed.orderId}`;
        ctx.set('Location', self);
        if (placed.replayed) ctx.set('Idempotent-Replayed', 'true');
        return { orderId: placed.orderId, status: 'ACCEPTED' as const, links: { self } };
      },
    }),

    route({
      method: 'get',
      path: '/orders',
      operationId: 'listOrders',
      tag: TAG,
      summary: 'My orders, newest first',
      auth: true,
      request: { query: OrdersQuerySchema },
      response: { status: 200, description: 'A page of orders', schema: OrderPageSchema },
      handle: ({ query, principal }) => downstream(() => deps.orders.listForCustomer(principal.customerId, query)),
    }),

    route({
      method: 'get',
      path: '/orders/:id',
      operationId: 'getOrder',
      tag: TAG,
      summary: 'One of my orders, with what its saga is doing',
      description: "The source of truth after a reconnect. Another customer's order is a 404, like a missing one.",
      auth: true,
      request: { params: OrderIdParamsSchema },
      response: { status: 200, description: 'The order view', schema: OrderViewSchema },
      errors: { 404: 'ORDER.NOT_FOUND' },
      handle: async ({ params, principal }) => orderView(params.id, await ownOrder(deps, params.id, principal.customerId)),
    }),

    route({
      method: 'post',
      path: '/orders/:id/cancel',
      operationId: 'cancelOrder',
      tag: TAG,
      summary: 'Ask the saga to cancel (possible until payment is captured)',
      auth: true,
      request: { params: OrderIdParamsSchema, body: CancelOrderBodySchema },
      response: {
        status: 202,
        description: 'Cancellation requested; compensation runs in the background',
        schema: CancelOrderResponseSchema,
      },
      errors: { 404: 'ORDER.NOT_FOUND', 409: 'ORDER.CANCEL_TOO_LATE (payment captured), ORDER.ALREADY_FINISHED' },
      async handle({ params, body, principal }) {
        await ownOrder(deps, params.id, principal.customerId);
        const progress = updatedSaga(params.id, await sagaCall(() => deps.workflows.cancel(params.id, body.reason)));
        return { orderId: params.id, cancellationRequested: true as const, saga: sagaView(progress) };
      },
    }),

    route({
      method: 'post',
      path: '/orders/:id/payment-confirmation',
      operationId: 'confirmPayment',
      tag: TAG,
      summary: 'Confirm a payment that asked for it (3-D Secure card)',
      auth: true,
      request: { params: OrderIdParamsSchema },
      response: { status: 202, description: 'Confirmed; the saga resumes', schema: ConfirmPaymentResponseSchema },
      errors: { 404: 'ORDER.NOT_FOUND', 409: 'PAYMENT.NOT_AWAITING_CONFIRMATION, ORDER.ALREADY_FINISHED' },
      async handle({ params, principal }) {
        await ownOrder(deps, params.id, principal.customerId);
        const progress = updatedSaga(params.id, await sagaCall(() => deps.workflows.confirmPayment(params.id)));
        return { orderId: params.id, paymentConfirmed: true as const, saga: sagaView(progress) };
      },
    }),
  ];
}
