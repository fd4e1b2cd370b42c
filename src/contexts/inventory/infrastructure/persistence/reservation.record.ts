import { Model } from 'objection';

export class ReservationRecord extends Model {
  static override tableName = 'reservations';
  static override idColumn = 'order_id';
  static override jsonAttributes = ['lines'];

  order_id!: string;
  status!: 'RESERVED' | 'RELEASED' | 'COMMITTED';
  lines!: { sku: string; quantity: number }[];
  created_at!: Date;
  updated_at!: Date;
}
