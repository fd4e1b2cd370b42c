import type { Clock } from '../../../shared/kernel/clock.js';
import type { Customer } from '../domain/customer.aggregate.js';
import { CustomerNotFound } from '../domain/customer.errors.js';
import type { CustomerRepository } from '../domain/customer.repository.js';

export interface UpdateCustomerProfileCommand {
  name: string;
}

export class UpdateCustomerProfile {
  constructor(
    private readonly repository: CustomerRepository,
    private readonly clock: Clock,
  ) {}

  async execute(id: string, command: UpdateCustomerProfileCommand): Promise<Customer> {
    const now = this.clock.now();
    const customer = await this.repository.update(id, (current) => (current?.rename(command.name, now) ? current : undefined));
    if (!customer) throw new CustomerNotFound({ id });
    return customer;
  }
}
