import Router from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../../../../shared/infrastructure/http/app.js';
import { validate } from '../../../../shared/infrastructure/http/validation.js';
import {
  CustomerIdSchema,
  FindCustomersQuerySchema,
  LookupCredentialsRequestSchema,
  RegisterCustomerRequestSchema,
  RoleChangeRequestSchema,
  UpdateCustomerProfileRequestSchema,
} from '../../contract.js';
import type { CustomerUseCases } from '../../customer.module.js';
import { toCredentialsDto, toCustomerDto, toEligibilityDto } from './customer.presenter.js';

const IdParams = z.object({ id: CustomerIdSchema });

/** Internal REST API of the customer context (reached by the gateway and the worker, never by browsers). */
export function customerRoutes(useCases: CustomerUseCases): Router<AppState> {
  const router = new Router<AppState>();

  router.post('/customers', async (ctx) => {
    const body = validate(RegisterCustomerRequestSchema, ctx.request.body, 'body');
    const customer = await useCases.registerCustomer.execute(body);
    ctx.status = 201;
    ctx.set('location', `/customers/${customer.id}`);
    ctx.body = toCustomerDto(customer);
  });

  router.get('/customers', async (ctx) => {
    const { email } = validate(FindCustomersQuerySchema, ctx.query, 'query');
    const customer = await useCases.findCustomerByEmail.execute(email);
    ctx.body = { items: customer ? [toCustomerDto(customer)] : [] };
  });

  // Registered before /customers/:id/... so "credentials" is never read as an id.
  router.post('/customers/credentials/lookup', async (ctx) => {
    const { email } = validate(LookupCredentialsRequestSchema, ctx.request.body, 'body');
    ctx.body = toCredentialsDto(await useCases.lookupCredentials.execute(email));
  });

  // Also before /customers/:id: an admin action, reached only by the operator CLI through this internal API.
  for (const [change, held] of [
    ['grant', true],
    ['revoke', false],
  ] as const) {
    router.post(`/customers/roles/${change}`, async (ctx) => {
      const body = validate(RoleChangeRequestSchema, ctx.request.body, 'body');
      ctx.body = toCustomerDto(await useCases.changeCustomerRole.execute({ ...body, held }));
    });
  }

  router.get('/customers/:id', async (ctx) => {
    const { id } = validate(IdParams, ctx.params, 'params');
    ctx.body = toCustomerDto(await useCases.getCustomer.execute(id));
  });

  router.patch('/customers/:id', async (ctx) => {
    const { id } = validate(IdParams, ctx.params, 'params');
    const body = validate(UpdateCustomerProfileRequestSchema, ctx.request.body, 'body');
    ctx.body = toCustomerDto(await useCases.updateCustomerProfile.execute(id, body));
  });

  router.post('/customers/:id/deactivate', async (ctx) => {
    const { id } = validate(IdParams, ctx.params, 'params');
    ctx.body = toCustomerDto(await useCases.deactivateCustomer.execute(id));
  });

  router.get('/customers/:id/order-eligibility', async (ctx) => {
    const { id } = validate(IdParams, ctx.params, 'params');
    ctx.body = toEligibilityDto(await useCases.checkOrderEligibility.execute(id));
  });

  return router;
}
