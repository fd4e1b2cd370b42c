import type { CustomerDto } from '../../../contexts/customer/contract.js';
import { AUTH_ERRORS, unauthorized } from '../auth/access-tokens.js';
import { downstream, downstreamOrMissing } from '../http/downstream.js';
import { route, type AnyRoute } from '../http/route-table.js';
import { AuthResponseSchema, LoginBodySchema, MeSchema, RegisterBodySchema } from '../schemas/auth.schemas.js';
import type { GatewayDependencies } from './gateway-dependencies.js';

const TAG = 'Account';

/** Sign-up, log-in and "who am I". The password is hashed here; the customer context stores the hash. */
export function authRoutes(deps: GatewayDependencies): AnyRoute[] {
  const session = (customer: CustomerDto) => {
    const roles = deps.roles.rolesOf(customer);
    return {
      ...deps.tokens.issue(customer.id, roles),
      customer: { id: customer.id, email: customer.email, name: customer.name, roles },
    };
  };

  return [
    route({
      method: 'post',
      path: '/auth/register',
      operationId: 'register',
      tag: TAG,
      summary: 'Create an account and get a token',
      auth: false,
      rateLimit: 'auth',
      request: { body: RegisterBodySchema },
      response: { status: 201, description: 'Account created; the token is ready to use', schema: AuthResponseSchema },
      errors: { 409: 'CUSTOMER.EMAIL_TAKEN' },
      async handle({ body }) {
        const passwordHash = await deps.passwords.hash(body.password);
        const customer = await downstream(() => deps.customers.register({ email: body.email, name: body.name, passwordHash }));
        return session(customer);
      },
    }),

    route({
      method: 'post',
      path: '/auth/login',
      operationId: 'login',
      tag: TAG,
      summary: 'Exchange email and password for a token',
      auth: false,
      rateLimit: 'auth',
      request: { body: LoginBodySchema },
      response: { status: 200, description: 'Logged in', schema: AuthResponseSchema },
      errors: { 401: 'AUTH.INVALID_CREDENTIALS (unknown email and wrong password alike), AUTH.ACCOUNT_DISABLED' },
      async handle({ body }) {
        const credentials = await downstreamOrMissing(() => deps.customers.lookupCredentials(body.email));
        // Verified even when nobody has that email (against a dummy hash): the answer takes as
        // long either way, so its timing does not tell which emails have accounts.
        const matches = await deps.passwords.verify(credentials?.passwordHash ?? null, body.password);
        if (!credentials || !matches) throw unauthorized(AUTH_ERRORS.INVALID_CREDENTIALS, 'Email or password is wrong');
        if (credentials.status !== 'ACTIVE') throw unauthorized(AUTH_ERRORS.ACCOUNT_DISABLED, 'This account is disabled');
        return session(await downstream(() => deps.customers.get(credentials.customerId)));
      },
    }),

    route({
      method: 'get',
      path: '/me',
      operationId: 'me',
      tag: TAG,
      summary: 'The customer the token belongs to',
      auth: true,
      response: { status: 200, description: 'The signed-in customer', schema: MeSchema },
      errors: { 401: 'AUTH.ACCOUNT_DISABLED when the account was disabled after the token was issued' },
      async handle({ principal }) {
        const customer = await downstreamOrMissing(() => deps.customers.get(principal.customerId));
        if (!customer) throw unauthorized(AUTH_ERRORS.TOKEN_INVALID, 'The token names no customer');
        if (customer.status !== 'ACTIVE') throw unauthorized(AUTH_ERRORS.ACCOUNT_DISABLED, 'This account is disabled');
        // The roles this token carries (what the gateway checks), not what a new log-in would get.
        return { id: customer.id, email: customer.email, name: customer.name, status: customer.status, roles: [...principal.roles] };
      },
    }),
  ];
}
