import assert from 'node:assert/strict';
import { ApiError, apiErrorFromResponse, fieldKey, friendlyMessage, networkError } from '../../web/src/lib/errors.js';
import { formatDuration, formatMoney, formatRelative, multiplyMoney, shortId, sumMoney } from '../../web/src/lib/format.js';
import { humanise, reasonText, statusInfo } from '../../web/src/lib/order-status.js';

describe('storefront errors', () => {
  it('turns a 400 envelope into messages per field', () => {
    const error = apiErrorFromResponse(400, {
      error: {
        code: 'VALIDATION.INVALID_REQUEST',
        message: 'Invalid request',
        details: {
          issues: [
            { path: 'body.email', code: 'invalid_format', message: 'invalid email address' },
            { path: 'body.email', code: 'too_big', message: 'second message for the same field' },
            { path: 'body.lines.0.quantity', code: 'too_small', message: 'must be at least 1' },
            { path: 'body', code: 'custom', message: 'each sku may appear once' },
          ],
        },
      },
    });
    assert.ok(error instanceof ApiError);
    assert.equal(error.isValidation, true);
    assert.deepEqual(error.fieldErrors, {
      email: 'Invalid email address',
      'lines.0.quantity': 'Must be at least 1',
      _form: 'Each sku may appear once',
    });
    assert.equal(friendlyMessage(error), 'Please check the highlighted fields.');
  });

  it('puts a 422 for skus not in the catalog next to the lines they are about', () => {
    const error = apiErrorFromResponse(422, {
      error: {
        code: 'INVENTORY.PRODUCT_NOT_FOUND',
        message: 'Some products are not in the catalog',
        details: {
          issues: [
            { path: 'body.lines.1.sku', code: 'INVENTORY.PRODUCT_NOT_FOUND', message: 'No product 00 in the catalog' },
            { path: 'body.lines.2.sku', code: 'INVENTORY.PRODUCT_NOT_FOUND', message: 'No product NO-SUCH-SKU in the catalog' },
          ],
        },
      },
    });
    assert.deepEqual(error.fieldErrors, {
      'lines.1.sku': 'No product 00 in the catalog',
      'lines.2.sku': 'No product NO-SUCH-SKU in the catalog',
    });
    assert.equal(error.isUnavailable, false);
  });

  it('puts coded conflicts next to the field they are about', () => {
    const taken = apiErrorFromResponse(409, { error: { code: 'CUSTOMER.EMAIL_TAKEN', message: 'taken' } });
    assert.match(taken.fieldErrors.email, /already exists/);
  });

  it('knows when the shop is down, and reads Retry-After', () => {
    assert.equal(networkError(new TypeError('fetch failed')).isUnavailable, true);
    assert.equal(
      apiErrorFromResponse(503, { error: { code: 'SERVICE_UNAVAILABLE', message: 'inventory is unavailable' } }).isUnavailable,
      true,
    );
    assert.equal(apiErrorFromResponse(502, '<html>bad gateway</html>').code, 'HTTP_502');
    assert.equal(apiErrorFromResponse(404, { error: { code: 'X.NOT_FOUND', message: '' } }).isUnavailable, false);
    const limited = apiErrorFromResponse(429, { error: { code: 'RATE_LIMITED', message: 'slow down' } }, '12');
    assert.equal(limited.retryAfterSeconds, 12);
    assert.equal(friendlyMessage(limited), 'Too many attempts. Please try again in 12 s.');
  });

  it('strips the request part of a path', () => {
    assert.equal(fieldKey('body.cardNumber'), 'cardNumber');
    assert.equal(fieldKey('query.limit'), 'limit');
    assert.equal(fieldKey('body'), '_form');
    assert.equal(fieldKey(''), '_form');
  });
});

describe('storefront formatting', () => {
  it('formats integer minor units as money', () => {
    assert.equal(formatMoney({ amountMinor: 2500, currency: 'EUR' }, 'en-IE'), '€25.00');
    assert.equal(formatMoney({ amountMinor: 123456, currency: 'USD' }, 'en-US'), '$1,234.56');
    assert.equal(formatMoney({ amountMinor: 500, currency: 'JPY' }, 'en-US'), '¥500', 'JPY has no minor unit');
    assert.equal(formatMoney({ amountMinor: 1999, currency: 'EUR' }, 'de-DE').replace(/\s/g, ' '), '19,99 €');
    assert.deepEqual(multiplyMoney({ amountMinor: 1400, currency: 'EUR' }, 3), { amountMinor: 4200, currency: 'EUR' });
    assert.deepEqual(
      sumMoney([
        { amountMinor: 1, currency: 'EUR' },
        { amountMinor: 2, currency: 'EUR' },
      ]),
      { amountMinor: 3, currency: 'EUR' },
    );
    assert.throws(() =>
      sumMoney([
        { amountMinor: 1, currency: 'EUR' },
        { amountMinor: 2, currency: 'USD' },
      ]),
    );
  });

  it('formats durations and relative times', () => {
    assert.equal(formatDuration(45), '45 ms');
    assert.equal(formatDuration(1500), '1.5 s');
    assert.equal(formatDuration(125_000), '2 min 5 s');
    const now = new Date('2026-03-01T12:00:00Z');
    assert.equal(formatRelative('2026-03-01T11:59:50Z', now), 'just now');
    assert.equal(formatRelative('2026-03-01T11:55:00Z', now), '5 min ago');
    assert.equal(shortId('0b6f3c1e-5d8a-4e2b-9c7f-1a2b3c4d5e6f'), '0B6F3C1E');
  });

  it('names statuses and reasons for people', () => {
    assert.equal(statusInfo('AWAITING_PAYMENT_CONFIRMATION').label, 'Confirm payment');
    assert.equal(statusInfo('CONFIRMED').final, true);
    assert.equal(statusInfo('SOMETHING_NEW').label, 'Something new');
    assert.equal(humanise('PAYMENT.CARD_DECLINED'), 'Card declined');
    assert.equal(reasonText('PAYMENT.CARD_DECLINED', 'raw'), 'Your card was declined.');
    assert.equal(reasonText('OTHER.CODE', 'A message from the saga'), 'A message from the saga');
  });
});
