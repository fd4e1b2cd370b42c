import assert from 'node:assert/strict';

export interface ErrorCodesSpec {
  /** The domain's errors module itself (`import * as errors from '.../<context>.errors.js'`). */
  errorsModule: Record<string, unknown>;
  /** The code list as the domain declares it. */
  declared: Readonly<Record<string, string>>;
  /** The code list as the contract publishes it: must be the very same object. */
  published: Readonly<Record<string, string>>;
  /** One way to make each error class the module exports, keyed by class name. */
  examples: Record<string, () => Error & { code: string }>;
}

/**
 * The drift test every context runs on its error codes: declared once in the domain, published by the
 * contract (not copied), one class per code and a code per class. A class added without an example,
 * a code without a class, or a copied list fails here.
 */
export function describeErrorCodes(context: string, spec: ErrorCodesSpec): void {
  const prefix = context.toUpperCase();
  describe(`${context} error codes: one list, one class per code`, () => {
    const exportedClasses = Object.entries(spec.errorsModule)
      .filter(([, value]) => typeof value === 'function' && (value as { prototype?: unknown }).prototype instanceof Error)
      .map(([name]) => name);
    const listed: string[] = Object.values(spec.published);

    it("the contract publishes the domain's list itself, not a copy", () => {
      assert.equal(spec.published, spec.declared);
      for (const code of listed) assert.match(code, new RegExp(`^${prefix}\\.[A-Z_]+$`));
    });

    it('every error class the domain exports has an example here', () => {
      assert.deepEqual([...exportedClasses].sort(), Object.keys(spec.examples).sort());
    });

    it('every class carries a listed code, no two classes share one, and every listed code has a class', () => {
      const codes = Object.entries(spec.examples).map(([name, make]) => {
        const error = make();
        assert.equal(error.constructor.name, name);
        assert.ok(listed.includes(error.code), `${name}: ${error.code} is not in the published list`);
        return error.code;
      });
      assert.equal(new Set(codes).size, codes.length, `two classes share a code: ${codes.join(', ')}`);
      assert.deepEqual([...codes].sort(), [...listed].sort());
    });
  });
}
