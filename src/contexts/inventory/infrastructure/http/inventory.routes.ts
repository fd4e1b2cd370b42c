import Router from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../../../../shared/infrastructure/http/app.js';
import { HttpError } from '../../../../shared/infrastructure/http/errors.js';
import { validate } from '../../../../shared/infrastructure/http/validation.js';
import {
  AddProductRequestSchema,
  ListProductsQuerySchema,
  OrderIdSchema,
  ReserveStockRequestSchema,
  SetStockRequestSchema,
  SkuSchema,
  STOCK_VERSION_PATH,
} from '../../contract.js';
import type { InventoryUseCases } from '../../inventory.module.js';
import { toProductDto, toReservationDto } from './inventory.presenter.js';

const SkuParams = z.object({ sku: SkuSchema });
const OrderParams = z.object({ orderId: OrderIdSchema });

/** Internal REST API of the inventory context (reached by the worker and the gateway, never by browsers). */
export function inventoryRoutes(useCases: InventoryUseCases, stockChanges?: { readonly version: string | undefined }): Router<AppState> {
  const router = new Router<AppState>();

  // Polled by catalog caches (the gateway's) a few times a second: answered from memory.
  router.get(STOCK_VERSION_PATH, (ctx) => {
    // Five polls a second per gateway would drown the real requests in the log.
    ctx.state.quietLog = true;
    const version = stockChanges?.version;
    if (version === undefined) {
      throw new HttpError(503, 'SERVICE_UNAVAILABLE', 'Stock changes cannot be followed right now', undefined, { 'Retry-After': '1' });
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { version };
  });

  router.get('/products', async (ctx) => {
    const query = validate(ListProductsQuerySchema, ctx.query, 'query');
    const page = await useCases.listProducts.execute(query);
    ctx.body = { items: page.items.map(toProductDto), total: page.total, limit: query.limit, offset: query.offset };
  });

  router.get('/products/:sku', async (ctx) => {
    const { sku } = validate(SkuParams, ctx.params, 'params');
    ctx.body = toProductDto(await useCases.getProduct.execute(sku));
  });

  router.post('/products', async (ctx) => {
    const body = validate(AddProductRequestSchema, ctx.request.body, 'body');
    ctx.status = 201;
    ctx.body = toProductDto(await useCases.addProduct.execute(body));
  });

  router.put('/products/:sku/stock', async (ctx) => {
    const { sku } = validate(SkuParams, ctx.params, 'params');
    const { stock } = validate(SetStockRequestSchema, ctx.request.body, 'body');
    ctx.body = toProductDto(await useCases.setStock.execute(sku, stock));
  });

  router.post('/reservations', async (ctx) => {
    const body = validate(ReserveStockRequestSchema, ctx.request.body, 'body');
    ctx.body = toReservationDto(await useCases.reserveStock.execute(body.orderId, body.lines));
  });

  router.post('/reservations/:orderId/release', async (ctx) => {
    const { orderId } = validate(OrderParams, ctx.params, 'params');
    ctx.body = toReservationDto(await useCases.releaseStock.execute(orderId));
  });

  router.post('/reservations/:orderId/commit', async (ctx) => {
    const { orderId } = validate(OrderParams, ctx.params, 'params');
    ctx.body = toReservationDto(await useCases.commitStock.execute(orderId));
  });

  return router;
}
