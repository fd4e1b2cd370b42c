import { z } from 'zod';
import { ProductDtoSchema, SkuSchema } from '../../../contexts/inventory/contract.js';
import { queryInteger } from './common.schemas.js';

export const ProductsQuerySchema = z.strictObject({
  limit: queryInteger(1, 100, 50, 'page size'),
  offset: queryInteger(0, 1_000_000, 0, 'items to skip'),
});

export const SkuParamsSchema = z.object({ sku: SkuSchema });

export const ProductSchema = ProductDtoSchema.meta({ id: 'Product' });

export const ProductPageSchema = z
  .object({ items: z.array(ProductSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'ProductPage' });

export const TestCardsSchema = z
  .object({
    items: z.array(z.object({ number: z.string(), label: z.string(), behaviour: z.string() })),
  })
  .meta({ id: 'TestCards', description: "The simulated payment provider's cards (Stripe test numbers)." });
