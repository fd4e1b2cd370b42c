import { Model } from 'objection';

/** Row shape of `orders`; never handed out of the persistence layer (the mapper builds domain objects). */
export class OrderRecord extends Model {
  static override tableName = 'orders';
  static override idColumn = 'id';

  id!: string;
  customer_id!: string;
  status!: string;
  currency!: string;
  total_minor!: number;
  version!: number;
  created_at!: Date;
  updated_at!: Date;
}
