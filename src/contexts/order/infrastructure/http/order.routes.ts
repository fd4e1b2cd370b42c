import Router from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../../../../shared/infrastructure/http/app.js';
import { validate } from '../../../../shared/infrastructure/http/validation.js';
import { CreateOrderRequestSchema, ListOrdersQuerySchema, OrderIdSchema, TransitionOrderRequestSchema } from '../../contract.js';
import type { OrderUseCases } from '../../order.module.js';
import { toOrderDto } from './order.presenter.js';

const OrderParams = z.object({ id: OrderIdSchema });

/** Internal REST API of the order context (reached by the worker and the gateway, never by browsers). */
export function orderRoutes(useCases: OrderUseCases): Router<AppState> {
  const router = new Router<AppState>();

  router.post('/orders', async (ctx) => {
    const body = validate(CreateOrderRequestSchema, ctx.request.body, 'body');
    ctx.state.log = ctx.state.log.child({ orderId: body.id });
    const { order, created } = await useCases.createOrder.execute(body);
    // 200 on a repeat tells a retrying caller its first attempt already went through.
    ctx.status = created ? 201 : 200;
    ctx.body = toOrderDto(order);
  });

  router.get('/orders', async (ctx) => {
    const query = validate(ListOrdersQuerySchema, ctx.query, 'query');
    const page = await useCases.listCustomerOrders.execute(query);
    ctx.body = { items: page.items.map(toOrderDto), total: page.total, limit: query.limit, offset: query.offset };
  });

  router.get('/orders/:id', async (ctx) => {
    const { id } = validate(OrderParams, ctx.params, 'params');
    ctx.body = toOrderDto(await useCases.getOrder.execute(id));
  });

  router.post('/orders/:id/transitions', async (ctx) => {
    const { id } = validate(OrderParams, ctx.params, 'params');
    const body = validate(TransitionOrderRequestSchema, ctx.request.body, 'body');
    ctx.state.log = ctx.state.log.child({ orderId: id });
    ctx.body = toOrderDto(await useCases.transitionOrder.execute({ orderId: id, ...body }));
  });

  return router;
}
