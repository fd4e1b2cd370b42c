import { PaymentMethod } from '../../../../src/contexts/payment/domain/payment-method.aggregate.js';
import type { PaymentMethodRepository } from '../../../../src/contexts/payment/domain/payment-method.repository.js';
import { newPaymentMethodId } from '../../../../src/contexts/payment/infrastructure/persistence/objection-payment-method.repository.js';

/** The payment-method port in memory, handing out ids the same way the real store does. */
export class InMemoryPaymentMethodRepository implements PaymentMethodRepository {
  readonly methods = new Map<string, PaymentMethod>();

  nextId(): string {
    return newPaymentMethodId();
  }

  async add(method: PaymentMethod): Promise<void> {
    if (this.methods.has(method.id)) throw new Error(`duplicate payment method id ${method.id}`);
    this.methods.set(method.id, PaymentMethod.restore(method.snapshot()));
  }

  async findById(id: string): Promise<PaymentMethod | undefined> {
    const stored = this.methods.get(id);
    return stored ? PaymentMethod.restore(stored.snapshot()) : undefined;
  }
}
