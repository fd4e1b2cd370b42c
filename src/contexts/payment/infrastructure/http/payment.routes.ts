import Router from '@koa/router';
import type { AppState } from '../../../../shared/infrastructure/http/app.js';
import { HttpError } from '../../../../shared/infrastructure/http/errors.js';
import { validate } from '../../../../shared/infrastructure/http/validation.js';
import {
  ChargeRequestSchema,
  CreatePaymentMethodRequestSchema,
  OrderIdParamsSchema,
  PaymentMethodIdParamsSchema,
  RefundRequestSchema,
  UpdateSimulatorSettingsRequestSchema,
} from '../../contract.js';
import { ProviderUnavailable } from '../../domain/payment.errors.js';
import type { PaymentUseCases } from '../../payment.module.js';
import { toPaymentDto, toPaymentMethodDto, toSimulatorSettingsDto } from './payment.presenter.js';

/** Internal REST API of the payment context (reached by the worker and the gateway, never by browsers). */
export function paymentRoutes(useCases: PaymentUseCases): Router<AppState> {
  const router = new Router<AppState>();

  router.post('/payment-methods', async (ctx) => {
    const body = validate(CreatePaymentMethodRequestSchema, ctx.request.body, 'body');
    ctx.status = 201;
    ctx.body = toPaymentMethodDto(await useCases.createPaymentMethod.execute(body));
  });

  router.get('/payment-methods/:id', async (ctx) => {
    const { id } = validate(PaymentMethodIdParamsSchema, ctx.params, 'params');
    ctx.body = toPaymentMethodDto(await useCases.getPaymentMethod.execute(id));
  });

  router.post('/payments/charges', async (ctx) => {
    const body = validate(ChargeRequestSchema, ctx.request.body, 'body');
    try {
      const view = await useCases.chargePayment.execute(body);
      ctx.status = view.payment.status === 'REQUIRES_CONFIRMATION' ? 202 : 201;
      ctx.body = toPaymentDto(view);
    } catch (error) {
      if (error instanceof ProviderUnavailable) {
        // Deliberately a 5xx: callers treat it as "retry", which is exactly what this failure wants.
        throw new HttpError(503, error.code, error.message, { orderId: error.orderId, attempt: error.attempt }, { 'retry-after': '1' });
      }
      throw error;
    }
  });

  router.post('/payments/:orderId/confirm', async (ctx) => {
    const { orderId } = validate(OrderIdParamsSchema, ctx.params, 'params');
    ctx.body = toPaymentDto(await useCases.confirmPayment.execute(orderId));
  });

  router.post('/payments/:orderId/refund', async (ctx) => {
    const { orderId } = validate(OrderIdParamsSchema, ctx.params, 'params');
    const { reason } = validate(RefundRequestSchema, ctx.request.body ?? {}, 'body');
    ctx.body = toPaymentDto(await useCases.refundPayment.execute(orderId, reason ?? null));
  });

  router.get('/payments/:orderId', async (ctx) => {
    const { orderId } = validate(OrderIdParamsSchema, ctx.params, 'params');
    ctx.body = toPaymentDto(await useCases.getPayment.execute(orderId));
  });

  router.get('/simulator/settings', async (ctx) => {
    ctx.body = toSimulatorSettingsDto(await useCases.getSimulatorSettings.execute());
  });

  router.put('/simulator/settings', async (ctx) => {
    const patch = validate(UpdateSimulatorSettingsRequestSchema, ctx.request.body, 'body');
    ctx.body = toSimulatorSettingsDto(await useCases.updateSimulatorSettings.execute(patch));
  });

  return router;
}
