import { Model } from 'objection';

export class OrderLineRecord extends Model {
  static override tableName = 'order_lines';
  static override idColumn = ['order_id', 'sku'];

  order_id!: string;
  sku!: string;
  position!: number;
  name!: string;
  unit_price_minor!: number;
  quantity!: number;
}
