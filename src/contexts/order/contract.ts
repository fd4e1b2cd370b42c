/**
 * The order context's published contract: the only file other contexts and apps may import.
 * Schemas here validate requests at the service edge and responses in clients.
 */
import { z } from 'zod';
import { SKU_MESSAGE, SKU_PATTERN } from '../../shared/kernel/sku.js';
import { MAX_REASON_CODE_LENGTH, REASON_CODE_PATTERN } from './domain/order.aggregate.js';
import { ORDER_ERROR_CODES, ORDER_REASON_CODES } from './domain/order.errors.js';
import { ORDER_STATUSES, type OrderStatus } from './domain/order-status.value.js';

/** The codes this context's errors carry; declared with the error classes, published from here. */
export { ORDER_ERROR_CODES };
/** Reason codes of operator decisions, as the order's history records them. */
export { ORDER_REASON_CODES };

/** Every status an order can be in (the domain's list); which moves are legal is the order service's business. */
export { ORDER_STATUSES, type OrderStatus };
export const OrderStatusSchema = z.enum(ORDER_STATUSES);

export const OrderIdSchema = z.uuid();
export const CustomerIdSchema = z.uuid();
/** The one sku pattern (src/shared/kernel/sku.ts), the same the order domain checks. */
export const SkuSchema = z.string().regex(SKU_PATTERN, SKU_MESSAGE);
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code');
/** An actor name such as `saga`, `customer`, `operator:alice@example.com`. */
export const ActorSchema = z.string().regex(/^[\w.:@-]{1,50}$/, 'by must be 1-50 letters, digits or . : @ _ -');
export const ReasonSchema = z
  .string()
  .max(500)
  .refine((reason) => !reason.includes('\u0000'), 'reason must not contain NUL characters');

export const MAX_ORDER_LINES = 50;
export const MAX_LINE_QUANTITY = 1000;
export const MAX_UNIT_PRICE_MINOR = 10_000_000_000;

export const OrderLineRequestSchema = z.strictObject({
  sku: SkuSchema,
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((name) => !name.includes('\u0000'), 'name must not contain NUL characters'),
  unitPriceMinor: z.number().int().min(1).max(MAX_UNIT_PRICE_MINOR),
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
});

export const CreateOrderRequestSchema = z.strictObject({
  id: OrderIdSchema,
  customerId: CustomerIdSchema,
  currency: CurrencySchema,
  lines: z.array(OrderLineRequestSchema).min(1).max(MAX_ORDER_LINES),
  by: ActorSchema.default('customer'),
  reason: ReasonSchema.default('order placed'),
});
/** What a caller sends (`by` and `reason` may be left out). */
export type CreateOrderRequest = z.input<typeof CreateOrderRequestSchema>;

/** CONTEXT.PROBLEM (or a bare PROBLEM): the code of what caused a status change, kept apart from the free-text reason. */
export const ReasonCodeSchema = z
  .string()
  .max(MAX_REASON_CODE_LENGTH)
  .regex(REASON_CODE_PATTERN, 'reasonCode must be an upper-case code like CONTEXT.PROBLEM');

export const TransitionOrderRequestSchema = z.strictObject({
  to: OrderStatusSchema,
  by: ActorSchema,
  reason: ReasonSchema.default(''),
  reasonCode: ReasonCodeSchema.nullable().optional(),
});
export type TransitionOrderRequest = z.input<typeof TransitionOrderRequestSchema>;

export const ListOrdersQuerySchema = z.strictObject({
  customerId: CustomerIdSchema,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const MoneyDtoSchema = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const OrderDtoSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  status: OrderStatusSchema,
  lines: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      unitPrice: MoneyDtoSchema,
      quantity: z.number().int(),
      lineTotal: MoneyDtoSchema,
    }),
  ),
  total: MoneyDtoSchema,
  history: z.array(
    z.object({
      from: OrderStatusSchema.nullable(),
      to: OrderStatusSchema,
      at: z.string(),
      by: z.string(),
      reason: z.string(),
      /** Set when the change had a coded cause (a cancel after PAYMENT.CARD_DECLINED); null otherwise. */
      reasonCode: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type OrderDto = z.infer<typeof OrderDtoSchema>;

export const OrderPageSchema = z.object({
  items: z.array(OrderDtoSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type OrderPage = z.infer<typeof OrderPageSchema>;

/** Port for callers outside the context (saga activities, gateway). */
export interface OrderClient {
  /** Idempotent by `request.id`: a repeat returns the stored order; other content under that id fails with ALREADY_EXISTS. */
  create(request: CreateOrderRequest): Promise<OrderDto>;
  get(orderId: string): Promise<OrderDto>;
  listForCustomer(customerId: string, page?: { limit?: number; offset?: number }): Promise<OrderPage>;
  /** Moving to the status the order already has is a no-op that returns the order. */
  transition(orderId: string, request: TransitionOrderRequest): Promise<OrderDto>;
}
