import type { Migration } from '../../../../../shared/infrastructure/persistence/database.js';
import { createOrders } from './001-create-orders.js';
import { addHistoryReasonCode } from './002-add-history-reason-code.js';
import { addOperatorDecisionStatuses } from './003-add-operator-decision-statuses.js';

/** In order; append, never edit a released migration. */
export const orderMigrations: readonly Migration[] = [createOrders, addHistoryReasonCode, addOperatorDecisionStatuses];
