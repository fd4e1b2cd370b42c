/**
 * Orders through the public API. Inputs are parsed with these before anything reaches Temporal;
 * responses are typed by them (and documented from them).
 */
import { z } from 'zod';
import { ORDER_STATUSES, OrderDtoSchema, OrderIdSchema, SkuSchema } from '../../../contexts/order/contract.js';
import { passesLuhn } from '../../../shared/kernel/luhn.js';
import { SAGA_OUTCOMES } from '../../../workflows/order-saga.messages.js';
import { NO_NUL, NO_NUL_MESSAGE, orNull, PageQuerySchema, PATTERN_CLASS } from './common.schemas.js';

/** What the card number may look like before spaces and dashes are removed: 12-19 digits among them. */
const CARD_NUMBER_INPUT_PATTERN = `^[${PATTERN_CLASS.WHITESPACE}-]*(?:[0-9][${PATTERN_CLASS.WHITESPACE}-]*){12,19}$`;

export const CardNumberSchema = z
  .string()
  .max(30)
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\d{12,19}$/, 'card number must be 12-19 digits')
      .refine(passesLuhn, 'card number fails the Luhn check'),
  )
  .meta({
    // The generator documents the input (a string of at most 30) and loses the pattern checked after the transform.
    pattern: CARD_NUMBER_INPUT_PATTERN,
    description:
      'A test card of the simulated provider (GET /api/test-cards): 12-19 digits passing the Luhn check; spaces and dashes allowed.',
    example: '4242 4242 4242 4242',
  });

/** No customerId: the order is placed for the customer the token names. */
export const PlaceOrderBodySchema = z
  .strictObject({
    lines: z
      .array(z.strictObject({ sku: SkuSchema, quantity: z.number().int().min(1).max(1000) }))
      .min(1)
      .max(50)
      .refine((lines) => new Set(lines.map((l) => l.sku)).size === lines.length, 'each sku may appear once'),
    cardNumber: CardNumberSchema,
  })
  .meta({ id: 'PlaceOrderRequest' });

export const IdempotencyKeySchema = z.string().regex(/^[\w.:-]{1,200}$/, 'Idempotency-Key must be 1-200 letters, digits, or . : _ -');

export const PlaceOrderHeadersSchema = z.object({
  'idempotency-key': IdempotencyKeySchema.optional().meta({
    description: 'Retry-safe placement: the same key (per customer) with the same body returns the first order instead of placing another.',
  }),
});

export const OrderIdParamsSchema = z.object({ id: OrderIdSchema });

export const CancelOrderBodySchema = z
  .strictObject({ reason: z.string().trim().max(500).regex(NO_NUL, `reason ${NO_NUL_MESSAGE}`).optional() })
  .default({})
  .meta({ id: 'CancelOrderRequest' });

export const OrdersQuerySchema = PageQuerySchema;

export const PlaceOrderResponseSchema = z
  .object({
    orderId: z.uuid(),
    status: z.literal('ACCEPTED'),
    links: z.object({ self: z.string() }),
  })
  .meta({ id: 'PlaceOrderResponse' });

export const OrderSchema = OrderDtoSchema.meta({ id: 'Order' });

export const OrderPageSchema = z
  .object({ items: z.array(OrderSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'OrderPage' });

export const SagaStepSchema = z
  .object({
    name: z.string(),
    kind: z.enum(['forward', 'compensation']),
    status: z.enum(['running', 'completed', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    attempts: z.number().int().optional(),
    error: z.object({ code: z.string(), message: z.string(), retriesExhausted: z.boolean() }).optional(),
    detail: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'SagaStep' });

export const SagaViewSchema = z
  .object({
    currentStep: z.string().nullable(),
    outcome: z.enum(SAGA_OUTCOMES).nullable(),
    reasonCode: z.string().nullable(),
    reason: z.string().nullable(),
    awaitingPaymentConfirmation: z.boolean(),
    paymentCaptured: z.boolean(),
    cancellable: z.boolean(),
    steps: z.array(SagaStepSchema),
  })
  .meta({ id: 'SagaView', description: 'What the saga is doing right now (live from Temporal).' });

export const OrderViewSchema = z
  .object({
    id: z.string(),
    status: z.enum([...ORDER_STATUSES, 'PROCESSING', 'REJECTED']).meta({
      description: 'The order status, or PROCESSING before the order exists, or REJECTED when the saga refused it.',
    }),
    order: orNull(OrderSchema).meta({
      description: 'null until the saga has created the order, and for good when the saga refused it before (status REJECTED).',
    }),
    saga: orNull(SagaViewSchema).meta({
      description: 'null when no worker can answer for the saga right now, or when its workflow history is gone.',
    }),
  })
  .meta({ id: 'OrderView' });

export const CancelOrderResponseSchema = z
  .object({ orderId: z.string(), cancellationRequested: z.literal(true), saga: SagaViewSchema })
  .meta({ id: 'CancelOrderResponse' });

export const ConfirmPaymentResponseSchema = z
  .object({ orderId: z.string(), paymentConfirmed: z.literal(true), saga: SagaViewSchema })
  .meta({ id: 'ConfirmPaymentResponse' });
