import { Model } from 'objection';

/** Row shape of `payments`; never handed out of the persistence layer (the mapper builds domain objects). */
export class PaymentRecord extends Model {
  static override tableName = 'payments';
  static override idColumn = 'id';

  id!: string;
  order_id!: string;
  customer_id!: string | null;
  amount_minor!: number | null;
  currency!: string | null;
  status!: 'CAPTURED' | 'DECLINED' | 'REQUIRES_CONFIRMATION' | 'REFUNDED' | 'VOIDED';
  card_last4!: string | null;
  card_brand!: string | null;
  decline_reason!: string | null;
  refund_reason!: string | null;
  created_at!: Date;
  updated_at!: Date;
  captured_at!: Date | null;
  confirmed_at!: Date | null;
  refunded_at!: Date | null;
}
