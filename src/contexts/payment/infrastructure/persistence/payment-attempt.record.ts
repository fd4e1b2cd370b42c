import { Model } from 'objection';

export class PaymentAttemptRecord extends Model {
  static override tableName = 'payment_attempts';
  static override idColumn = 'id';

  id!: number;
  order_id!: string;
  attempt!: number;
  outcome!: 'APPROVED' | 'DECLINED' | 'TRANSIENT_FAILURE' | 'REQUIRES_CONFIRMATION';
  error_code!: string | null;
  at!: Date;
}
