import { Model } from 'objection';

export class OrderStatusHistoryRecord extends Model {
  static override tableName = 'order_status_history';
  static override idColumn = 'id';

  id!: number;
  order_id!: string;
  from_status!: string | null;
  to_status!: string;
  at!: Date;
  by!: string;
  reason!: string;
  reason_code!: string | null;
}
