import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';
import { createCustomers } from './001-create-customers.js';
import { addCustomerRoles } from './002-add-customer-roles.js';

/** In order; append, never edit a released migration. */
export const customerMigrations: readonly Migration[] = [createCustomers, addCustomerRoles];
