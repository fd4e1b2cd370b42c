import { Model } from 'objection';
import type { NotificationType } from '../../domain/notification-type.value.js';

/** Row shape of `notifications`; never handed out of the persistence layer (the mapper builds domain objects). */
export class NotificationRecord extends Model {
  static override tableName = 'notifications';
  static override idColumn = 'id';

  id!: string;
  seq!: number;
  dedupe_key!: string;
  customer_id!: string;
  order_id!: string | null;
  type!: NotificationType;
  title!: string;
  message!: string;
  request_fingerprint!: string;
  created_at!: Date;
  read_at!: Date | null;
}
