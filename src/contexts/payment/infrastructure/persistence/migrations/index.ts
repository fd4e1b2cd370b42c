import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';
import { createPaymentsAndAttempts } from './001-create-payments-and-attempts.js';
import { createPaymentMethods } from './002-create-payment-methods.js';
import { createSimulatorSettings } from './003-create-simulator-settings.js';

/** In order; append, never edit a released migration. */
export const paymentMigrations: readonly Migration[] = [createPaymentsAndAttempts, createPaymentMethods, createSimulatorSettings];
