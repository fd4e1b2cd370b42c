import { CUSTOMER_ERROR_CODES } from '../../../../src/contexts/customer/contract.js';
import * as errors from '../../../../src/contexts/customer/domain/customer.errors.js';
import { anId } from '../../../support/doubles/ids.js';
import { describeErrorCodes } from '../../../support/error-codes.js';

describeErrorCodes('customer', {
  errorsModule: errors,
  declared: errors.CUSTOMER_ERROR_CODES,
  published: CUSTOMER_ERROR_CODES,
  examples: {
    CustomerNotFound: () => new errors.CustomerNotFound({ id: anId() }),
    CustomerEmailTaken: () => new errors.CustomerEmailTaken('ada@example.com'),
    CustomerDeactivated: () => new errors.CustomerDeactivated(anId(), 'update the profile'),
  },
});
