import assert from 'node:assert/strict';
import { NOTIFICATION_ERROR_CODES } from '../../../../src/contexts/notification/contract.js';
import * as errors from '../../../../src/contexts/notification/domain/notification.errors.js';
import { DomainError } from '../../../../src/shared/kernel/domain-error.js';
import { anId } from '../../../support/doubles/ids.js';

/** One instance of every error class the module exports; a class left out fails the first test. */
const INSTANCES: Record<string, () => DomainError> = {
  NotificationNotFound: () => new errors.NotificationNotFound(anId()),
  DuplicateKeyMismatch: () => new errors.DuplicateKeyMismatch(`${anId()}:ORDER_PLACED`, ['message']),
};

describe('notification error codes: one list, one class per code', () => {
  const exportedClasses = Object.entries(errors)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof DomainError)
    .map(([name]) => name);
  const codes = Object.entries(INSTANCES).map(([name, make]) => {
    const error = make();
    assert.equal(error.constructor.name, name);
    return error.code;
  });
  const published: string[] = Object.values(NOTIFICATION_ERROR_CODES);

  it('instantiates every error class the domain exports', () => {
    assert.deepEqual([...exportedClasses].sort(), Object.keys(INSTANCES).sort());
  });

  it('the contract publishes the list the domain declares, not a copy', () => {
    assert.equal(NOTIFICATION_ERROR_CODES, errors.NOTIFICATION_ERROR_CODES);
    for (const code of published) assert.match(code, /^NOTIFICATION\.[A-Z_]+$/);
  });

  it('every class carries a published code, no two classes share one, and every published code has a class', () => {
    for (const code of codes) assert.ok(published.includes(code), `${code} is not in NOTIFICATION_ERROR_CODES`);
    assert.equal(new Set(codes).size, codes.length, `two classes share a code: ${codes.join(', ')}`);
    assert.deepEqual([...codes].sort(), [...published].sort());
  });
});
