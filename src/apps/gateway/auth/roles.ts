import type { CustomerDto } from '../../../contexts/customer/contract.js';
import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import type { AppState } from '../../../shared/infrastructure/http/app.js';
import type { Middleware } from 'koa';
import { principalOf } from './authenticate.js';
import type { TokenRole } from './access-tokens.js';

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

/** Behind `authenticate`: 403 OPERATOR.FORBIDDEN unless the token carries `role`. */
export function requireRole(role: TokenRole): Middleware<AppState> {
  return async (ctx, next) => {
    if (!principalOf(ctx).roles.includes(role)) throw forbidden(role);
    await next();
  };
}

export function forbidden(role: TokenRole): HttpError {
  return new HttpError(403, OPERATOR_ERRORS.FORBIDDEN, `This needs the ${role} role; log in again after it was granted`);
}
