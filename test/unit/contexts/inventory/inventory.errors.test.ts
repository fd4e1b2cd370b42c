import { INVENTORY_ERROR_CODES } from '../../../../src/contexts/inventory/contract.js';
import * as errors from '../../../../src/contexts/inventory/domain/inventory.errors.js';
import { describeErrorCodes } from '../../../support/error-codes.js';

describeErrorCodes('inventory', {
  errorsModule: errors,
  declared: errors.INVENTORY_ERROR_CODES,
  published: INVENTORY_ERROR_CODES,
  examples: {
    ProductNotFound: () => new errors.ProductNotFound('A-1'),
    InsufficientStock: () => new errors.InsufficientStock('A-1', 2, 1),
    ReservationNotFound: () => new errors.ReservationNotFound('o'),
    ReservationClosed: () => new errors.ReservationClosed('o', 'RELEASED', 'commit'),
    ReservationMismatch: () => new errors.ReservationMismatch('o'),
    DuplicateSku: () => new errors.DuplicateSku('A-1'),
  },
});
