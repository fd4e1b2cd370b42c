import { Customer } from '../../../../src/contexts/customer/domain/customer.aggregate.js';
import { Email } from '../../../../src/contexts/customer/domain/email.value.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anEmail, anId } from '../../../support/doubles/ids.js';

export interface CustomerOverrides {
  id?: string;
  email?: string;
  name?: string;
  passwordHash?: string;
  /** When the customer registered. */
  at?: Date;
  /** Deactivated right after registering. */
  deactivated?: boolean;
}

/** A registered customer (a "mother"): fresh id and email, active, no password hash unless given. */
export function aCustomer(overrides: CustomerOverrides = {}): Customer {
  const at = overrides.at ?? new Date(TEST_EPOCH);
  const customer = Customer.register(
    {
      id: overrides.id ?? anId(),
      email: Email.of(overrides.email ?? anEmail()),
      name: overrides.name ?? 'Ada Lovelace',
      passwordHash: overrides.passwordHash,
    },
    at,
  );
  if (overrides.deactivated) customer.deactivate(at);
  return customer;
}
