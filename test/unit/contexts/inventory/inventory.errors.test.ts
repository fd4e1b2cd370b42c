import assert from 'node:assert/strict';
import { INVENTORY_ERROR_CODES } from '../../../../src/contexts/inventory/contract.js';
import * as errors from '../../../../src/contexts/inventory/domain/inventory.errors.js';

/** One instance of every error class the module exports (the first test fails when one is missing here). */
const examples: Record<string, Error & { code: string }> = {
  ProductNotFound: new errors.ProductNotFound('A-1'),
  InsufficientStock: new errors.InsufficientStock('A-1', 2, 1),
  ReservationNotFound: new errors.ReservationNotFound('o'),
  ReservationClosed: new errors.ReservationClosed('o', 'RELEASED', 'commit'),
  ReservationMismatch: new errors.ReservationMismatch('o'),
  DuplicateSku: new errors.DuplicateSku('A-1'),
};

const exportedErrorClasses = Object.entries(errors)
  .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
  .map(([name]) => name);
const published: string[] = Object.values(INVENTORY_ERROR_CODES);

describe('inventory error codes: one list, no drift', () => {
  it("the contract publishes the domain's list itself, not a copy", () => {
    assert.equal(INVENTORY_ERROR_CODES, errors.INVENTORY_ERROR_CODES);
    for (const code of published) assert.match(code, /^INVENTORY\.[A-Z_]+$/);
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
