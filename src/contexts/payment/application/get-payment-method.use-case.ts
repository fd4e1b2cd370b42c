import type { PaymentMethod } from '../domain/payment-method.aggregate.js';
import { PaymentMethodNotFound } from '../domain/payment.errors.js';
import type { PaymentMethodRepository } from '../domain/payment-method.repository.js';

/** The customer's own payment method; someone else's is answered exactly like a missing one. */
export async function findOwnedPaymentMethod(repository: PaymentMethodRepository, id: string, customerId: string): Promise<PaymentMethod> {
  const method = await repository.get(id);
  if (!method || !method.belongsTo(customerId)) throw new PaymentMethodNotFound(id);
  return method;
}

export class GetPaymentMethod {
  constructor(private readonly repository: PaymentMethodRepository) {}

  /** For callers that authorise by themselves (the gateway checks the owner against the session). */
  async execute(id: string): Promise<PaymentMethod> {
    const method = await this.repository.get(id);
    if (!method) throw new PaymentMethodNotFound(id);
    return method;
  }
}
