import type { OrderEligibility } from '../domain/customer.aggregate.js';
import { CustomerNotFound } from '../domain/customer.errors.js';
import type { CustomerRepository } from '../domain/customer.repository.js';

export type OrderEligibilityResult = { customerId: string } & OrderEligibility;

/** "May this customer order?" An unknown customer is an error, not an ineligible one. */
export class CheckOrderEligibility {
  constructor(private readonly repository: CustomerRepository) {}

  async execute(id: string): Promise<OrderEligibilityResult> {
    const customer = await this.repository.get(id);
    if (!customer) throw new CustomerNotFound({ id });
    return { customerId: customer.id, ...customer.orderEligibility() };
  }
}
