import { Model } from 'objection';

/** Row shape of `products`; never handed out of the persistence layer (the mapper builds domain objects). */
export class ProductRecord extends Model {
  static override tableName = 'products';
  static override idColumn = 'sku';

  sku!: string;
  name!: string;
  description!: string;
  image_url!: string;
  price_minor!: number;
  currency!: string;
  stock_available!: number;
  created_at!: Date;
  updated_at!: Date;
}
