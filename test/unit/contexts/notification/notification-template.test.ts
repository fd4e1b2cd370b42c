import assert from 'node:assert/strict';
import {
  MAX_REASON_LENGTH,
  composeNotification,
  formatAmount,
} from '../../../../src/contexts/notification/domain/notification-template.js';
import { MAX_MESSAGE_LENGTH, MAX_TITLE_LENGTH } from '../../../../src/contexts/notification/domain/notification.aggregate.js';
import { NOTIFICATION_TYPES } from '../../../../src/contexts/notification/domain/notification-type.value.js';

const ORDER = '6f1c9a4e-2b7d-4c1e-9f3a-1d2e3f4a5b6c';
const EUR_12_50 = { amountMinor: 1250, currency: 'EUR' };

describe('notification templates', () => {
  const expected = {
    ORDER_PLACED: {
      title: 'Order #6F1C9A4E received',
      message: 'We received your order #6F1C9A4E of €12.50. We will let you know as soon as it is confirmed.',
    },
    ORDER_CONFIRMED: {
      title: 'Order #6F1C9A4E confirmed',
      message: 'Your order #6F1C9A4E of €12.50 is confirmed. Thank you for shopping with us.',
    },
    ORDER_CANCELLED: {
      title: 'Order #6F1C9A4E cancelled',
      message: 'Your order #6F1C9A4E of €12.50 was cancelled. Reason: out of stock.',
    },
    PAYMENT_FAILED: {
      title: 'Payment failed for order #6F1C9A4E',
      message: 'We could not take the payment of €12.50 for your order #6F1C9A4E. Reason: out of stock.',
    },
    PAYMENT_CONFIRMATION_REQUIRED: {
      title: 'Confirm your payment for order #6F1C9A4E',
      message: 'Your payment of €12.50 for order #6F1C9A4E needs your confirmation before we can complete the order.',
    },
    ORDER_NEEDS_ATTENTION: {
      title: 'Order #6F1C9A4E needs attention',
      message:
        'Something went wrong while processing your order #6F1C9A4E. Reason: out of stock. ' +
        'Our team has been notified and will sort it out.',
    },
  } as const;

  for (const type of NOTIFICATION_TYPES) {
    it(`composes ${type} from the order, amount and reason`, () => {
      assert.deepEqual(composeNotification({ type, orderId: ORDER, amount: EUR_12_50, reason: 'out of stock' }), expected[type]);
    });

    it(`${type} reads well without any facts and stays within limits with the longest reason`, () => {
      const bare = composeNotification({ type });
      assert.ok(bare.title.length > 0 && !bare.title.includes('undefined') && !bare.message.includes('undefined'));
      assert.ok(!bare.message.includes('Reason') && !bare.message.includes(' of '), bare.message);
      const longest = composeNotification({
        type,
        orderId: ORDER,
        amount: { amountMinor: 10_000_000_000, currency: 'EUR' },
        reason: 'x'.repeat(MAX_REASON_LENGTH),
      });
      assert.ok(longest.title.length <= MAX_TITLE_LENGTH);
      assert.ok(longest.message.length <= MAX_MESSAGE_LENGTH);
    });
  }

  it('is pure: the same facts give the same text', () => {
    const facts = { type: 'PAYMENT_FAILED' as const, orderId: ORDER, reason: 'card declined', amount: EUR_12_50 };
    assert.deepEqual(composeNotification(facts), composeNotification({ ...facts }));
  });

  it('does not double the full stop of a reason that ends a sentence', () => {
    const { message } = composeNotification({ type: 'ORDER_CANCELLED', orderId: ORDER, reason: '  Cancelled by you!  ' });
    assert.equal(message, 'Your order #6F1C9A4E was cancelled. Reason: Cancelled by you!');
  });

  it('formats amounts in the currency’s own minor units', () => {
    assert.equal(formatAmount({ amountMinor: 1250, currency: 'EUR' }), '€12.50');
    assert.equal(formatAmount({ amountMinor: 1250, currency: 'JPY' }), '¥1,250');
    assert.equal(formatAmount({ amountMinor: 1250, currency: 'BHD' }), 'BHD 1.250');
    assert.equal(formatAmount({ amountMinor: 0, currency: 'USD' }), '$0.00');
  });

  for (const [label, facts] of [
    ['an over-long reason', { reason: 'x'.repeat(MAX_REASON_LENGTH + 1) }],
    ['a blank reason', { reason: '   ' }],
    ['a reason with a control character', { reason: 'bad\u0000reason' }],
    ['a negative amount', { amount: { amountMinor: -1, currency: 'EUR' } }],
    ['a fractional amount', { amount: { amountMinor: 1.5, currency: 'EUR' } }],
    ['a malformed currency', { amount: { amountMinor: 1, currency: 'eur' } }],
  ] as const) {
    it(`rejects ${label}`, () => {
      assert.throws(() => composeNotification({ type: 'ORDER_CANCELLED', orderId: ORDER, ...facts }), {
        code: 'VALIDATION.INVALID_VALUE',
      });
    });
  }

  it('rejects an unknown type', () => {
    assert.throws(() => composeNotification({ type: 'NOPE' as never }), { code: 'VALIDATION.INVALID_VALUE' });
  });
});
