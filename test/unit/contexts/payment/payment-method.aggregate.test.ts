import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import {
  PAYMENT_METHOD_ID_PATTERN as CONTRACT_PATTERN,
  PaymentMethodIdSchema,
  TEST_CARDS,
} from '../../../../src/contexts/payment/contract.js';
import { CardNumber } from '../../../../src/contexts/payment/domain/card-number.value.js';
import { PAYMENT_METHOD_ID_PATTERN, PaymentMethod } from '../../../../src/contexts/payment/domain/payment-method.aggregate.js';
import { newPaymentMethodId } from '../../../../src/contexts/payment/infrastructure/persistence/objection-payment-method.repository.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';
import { aPaymentMethod } from './payment-method.builder.js';

const NOW = new Date(TEST_EPOCH);

const CUSTOMER = anId();
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const OTHER_VALID_CARD = '5555555555554444';
/** A test card written the way people type it, in groups of four. */
const grouped = (number: string) => number.replace(/(\d{4})(?=\d)/g, '$1 ');
const register = (number: string, id?: string) => aPaymentMethod({ id, customerId: CUSTOMER, cardNumber: number });

describe('payment domain: PaymentMethod', () => {
  it('keeps brand, last four and the test-card reference, nothing more', () => {
    const method = register(grouped(TEST_CARDS.REQUIRES_CONFIRMATION.number));
    assert.deepEqual(Object.keys(method.snapshot()).sort(), ['brand', 'createdAt', 'customerId', 'id', 'last4', 'simulatedBehaviour']);
    assert.equal(method.brand, 'visa');
    assert.equal(method.last4, TEST_CARDS.REQUIRES_CONFIRMATION.number.slice(-4));
    assert.equal(method.simulatedBehaviour, 'REQUIRES_CONFIRMATION');
    assert.equal(register(OTHER_VALID_CARD).simulatedBehaviour, null);
    for (const card of Object.values(TEST_CARDS)) {
      const text = [JSON.stringify(register(card.number).snapshot()), inspect(register(card.number), { depth: 5 })].join(' ');
      assert.ok(!text.includes(card.number), text);
      // A random uuid may hold 12 digits in a row; only a card number must not.
      assert.doesNotMatch(text.replace(UUID, '<uuid>'), /\d{12}/);
    }
  });

  it('refuses an id that is not a token (a bug, not a domain outcome) and a customer that is not a uuid', () => {
    for (const id of ['', 'pm_short', TEST_CARDS.APPROVE.number, `pm_${'x'.repeat(25)}`, `PM_${'x'.repeat(24)}`, `pm_${'x'.repeat(23)}/`]) {
      assert.throws(
        () => register(TEST_CARDS.APPROVE.number, id),
        (error: Error) => !('code' in error),
        id,
      );
    }
    assert.throws(() => PaymentMethod.register(newPaymentMethodId(), 'nobody', CardNumber.parse(TEST_CARDS.APPROVE.number), NOW), {
      code: 'VALIDATION.INVALID_VALUE',
    });
  });

  it('belongs to its customer only, whatever the case of the uuid', () => {
    const method = PaymentMethod.register(newPaymentMethodId(), CUSTOMER.toUpperCase(), CardNumber.parse(TEST_CARDS.APPROVE.number), NOW);
    assert.equal(method.customerId, CUSTOMER);
    assert.ok(method.belongsTo(CUSTOMER));
    assert.ok(method.belongsTo(CUSTOMER.toUpperCase()));
    assert.ok(!method.belongsTo(anId()));
  });

  it('generated ids are tokens; the contract accepts exactly what the domain issues', () => {
    assert.equal(CONTRACT_PATTERN.source, PAYMENT_METHOD_ID_PATTERN.source);
    for (let i = 0; i < 200; i++) {
      const id = newPaymentMethodId();
      assert.match(id, PAYMENT_METHOD_ID_PATTERN);
      assert.ok(PaymentMethodIdSchema.safeParse(id).success);
    }
  });
});
