import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';
import { createPaymentsAndAttempts } from './001-create-payments-and-attempts.js';

/** In order; append, never edit a released migration. */
export const paymentMigrations: readonly Migration[] = [createPaymentsAndAttempts];
