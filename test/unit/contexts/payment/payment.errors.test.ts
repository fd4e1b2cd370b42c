import { PAYMENT_ERROR_CODES } from '../../../../src/contexts/payment/contract.js';
import * as errors from '../../../../src/contexts/payment/domain/payment.errors.js';
import { anId } from '../../../support/doubles/ids.js';
import { describeErrorCodes } from '../../../support/error-codes.js';

describeErrorCodes('payment', {
  errorsModule: errors,
  declared: errors.PAYMENT_ERROR_CODES,
  published: PAYMENT_ERROR_CODES,
  examples: {
    PaymentNotFound: () => new errors.PaymentNotFound(anId()),
    CardDeclined: () => new errors.CardDeclined(anId(), anId(), 'generic decline', null),
    PaymentMismatch: () => new errors.PaymentMismatch(anId(), ['amount']),
    PaymentVoided: () => new errors.PaymentVoided(anId()),
    PaymentAlreadyRefunded: () => new errors.PaymentAlreadyRefunded(anId()),
    NotAwaitingConfirmation: () => new errors.NotAwaitingConfirmation(anId(), 'CAPTURED'),
    PaymentMethodNotFound: () => new errors.PaymentMethodNotFound('pm_AAAAAAAAAAAAAAAAAAAAAAAA'),
    // Not a DomainError (see its comment), but a code the service answers with all the same.
    ProviderUnavailable: () => new errors.ProviderUnavailable(anId(), 1, 'simulated'),
  },
});
