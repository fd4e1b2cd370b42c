/**
 * The payment context's published contract: the only file other contexts and apps may import.
 * Schemas here validate requests at the service edge and responses in clients.
 */
import { z } from 'zod';

import { MAX_AMOUNT_MINOR } from '../../shared/kernel/money.js';
import { PAYMENT_METHOD_ID_PATTERN } from './domain/payment-method.aggregate.js';

/** The codes this context's errors carry; declared with the error classes, published from here. */
export { PAYMENT_ERROR_CODES } from './domain/payment.errors.js';

/** The simulated provider's cards (Stripe's test numbers). Any other valid number is declined. */
export { TEST_CARDS, type TestCard } from './domain/test-card.value.js';

/** The largest amount a charge may ask for (the kernel's Money limit). */
export { MAX_AMOUNT_MINOR };

export const OrderIdSchema = z.uuid();
export const OrderIdParamsSchema = z.strictObject({ orderId: OrderIdSchema });

/** An opaque payment-method token: `pm_` and 24 url-safe characters, as the domain issues them. */
export { PAYMENT_METHOD_ID_PATTERN };
export const PaymentMethodIdSchema = z.string().regex(PAYMENT_METHOD_ID_PATTERN, 'payment method id must be a pm_ token');
export const PaymentMethodIdParamsSchema = z.strictObject({ id: PaymentMethodIdSchema });

/**
 * The only request that carries a card number: the payment context keeps brand and last four,
 * answers a token, and everything after (the saga, Temporal) carries the token instead.
 */
export const CreatePaymentMethodRequestSchema = z.strictObject({
  customerId: z.uuid(),
  // Shape only; length and the Luhn check are the card-number value object's.
  cardNumber: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[0-9 -]+$/, 'card number may contain only digits, spaces and dashes'),
});
export type CreatePaymentMethodRequest = z.infer<typeof CreatePaymentMethodRequestSchema>;

export const PaymentMethodDtoSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  brand: z.string(),
  last4: z.string(),
  createdAt: z.string(),
});
export type PaymentMethodDto = z.infer<typeof PaymentMethodDtoSchema>;

export const ChargeRequestSchema = z.strictObject({
  orderId: OrderIdSchema,
  customerId: z.uuid(),
  amountMinor: z.number().int().min(1).max(MAX_AMOUNT_MINOR),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code'),
  /** Issued to this same customer by POST /payment-methods; otherwise 404 PAYMENT.METHOD_NOT_FOUND. */
  paymentMethodId: PaymentMethodIdSchema,
});
export type ChargeRequest = z.infer<typeof ChargeRequestSchema>;

export const RefundRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional(),
});
export type RefundRequest = z.infer<typeof RefundRequestSchema>;

export const PaymentStatusSchema = z.enum(['CAPTURED', 'DECLINED', 'REQUIRES_CONFIRMATION', 'REFUNDED', 'VOIDED']);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

export const PaymentAttemptDtoSchema = z.object({
  attempt: z.number().int(),
  outcome: z.enum(['APPROVED', 'DECLINED', 'TRANSIENT_FAILURE', 'REQUIRES_CONFIRMATION']),
  errorCode: z.string().nullable(),
  at: z.string(),
});
export type PaymentAttemptDto = z.infer<typeof PaymentAttemptDtoSchema>;

/**
 * customerId, amount and the card fields are null only on a tombstone: a VOIDED payment that a
 * refund left for an order that was never charged.
 */
export const PaymentDtoSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  customerId: z.string().nullable(),
  amount: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
  status: PaymentStatusSchema,
  cardLast4: z.string().nullable(),
  cardBrand: z.string().nullable(),
  declineReason: z.string().nullable().optional(),
  refundReason: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  capturedAt: z.string().nullable().optional(),
  confirmedAt: z.string().nullable().optional(),
  refundedAt: z.string().nullable().optional(),
  attempts: z.array(PaymentAttemptDtoSchema),
});
export type PaymentDto = z.infer<typeof PaymentDtoSchema>;

export const SimulatorSettingsDtoSchema = z.object({
  transientFailureRate: z.number(),
  transientFailuresBeforeSuccess: z.number().int().nullable(),
  slowCardDelayMs: z.number().int(),
});
export type SimulatorSettingsDto = z.infer<typeof SimulatorSettingsDtoSchema>;

/** Any subset; omitted fields keep their value, `transientFailuresBeforeSuccess: null` goes back to the rate. */
export const UpdateSimulatorSettingsRequestSchema = z.strictObject({
  transientFailureRate: z.number().min(0).max(1).optional(),
  transientFailuresBeforeSuccess: z.number().int().min(0).max(1000).nullable().optional(),
  slowCardDelayMs: z.number().int().min(0).max(60_000).optional(),
});
export type UpdateSimulatorSettingsRequest = z.infer<typeof UpdateSimulatorSettingsRequestSchema>;

/**
 * Port for callers outside the context (worker activities, gateway). Over HTTP: a decline is a
 * 422 coded PAYMENT.CARD_DECLINED; the transient card's failure is a 503 (retryable); an unknown
 * or foreign payment method is a 404 coded PAYMENT.METHOD_NOT_FOUND.
 */
export interface PaymentClient {
  /**
   * Card number in, token out (201). A number that is no card number (length, characters,
   * Luhn) is a 400 VALIDATION.INVALID_VALUE; any valid card is accepted (the simulator declines
   * the ones it does not know at charge time). Each call issues a new token.
   */
  createPaymentMethod(request: CreatePaymentMethodRequest): Promise<PaymentMethodDto>;
  getPaymentMethod(paymentMethodId: string): Promise<PaymentMethodDto>;
  /** Resolves with status CAPTURED (201) or REQUIRES_CONFIRMATION (202). */
  charge(request: ChargeRequest): Promise<PaymentDto>;
  confirm(orderId: string): Promise<PaymentDto>;
  refund(orderId: string, reason?: string): Promise<PaymentDto>;
  get(orderId: string): Promise<PaymentDto>;
  getSimulatorSettings(): Promise<SimulatorSettingsDto>;
  updateSimulatorSettings(patch: UpdateSimulatorSettingsRequest): Promise<SimulatorSettingsDto>;
}
