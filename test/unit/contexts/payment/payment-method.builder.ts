import { TEST_CARDS } from '../../../../src/contexts/payment/contract.js';
import { CardNumber } from '../../../../src/contexts/payment/domain/card-number.value.js';
import { PaymentMethod } from '../../../../src/contexts/payment/domain/payment-method.aggregate.js';
import { newPaymentMethodId } from '../../../../src/contexts/payment/infrastructure/persistence/objection-payment-method.repository.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';

/** A customer's tokenized card (the approving test card unless told otherwise). */
export function aPaymentMethod(overrides: { id?: string; customerId?: string; cardNumber?: string; at?: Date } = {}): PaymentMethod {
  return PaymentMethod.register(
    overrides.id ?? newPaymentMethodId(),
    overrides.customerId ?? anId(),
    CardNumber.parse(overrides.cardNumber ?? TEST_CARDS.APPROVE.number),
    overrides.at ?? new Date(TEST_EPOCH),
  );
}
