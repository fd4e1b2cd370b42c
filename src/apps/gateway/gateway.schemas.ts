/**
 * The public API's input schemas. Every body, param and query is parsed with these before it
 * reaches a use case or a workflow.
 */
import { z } from 'zod';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const CardNumberSchema = z
  .string()
  .max(30)
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{12,19}$/, 'card number must be 12-19 digits').refine(luhnValid, 'card number fails the Luhn check'));

export const SkuSchema = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'sku must be 2-40 upper-case letters, digits or dashes');

export const PlaceOrderBodySchema = z.strictObject({
  // Until accounts arrive this comes from the body; the gateway issue moves it into the token.
  customerId: z.uuid(),
  lines: z
    .array(z.strictObject({ sku: SkuSchema, quantity: z.number().int().min(1).max(1000) }))
    .min(1)
    .max(50)
    .refine((lines) => new Set(lines.map((l) => l.sku)).size === lines.length, 'each sku may appear once'),
  cardNumber: CardNumberSchema,
});

export const IdempotencyKeySchema = z.string().regex(/^[\w.:-]{1,200}$/, 'Idempotency-Key must be 1-200 letters, digits, or . : _ -');

export const OrderIdParamsSchema = z.object({ id: z.uuid() });
export const SkuParamsSchema = z.object({ sku: SkuSchema });

export const CancelOrderBodySchema = z.strictObject({ reason: z.string().trim().max(500).optional() }).default({});

export const ProductsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
