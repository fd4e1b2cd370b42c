import type { Customer } from '../domain/customer.aggregate.js';
import { CustomerNotFound } from '../domain/customer.errors.js';
import type { CustomerRepository } from '../domain/customer.repository.js';

export class GetCustomer {
  constructor(private readonly repository: CustomerRepository) {}

  async execute(id: string): Promise<Customer> {
    const customer = await this.repository.get(id);
    if (!customer) throw new CustomerNotFound({ id });
    return customer;
  }
}
