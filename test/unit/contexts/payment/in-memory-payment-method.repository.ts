import { PaymentMethod } from '../../../../src/contexts/payment/domain/payment-method.aggregate.js';
import type { PaymentMethodRepository } from '../../../../src/contexts/payment/domain/payment-method.repository.js';
import { newPaymentMethodId } from '../../../../src/contexts/payment/infrastructure/persistence/objection-payment-method.repository.js';
import { answer } from '../../../support/doubles/async.js';

/** The payment-method port in memory, handing out ids the same way the real store does. */
export class InMemoryPaymentMethodRepository implements PaymentMethodRepository {
  readonly methods = new Map<string, PaymentMethod>();

  nextId(): string {
    return newPaymentMethodId();
  }

  get(id: string): Promise<PaymentMethod | undefined> {
    return answer(() => {
      const stored = this.methods.get(id);
      return stored ? PaymentMethod.restore(stored.snapshot()) : undefined;
    });
  }

  add(method: PaymentMethod): Promise<{ aggregate: PaymentMethod; created: boolean }> {
    return answer(() => {
      const stored = this.methods.get(method.id);
      if (stored) return { aggregate: PaymentMethod.restore(stored.snapshot()), created: false };
      this.methods.set(method.id, PaymentMethod.restore(method.snapshot()));
      return { aggregate: method, created: true };
    });
  }
}
