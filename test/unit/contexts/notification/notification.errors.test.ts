import { NOTIFICATION_ERROR_CODES } from '../../../../src/contexts/notification/contract.js';
import * as errors from '../../../../src/contexts/notification/domain/notification.errors.js';
import { anId } from '../../../support/doubles/ids.js';
import { describeErrorCodes } from '../../../support/error-codes.js';

describeErrorCodes('notification', {
  errorsModule: errors,
  declared: errors.NOTIFICATION_ERROR_CODES,
  published: NOTIFICATION_ERROR_CODES,
  examples: {
    NotificationNotFound: () => new errors.NotificationNotFound(anId()),
    DuplicateKeyMismatch: () => new errors.DuplicateKeyMismatch(`${anId()}:ORDER_PLACED`, ['message']),
  },
});
