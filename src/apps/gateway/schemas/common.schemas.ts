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
      'Every failure. 400 VALIDATION.INVALID_REQUEST lists `details.issues: [{ path, code, message }]` with paths like `body.lines.0.quantity`.',
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

export const MoneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() }).meta({
  id: 'Money',
  description: 'An amount in minor units: 2500 EUR is 25.00 EUR.',
});

/**
 * A whole number from the query string. The explicit JSON Schema (built from the same numbers)
 * replaces what the generator infers for a coerced number, which wrongly allows null.
 */
export function queryInteger(min: number, max: number, fallback: number, description?: string) {
  return z.coerce
    .number()
    .int()
    .min(min)
    .max(max)
    .default(fallback)
    .meta({ type: 'integer', minimum: min, maximum: max, default: fallback, ...(description ? { description } : {}) });
}

export const PageQuerySchema = z.strictObject({
  limit: queryInteger(1, 100, 20, 'page size'),
  offset: queryInteger(0, 1_000_000, 0, 'items to skip'),
});
