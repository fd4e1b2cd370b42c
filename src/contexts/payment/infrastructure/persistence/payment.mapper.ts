import { Money } from '../../../../shared/kernel/money.js';
import type { CardBrand } from '../../domain/card-number.value.js';
import type { NewPaymentAttempt, PaymentAttempt } from '../../domain/payment-attempt.value.js';
import { Payment } from '../../domain/payment.aggregate.js';
import type { PaymentAttemptRecord } from './payment-attempt.record.js';
import type { PaymentRecord } from './payment.record.js';

export type PaymentColumns = Pick<
  PaymentRecord,
  | 'id'
  | 'order_id'
  | 'customer_id'
  | 'amount_minor'
  | 'currency'
  | 'status'
  | 'card_last4'
  | 'card_brand'
  | 'decline_reason'
  | 'refund_reason'
  | 'created_at'
  | 'updated_at'
  | 'captured_at'
  | 'confirmed_at'
  | 'refunded_at'
>;
export type AttemptColumns = Pick<PaymentAttemptRecord, 'order_id' | 'attempt' | 'outcome' | 'error_code' | 'at'>;

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

export const PaymentMapper = {
  toPayment(row: PaymentColumns): Payment {
    return Payment.restore({
      id: row.id,
      orderId: row.order_id,
      customerId: row.customer_id,
      amount: row.amount_minor === null || row.currency === null ? null : Money.of(Number(row.amount_minor), row.currency),
      status: row.status,
      card: row.card_last4 === null || row.card_brand === null ? null : { last4: row.card_last4, brand: row.card_brand as CardBrand },
      declineReason: row.decline_reason,
      refundReason: row.refund_reason,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      capturedAt: date(row.captured_at),
      confirmedAt: date(row.confirmed_at),
      refundedAt: date(row.refunded_at),
    });
  },

  toRow(payment: Payment): PaymentColumns {
    const p = payment.snapshot();
    return {
      id: p.id,
      order_id: p.orderId,
      customer_id: p.customerId,
      amount_minor: p.amount?.amountMinor ?? null,
      currency: p.amount?.currency ?? null,
      status: p.status,
      card_last4: p.card?.last4 ?? null,
      card_brand: p.card?.brand ?? null,
      decline_reason: p.declineReason,
      refund_reason: p.refundReason,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      captured_at: p.capturedAt,
      confirmed_at: p.confirmedAt,
      refunded_at: p.refundedAt,
    };
  },

  toAttempt(row: AttemptColumns): PaymentAttempt {
    return { orderId: row.order_id, attempt: row.attempt, outcome: row.outcome, errorCode: row.error_code, at: new Date(row.at) };
  },

  toNewAttemptRow(attempt: NewPaymentAttempt): Omit<AttemptColumns, 'attempt'> {
    return { order_id: attempt.orderId, outcome: attempt.outcome, error_code: attempt.errorCode, at: attempt.at };
  },
};
