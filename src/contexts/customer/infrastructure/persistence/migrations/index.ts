import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';
import { createCustomers } from './001-create-customers.js';

/** In order; append, never edit a released migration. */
export const customerMigrations: readonly Migration[] = [createCustomers];
