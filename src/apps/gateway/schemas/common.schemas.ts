import { z } from 'zod';

/** The one error shape of every failure (shared/infrastructure/http/errors.ts). */
export const ErrorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'VALIDATION.INVALID_REQUEST' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({
    id: 'Error',
    description:
      'Every failure. 400 VALIDATION.INVALID_REQUEST lists `details.issues: [{ path, code, message }]` ' +
      'with paths like `body.lines.0.quantity`.',
  });

/**
 * `schema` or null, documented as `anyOf: [{ $ref }, { type: 'null' }]`. zod's `.nullable()` on a
 * schema with a meta id loses the null in the generated document (it becomes `allOf` with the
 * referenced object, which null can never match) or, worse, makes the shared component itself
 * nullable everywhere it is used. A union keeps the null exactly where it is written.
 */
export function orNull<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.null()]);
}

/**
 * For documented `pattern`s (ECMA-262 regular expressions in the OpenAPI document). Explicit
 * ranges rather than `\s` or `\p{Cc}`: other JSON Schema tools (schemathesis is Python) read
 * those differently or not at all.
 * - WHITESPACE: what String.prototype.trim() (zod's .trim()) strips and a JS `\s` matches.
 * - UNPRINTABLE: control characters (Unicode Cc). Not lone surrogates (Cs), which the gateway
 *   refuses too: only a `\uD800` escape in JSON can carry one, and regex engines that work on
 *   UTF-8 (Rust's, behind schemathesis' validator) cannot compile a surrogate range at all.
 */
export const PATTERN_CLASS = {
  WHITESPACE: '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff',
  UNPRINTABLE: '\\u0000-\\u001f\\u007f-\\u009f',
} as const;

/**
 * Free text a person types (a cancel reason, an operator's reason): anything printable and line
 * breaks, but no NUL, which Postgres cannot store in a text column (the order service refuses it).
 * A regex rather than a refine, so the document carries it as a `pattern`.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
export const NO_NUL = /^[^\u0000]*$/;
export const NO_NUL_MESSAGE = 'must not contain NUL characters';

/**
 * NO_NUL for text that must also say something (trimmed, then at least one character): the
 * pattern the document shows for it, so a whitespace-only reason is documented as refused too.
 */
export const SOME_TEXT_PATTERN = `^[^\\u0000]*[^\\u0000${PATTERN_CLASS.WHITESPACE}][^\\u0000]*$`;

export const MoneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() }).meta({
  id: 'Money',
  description: 'An amount in minor units: 2500 EUR is 25.00 EUR.',
});

/**
 * A whole number from the query string: digits only. Not z.coerce.number(), which also takes
 * `limit=` (as 0), ` 5`, `1e1` and `0x10`, none of them the integer the document promises. The
 * explicit JSON Schema (built from the same numbers) replaces what the generator infers from
 * the string it parses.
 */
export function queryInteger(min: number, max: number, fallback: number, description?: string) {
  return z
    .string()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback)
    .meta({ type: 'integer', minimum: min, maximum: max, default: fallback, ...(description ? { description } : {}) });
}

export const PageQuerySchema = z.strictObject({
  limit: queryInteger(1, 100, 20, 'page size'),
  offset: queryInteger(0, 1_000_000, 0, 'items to skip'),
});
