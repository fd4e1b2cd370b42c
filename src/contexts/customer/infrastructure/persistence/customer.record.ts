import { Model } from 'objection';

/** Row shape of `customers`; never handed out of the persistence layer (the mapper builds domain objects). */
export class CustomerRecord extends Model {
  static override tableName = 'customers';
  static override idColumn = 'id';

  id!: string;
  email!: string;
  name!: string;
  status!: 'ACTIVE' | 'DEACTIVATED';
  roles!: string[];
  password_hash!: string | null;
  created_at!: Date;
  updated_at!: Date;
}
