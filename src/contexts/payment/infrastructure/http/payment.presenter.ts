import type { PaymentView } from '../../application/get-payment.use-case.js';
import type { PaymentDto, PaymentMethodDto, SimulatorSettingsDto } from '../../contract.js';
import type { PaymentMethod } from '../../domain/payment-method.aggregate.js';
import type { SimulatorSettings } from '../../domain/simulator-settings.value.js';

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

export function toPaymentDto({ payment, attempts }: PaymentView): PaymentDto {
  return {
    id: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amount: payment.amount?.toJSON() ?? null,
    status: payment.status,
    cardLast4: payment.card?.last4 ?? null,
    cardBrand: payment.card?.brand ?? null,
    declineReason: payment.declineReason,
    refundReason: payment.refundReason,
    createdAt: payment.createdAt.toISOString(),
    updatedAt: payment.updatedAt.toISOString(),
    capturedAt: iso(payment.capturedAt),
    confirmedAt: iso(payment.confirmedAt),
    refundedAt: iso(payment.refundedAt),
    attempts: attempts.map((a) => ({ attempt: a.attempt, outcome: a.outcome, errorCode: a.errorCode, at: a.at.toISOString() })),
  };
}

/** Field by field on purpose: the provider reference stays inside the context. */
export function toPaymentMethodDto(method: PaymentMethod): PaymentMethodDto {
  return {
    id: method.id,
    customerId: method.customerId,
    brand: method.brand,
    last4: method.last4,
    createdAt: method.createdAt.toISOString(),
  };
}

export function toSimulatorSettingsDto(settings: SimulatorSettings): SimulatorSettingsDto {
  return settings.toJSON();
}
