import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';
import { createOrders } from './001-create-orders.js';

/** In order; append, never edit a released migration. */
export const orderMigrations: readonly Migration[] = [createOrders];
