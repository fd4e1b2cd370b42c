import { Model } from 'objection';

/** Row shape of `payment_methods`; never handed out of the persistence layer (the mapper builds domain objects). */
export class PaymentMethodRecord extends Model {
  static override tableName = 'payment_methods';
  static override idColumn = 'id';

  id!: string;
  customer_id!: string;
  brand!: string;
  last4!: string;
  simulated_behaviour!: 'APPROVE' | 'DECLINE' | 'TRANSIENT_FAILURE' | 'REQUIRES_CONFIRMATION' | 'SLOW_APPROVE' | null;
  created_at!: Date;
}
