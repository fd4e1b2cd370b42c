import { DomainError } from '../../../shared/kernel/domain-error.js';

export class CustomerNotFound extends DomainError {
  readonly code = 'CUSTOMER.NOT_FOUND';
  readonly kind = 'not_found' as const;
  constructor(lookup: { id: string } | { email: string }) {
    super('id' in lookup ? `No customer with id ${lookup.id}` : 'No customer with that email', lookup);
  }
}

export class CustomerEmailTaken extends DomainError {
  readonly code = 'CUSTOMER.EMAIL_TAKEN';
  readonly kind = 'conflict' as const;
  constructor(email: string) {
    super('A customer with that email already exists (emails are compared case-insensitively)', { email });
  }
}

export class CustomerDeactivated extends DomainError {
  readonly code = 'CUSTOMER.DEACTIVATED';
  readonly kind = 'conflict' as const;
  constructor(id: string, attempted: string) {
    super(`Customer ${id} is deactivated; cannot ${attempted}`, { customerId: id, attempted });
  }
}
