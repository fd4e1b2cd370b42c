/**
 * The inventory context's published contract: the only file other contexts and apps may import.
 * Schemas here validate requests at the service edge and responses in clients.
 */
import { z } from 'zod';
import { SKU_MESSAGE, SKU_PATTERN } from '../../shared/kernel/sku.js';
import { INVENTORY_ERROR_CODES } from './domain/inventory.errors.js';

/** The codes this context's errors carry; declared with the error classes, published from here. */
export { INVENTORY_ERROR_CODES };

/** The one sku pattern (src/shared/kernel/sku.ts), for callers that check a sku before a round trip. */
export const SkuSchema = z.string().regex(SKU_PATTERN, SKU_MESSAGE);
export const OrderIdSchema = z.uuid();

export const ProductDtoSchema = z.object({
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  imageUrl: z.string(),
  price: z.object({ amountMinor: z.number().int(), currency: z.string() }),
  stockAvailable: z.number().int(),
});
export type ProductDto = z.infer<typeof ProductDtoSchema>;

export const ProductPageSchema = z.object({
  items: z.array(ProductDtoSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ProductPage = z.infer<typeof ProductPageSchema>;

/**
 * GET /stock-changes/version: moves whenever products change (stock or catalog). Readers that cache
 * the catalog poll it and drop their cache when it moves; a 503 means nobody can tell right now.
 */
export const STOCK_VERSION_PATH = '/stock-changes/version';
export const StockVersionDtoSchema = z.object({ version: z.string() });

export const ListProductsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const AddProductRequestSchema = z.strictObject({
  sku: SkuSchema,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  imageUrl: z.string().max(500).default(''),
  priceMinor: z.number().int().min(0).max(10_000_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/),
  stock: z.number().int().min(0).max(1_000_000),
});
export type AddProductRequest = z.input<typeof AddProductRequestSchema>;

export const SetStockRequestSchema = z.strictObject({ stock: z.number().int().min(0).max(1_000_000) });

export const ReservationLineSchema = z.strictObject({
  sku: SkuSchema,
  quantity: z.number().int().min(1).max(1000),
});
export const ReserveStockRequestSchema = z.strictObject({
  orderId: OrderIdSchema,
  lines: z.array(ReservationLineSchema).min(1).max(50),
});
export type ReserveStockRequest = z.infer<typeof ReserveStockRequestSchema>;

export const ReservationDtoSchema = z.object({
  orderId: z.string(),
  status: z.enum(['RESERVED', 'RELEASED', 'COMMITTED']),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
  updatedAt: z.string(),
});
export type ReservationDto = z.infer<typeof ReservationDtoSchema>;

/** Port for callers outside the context (worker activities, gateway). */
export interface InventoryClient {
  listProducts(page?: { limit?: number; offset?: number }): Promise<ProductPage>;
  getProduct(sku: string): Promise<ProductDto>;
  reserve(request: ReserveStockRequest): Promise<ReservationDto>;
  release(orderId: string): Promise<ReservationDto>;
  commit(orderId: string): Promise<ReservationDto>;
}
