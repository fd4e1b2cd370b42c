import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { PAYMENT_METHOD_ID_PATTERN as CONTRACT_PATTERN, PaymentMethodIdSchema, TEST_CARDS } from '../../../../src/contexts/payment/contract.js';
import { CardNumber } from '../../../../src/contexts/payment/domain/card-number.value.js';
import { PAYMENT_METHOD_ID_PATTERN, PaymentMethod } from '../../../../src/contexts/payment/domain/payment-method.aggregate.js';
import { newPaymentMethodId } from '../../../../src/contexts/payment/infrastructure/persistence/objection-payment-method.repository.js';

const CUSTOMER = '0b7e7a3c-63b2-4d55-9d5f-3e0a4b0c1d2e';
const NOW = new Date('2026-01-01T00:00:00Z');
const register = (number: string, id = newPaymentMethodId()) => PaymentMethod.register(id, CUSTOMER, CardNumber.parse(number), NOW);

describe('payment domain: PaymentMethod', () => {
  it('keeps brand, last four and the test-card reference, nothing more', () => {
    const method = register('4000 0000 0000 3220');
    assert.deepEqual(Object.keys(method.snapshot()).sort(), ['brand', 'createdAt', 'customerId', 'id', 'last4', 'simulatedBehaviour']);
    assert.equal(method.brand, 'visa');
    assert.equal(method.last4, '3220');
    assert.equal(method.simulatedBehaviour, 'REQUIRES_CONFIRMATION');
    assert.equal(register('5555555555554444').simulatedBehaviour, null);
    for (const card of Object.values(TEST_CARDS)) {
      const text = [JSON.stringify(register(card.number).snapshot()), inspect(register(card.number), { depth: 5 })].join(' ');
      assert.ok(!text.includes(card.number), text);
      assert.doesNotMatch(text, /\d{12}/);
    }
  });

  it('refuses an id that is not a token (a bug, not a domain outcome) and a customer that is not a uuid', () => {
    for (const id of ['', 'pm_short', '4242424242424242', `pm_${'x'.repeat(25)}`, `PM_${'x'.repeat(24)}`, `pm_${'x'.repeat(23)}/`]) {
      assert.throws(() => register(TEST_CARDS.APPROVE.number, id), (error: Error) => !('code' in error), id);
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
    assert.ok(!method.belongsTo('7d3f1c2a-9e4b-4a6d-8c5e-2f1a0b9c8d7e'));
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
