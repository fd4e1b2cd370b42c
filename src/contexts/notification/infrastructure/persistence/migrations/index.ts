import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';
import { createNotifications } from './001-create-notifications.js';

/** In order; append, never edit a released migration. */
export const notificationMigrations: readonly Migration[] = [createNotifications];
