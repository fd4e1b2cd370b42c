import assert from 'node:assert/strict';
import { ORDER_ERROR_CODES } from '../../../../src/contexts/order/contract.js';
import * as errors from '../../../../src/contexts/order/domain/order.errors.js';
import { DomainError } from '../../../../src/shared/kernel/domain-error.js';
import { anId } from '../../../support/doubles/ids.js';

/** One instance of every error class the module exports; a class left out fails the first test. */
const INSTANCES: Record<string, () => DomainError> = {
  OrderNotFound: () => new errors.OrderNotFound(anId()),
  OrderAlreadyExists: () => new errors.OrderAlreadyExists(anId()),
  IllegalOrderTransition: () => new errors.IllegalOrderTransition(anId(), 'CONFIRMED', 'PENDING'),
  DuplicateOrderLine: () => new errors.DuplicateOrderLine('MUG-1'),
  MixedCurrency: () => new errors.MixedCurrency(['EUR', 'USD']),
};

describe('order error codes: one list, one class per code', () => {
  const exportedClasses = Object.entries(errors)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof DomainError)
    .map(([name]) => name);
  const codes = Object.entries(INSTANCES).map(([name, make]) => {
    const error = make();
    assert.equal(error.constructor.name, name);
    return error.code;
  });
  const published: string[] = Object.values(ORDER_ERROR_CODES);

  it('instantiates every error class the domain exports', () => {
    assert.deepEqual([...exportedClasses].sort(), Object.keys(INSTANCES).sort());
  });

  it('the contract publishes the list the domain declares, not a copy', () => {
    assert.equal(ORDER_ERROR_CODES, errors.ORDER_ERROR_CODES);
    for (const code of published) assert.match(code, /^ORDER\.[A-Z_]+$/);
  });

  it('every class carries a published code, no two classes share one, and every published code has a class', () => {
    for (const code of codes) assert.ok(published.includes(code), `${code} is not in ORDER_ERROR_CODES`);
    assert.equal(new Set(codes).size, codes.length, `two classes share a code: ${codes.join(', ')}`);
    assert.deepEqual([...codes].sort(), [...published].sort());
  });
});
