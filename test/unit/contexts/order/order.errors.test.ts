import { ORDER_ERROR_CODES } from '../../../../src/contexts/order/contract.js';
import * as errors from '../../../../src/contexts/order/domain/order.errors.js';
import { anId } from '../../../support/doubles/ids.js';
import { describeErrorCodes } from '../../../support/error-codes.js';

describeErrorCodes('order', {
  errorsModule: errors,
  declared: errors.ORDER_ERROR_CODES,
  published: ORDER_ERROR_CODES,
  examples: {
    OrderNotFound: () => new errors.OrderNotFound(anId()),
    OrderAlreadyExists: () => new errors.OrderAlreadyExists(anId()),
    IllegalOrderTransition: () => new errors.IllegalOrderTransition(anId(), 'CONFIRMED', 'PENDING'),
    DuplicateOrderLine: () => new errors.DuplicateOrderLine('MUG-1'),
    MixedCurrency: () => new errors.MixedCurrency(['EUR', 'USD']),
  },
});
