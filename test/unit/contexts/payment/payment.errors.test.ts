import assert from 'node:assert/strict';
import { PAYMENT_ERROR_CODES } from '../../../../src/contexts/payment/contract.js';
import * as errors from '../../../../src/contexts/payment/domain/payment.errors.js';
import { anId } from '../../../support/doubles/ids.js';

/** One instance of every error class the module exports (the first test fails when one is missing here). */
const examples: Record<string, Error & { code: string }> = {
  PaymentNotFound: new errors.PaymentNotFound(anId()),
  CardDeclined: new errors.CardDeclined(anId(), anId(), 'generic decline', null),
  PaymentMismatch: new errors.PaymentMismatch(anId(), ['amount']),
  PaymentVoided: new errors.PaymentVoided(anId()),
  PaymentAlreadyRefunded: new errors.PaymentAlreadyRefunded(anId()),
  NotAwaitingConfirmation: new errors.NotAwaitingConfirmation(anId(), 'CAPTURED'),
  PaymentMethodNotFound: new errors.PaymentMethodNotFound('pm_AAAAAAAAAAAAAAAAAAAAAAAA'),
  // Not a DomainError (see its comment), but a code the service answers with all the same.
  ProviderUnavailable: new errors.ProviderUnavailable(anId(), 1, 'simulated'),
};

const exportedErrorClasses = Object.entries(errors)
  .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
  .map(([name]) => name);
const published: string[] = Object.values(PAYMENT_ERROR_CODES);

describe('payment error codes: one list, no drift', () => {
  it("the contract publishes the domain's list itself, not a copy", () => {
    assert.equal(PAYMENT_ERROR_CODES, errors.PAYMENT_ERROR_CODES);
    for (const code of published) assert.match(code, /^PAYMENT\.[A-Z_]+$/);
  });

  it('every exported error class is checked below', () => {
    assert.deepEqual(exportedErrorClasses.sort(), Object.keys(examples).sort());
  });

  it('every error class carries a published code', () => {
    for (const [name, error] of Object.entries(examples))
      assert.ok(published.includes(error.code), `${name}: ${error.code} is not published`);
  });

  it('every published code has its error class', () => {
    const thrown = new Set(Object.values(examples).map((error) => error.code));
    for (const code of published) assert.ok(thrown.has(code), `${code} has no error class`);
  });

  it('no two error classes share a code', () => {
    const codes = Object.values(examples).map((error) => error.code);
    assert.equal(new Set(codes).size, codes.length, codes.join(', '));
  });
});
