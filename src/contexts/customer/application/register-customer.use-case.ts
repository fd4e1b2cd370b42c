import type { Clock } from '../../../shared/kernel/clock.js';
import { newId } from '../../../shared/kernel/ids.js';
import { Customer } from '../domain/customer.aggregate.js';
import { CustomerEmailTaken } from '../domain/customer.errors.js';
import type { CustomerRepository } from '../domain/customer.repository.js';
import { Email } from '../domain/email.value.js';

export interface RegisterCustomerCommand {
  email: string;
  name: string;
  /** Already hashed by the caller (the gateway); never a plain password. */
  passwordHash?: string;
}

export class RegisterCustomer {
  constructor(
    private readonly repository: CustomerRepository,
    private readonly clock: Clock,
  ) {}

  /** No existence check first: the store's unique email decides, so concurrent sign-ups cannot both win. */
  async execute(command: RegisterCustomerCommand): Promise<Customer> {
    const customer = Customer.register(
      { id: newId(), email: Email.of(command.email), name: command.name, passwordHash: command.passwordHash },
      this.clock.now(),
    );
    const { aggregate, created } = await this.repository.add(customer);
    // The id was generated just now, so a customer already stored can only have this email.
    if (!created) throw new CustomerEmailTaken(customer.email.value);
    return aggregate;
  }
}
