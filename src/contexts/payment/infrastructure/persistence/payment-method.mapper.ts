import type { CardBrand } from '../../domain/card-number.value.js';
import { PaymentMethod } from '../../domain/payment-method.aggregate.js';
import type { PaymentMethodRecord } from './payment-method.record.js';

export type PaymentMethodColumns = Pick<
  PaymentMethodRecord,
  'id' | 'customer_id' | 'brand' | 'last4' | 'simulated_behaviour' | 'created_at'
>;

export const PaymentMethodMapper = {
  toPaymentMethod(row: PaymentMethodColumns): PaymentMethod {
    return PaymentMethod.restore({
      id: row.id,
      customerId: row.customer_id,
      brand: row.brand as CardBrand,
      last4: row.last4,
      simulatedBehaviour: row.simulated_behaviour,
      createdAt: new Date(row.created_at),
    });
  },

  toRow(method: PaymentMethod): PaymentMethodColumns {
    const m = method.snapshot();
    return {
      id: m.id,
      customer_id: m.customerId,
      brand: m.brand,
      last4: m.last4,
      simulated_behaviour: m.simulatedBehaviour,
      created_at: m.createdAt,
    };
  },
};
