import { DomainError } from '../../../shared/kernel/domain-error.js';

/**
 * Every code the customer context answers with, declared once: the error classes below use it
 * and contract.ts publishes it (a drift test checks that the two match one to one).
 */
export const CUSTOMER_ERROR_CODES = {
  NOT_FOUND: 'CUSTOMER.NOT_FOUND',
  EMAIL_TAKEN: 'CUSTOMER.EMAIL_TAKEN',
  DEACTIVATED: 'CUSTOMER.DEACTIVATED',
} as const;

export class CustomerNotFound extends DomainError {
  readonly code = CUSTOMER_ERROR_CODES.NOT_FOUND;
  readonly kind = 'not_found' as const;
  constructor(lookup: { id: string } | { email: string }) {
    super('id' in lookup ? `No customer with id ${lookup.id}` : 'No customer with that email', lookup);
  }
}

export class CustomerEmailTaken extends DomainError {
  readonly code = CUSTOMER_ERROR_CODES.EMAIL_TAKEN;
  readonly kind = 'conflict' as const;
  constructor(email: string) {
    super('A customer with that email already exists (emails are compared case-insensitively)', { email });
  }
}

export class CustomerDeactivated extends DomainError {
  readonly code = CUSTOMER_ERROR_CODES.DEACTIVATED;
  readonly kind = 'conflict' as const;
  constructor(id: string, attempted: string) {
    super(`Customer ${id} is deactivated; cannot ${attempted}`, { customerId: id, attempted });
  }
}
