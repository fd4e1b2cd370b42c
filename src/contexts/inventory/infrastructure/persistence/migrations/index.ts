import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';
import { createProductsAndReservations } from './001-create-products-and-reservations.js';
import { notifyStockChanges } from './002-notify-stock-changes.js';

/** In order; append, never edit a released migration. */
export const inventoryMigrations: readonly Migration[] = [createProductsAndReservations, notifyStockChanges];
