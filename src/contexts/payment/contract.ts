/**
 * The payment context's published contract: the only file other contexts and apps may import.
 * Schemas here validate requests at the service edge and responses in clients.
 */
import { z } from 'zod';

export const PAYMENT_ERRORS = {
  NOT_FOUND: 'PAYMENT.NOT_FOUND',
  CARD_DECLINED: 'PAYMENT.CARD_DECLINED',
  /** The one 503 the service answers on purpose: retrying the same charge may succeed. */
  PROVIDER_UNAVAILABLE: 'PAYMENT.PROVIDER_UNAVAILABLE',
  NOT_AWAITING_CONFIRMATION: 'PAYMENT.NOT_AWAITING_CONFIRMATION',
  MISMATCH: 'PAYMENT.MISMATCH',
  VOIDED: 'PAYMENT.VOIDED',
  ALREADY_REFUNDED: 'PAYMENT.ALREADY_REFUNDED',
} as const;

/** The simulated provider's cards (Stripe's test numbers). Any other valid number is declined. */
export const TEST_CARDS = {
  APPROVE: {
    number: '4242424242424242',
    label: 'Visa: approved',
    behaviour: 'APPROVE',
  },
  DECLINE: {
    number: '4000000000000002',
    label: 'Visa: declined',
    behaviour: 'DECLINE',
  },
  TRANSIENT_FAILURE: {
    number: '4000000000000119',
    label: 'Visa: provider unavailable (retry may succeed)',
    behaviour: 'TRANSIENT_FAILURE',
  },
  REQUIRES_CONFIRMATION: {
    number: '4000000000003220',
    label: 'Visa: requires confirmation (3-D Secure)',
    behaviour: 'REQUIRES_CONFIRMATION',
  },
  SLOW_APPROVE: {
    number: '4000000000000077',
    label: 'Visa: approved after a delay',
    behaviour: 'SLOW_APPROVE',
  },
} as const satisfies Record<string, { number: string; label: string; behaviour: string }>;
export type TestCard = (typeof TEST_CARDS)[keyof typeof TEST_CARDS];

export const MAX_AMOUNT_MINOR = 10_000_000_000;

export const OrderIdSchema = z.uuid();
export const OrderIdParamsSchema = z.strictObject({ orderId: OrderIdSchema });

export const ChargeRequestSchema = z.strictObject({
  orderId: OrderIdSchema,
  customerId: z.uuid(),
  amountMinor: z.number().int().min(1).max(MAX_AMOUNT_MINOR),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code'),
  // Shape only; length and the Luhn check are the card-number value object's.
  cardNumber: z.string().min(1).max(40).regex(/^[0-9 -]+$/, 'card number may contain only digits, spaces and dashes'),
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
 * 422 coded PAYMENT.CARD_DECLINED; the transient card's failure is a 503 (retryable).
 */
export interface PaymentClient {
  /** Resolves with status CAPTURED (201) or REQUIRES_CONFIRMATION (202). */
  charge(request: ChargeRequest): Promise<PaymentDto>;
  confirm(orderId: string): Promise<PaymentDto>;
  refund(orderId: string, reason?: string): Promise<PaymentDto>;
  get(orderId: string): Promise<PaymentDto>;
  getSimulatorSettings(): Promise<SimulatorSettingsDto>;
  updateSimulatorSettings(patch: UpdateSimulatorSettingsRequest): Promise<SimulatorSettingsDto>;
}
