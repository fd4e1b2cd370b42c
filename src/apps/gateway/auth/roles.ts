import type { CustomerClient, CustomerDto } from '../../../contexts/customer/contract.js';
import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import type { AppState } from '../../../shared/infrastructure/http/app.js';
import type { Middleware } from 'koa';
import { downstreamOrMissing } from '../http/downstream.js';
import { AUTH_ERRORS, unauthorized, type TokenRole } from './access-tokens.js';
import { principalOf } from './authenticate.js';

export const OPERATOR_ERRORS = {
  /** A valid token without the operator role asked for an operator route (or the operator room). */
  FORBIDDEN: 'OPERATOR.FORBIDDEN',
} as const;

/**
 * Which roles a customer's token carries: the ones the customer context stores (granted with
 * `npm run operator:grant -- <email>`) plus `operator` for every address in OPERATOR_EMAILS, so a
 * demo or a fresh deployment has an operator without touching a database.
 */
export class RoleResolver {
  private readonly operatorEmails: ReadonlySet<string>;

  constructor(operatorEmails: readonly string[]) {
    // Emails are compared case-insensitively, as the customer context compares them.
    this.operatorEmails = new Set(operatorEmails.map((email) => email.toLowerCase()));
  }

  rolesOf(customer: Pick<CustomerDto, 'email' | 'roles'>): TokenRole[] {
    const roles = new Set<TokenRole>(customer.roles);
    if (this.operatorEmails.has(customer.email.toLowerCase())) roles.add('operator');
    return [...roles].sort();
  }
}

/** What a customer may do right now: undefined when the customer context knows no such customer. */
export type CurrentStanding = (customerId: string) => Promise<{ active: boolean; roles: readonly TokenRole[] } | undefined>;

/** The customer's standing as the customer context stores it now, with OPERATOR_EMAILS added. */
export function currentStanding(customers: Pick<CustomerClient, 'get'>, resolver: RoleResolver): CurrentStanding {
  return async (customerId) => {
    const customer = await downstreamOrMissing(() => customers.get(customerId));
    return customer && { active: customer.status === 'ACTIVE', roles: resolver.rolesOf(customer) };
  };
}

/**
 * Behind `authenticate`: 403 OPERATOR.FORBIDDEN unless the token carries `role` AND the customer
 * still holds it. A token's roles last until it expires (JWT_TTL, hours); for a privileged role
 * that is too long, so the stored role is asked for on every such call (operator calls are few, and
 * one GET each is cheap): a revoked role ends access at once, a deactivated account gets 401
 * AUTH.ACCOUNT_DISABLED. With the customer service unreachable the call fails closed (503).
 */
export function requireRole(role: TokenRole, standing: CurrentStanding): Middleware<AppState> {
  return async (ctx, next) => {
    const principal = principalOf(ctx);
    if (!principal.roles.includes(role)) throw forbidden(role);
    switch (await roleNow(standing, principal.customerId, role)) {
      case 'no-customer':
        throw unauthorized(AUTH_ERRORS.TOKEN_INVALID, 'The token names no customer');
      case 'inactive':
        throw unauthorized(AUTH_ERRORS.ACCOUNT_DISABLED, 'This account is disabled');
      case 'lacks':
        throw revoked(role);
      case 'holds':
        await next();
    }
  };
}

/**
 * Whether a customer holds `role` right now, as requireRole and the operator sockets act on it.
 * Rejects as `standing` does when the customer service cannot answer.
 */
export async function roleNow(
  standing: CurrentStanding,
  customerId: string,
  role: TokenRole,
): Promise<'holds' | 'lacks' | 'inactive' | 'no-customer'> {
  const now = await standing(customerId);
  if (!now) return 'no-customer';
  if (!now.active) return 'inactive';
  return now.roles.includes(role) ? 'holds' : 'lacks';
}

export function forbidden(role: TokenRole): HttpError {
  return new HttpError(403, OPERATOR_ERRORS.FORBIDDEN, `This needs the ${role} role; log in again after it was granted`);
}

function revoked(role: TokenRole): HttpError {
  return new HttpError(403, OPERATOR_ERRORS.FORBIDDEN, `The ${role} role was revoked from this account`);
}
