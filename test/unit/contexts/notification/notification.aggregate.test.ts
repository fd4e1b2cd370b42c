import assert from 'node:assert/strict';
import { NOTIFICATION_TYPES as CONTRACT_TYPES, NOTIFICATION_ERROR_CODES } from '../../../../src/contexts/notification/contract.js';
import { Notification, type NotificationRequest } from '../../../../src/contexts/notification/domain/notification.aggregate.js';
import { DuplicateKeyMismatch } from '../../../../src/contexts/notification/domain/notification.errors.js';
import { NOTIFICATION_TYPES } from '../../../../src/contexts/notification/domain/notification-type.value.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';
import { aNotificationRequest } from './notification.builder.js';

const ID = anId();
const CUSTOMER = anId();
const ORDER = anId();
/** How the standard wording names ORDER. */
const REF = `#${ORDER.slice(0, 8).toUpperCase()}`;
const now = new Date(TEST_EPOCH);

const valid = (overrides: Partial<NotificationRequest> = {}): NotificationRequest =>
  aNotificationRequest({
    id: ID,
    dedupeKey: `${ORDER}:ORDER_CONFIRMED`,
    customerId: CUSTOMER,
    orderId: ORDER,
    type: 'ORDER_CONFIRMED',
    title: 'Order confirmed',
    message: 'Your order is confirmed.',
    createdAt: now,
    ...overrides,
  });

describe('Notification aggregate', () => {
  it('records an unread notification with trimmed text and lower-case ids', () => {
    const notification = Notification.record(
      valid({ customerId: CUSTOMER.toUpperCase(), title: '  Hi  ', message: ' Line 1\nLine 2\t! ' }),
    );
    assert.equal(notification.customerId, CUSTOMER);
    assert.equal(notification.title, 'Hi');
    assert.equal(notification.message, 'Line 1\nLine 2\t!');
    assert.equal(notification.readAt, null);
    assert.equal(notification.isRead, false);
  });

  it('accepts no order and any unicode text', () => {
    const notification = Notification.record(valid({ orderId: null, title: 'Zamówienie 🎉 注文 مرحبا', message: '✓ ok' }));
    assert.equal(notification.orderId, null);
    assert.equal(notification.title, 'Zamówienie 🎉 注文 مرحبا');
  });

  const invalid: [string, Partial<NotificationRequest>][] = [
    ['a malformed id', { id: 'nope' }],
    ['a malformed customerId', { customerId: "1' OR '1'='1" }],
    ['a malformed orderId', { orderId: '123' }],
    ['an unknown type', { type: 'ORDER_SHIPPED' as never }],
    ['a blank title', { title: '   ' }],
    ['a 121-character title', { title: 'x'.repeat(121) }],
    ['a title with a newline', { title: 'a\nb' }],
    ['a title with NUL', { title: 'a\u0000b' }],
    ['a blank message', { message: '' }],
    ['a 1001-character message', { message: 'x'.repeat(1001) }],
    ['a message with NUL', { message: 'a\u0000b' }],
    ['an empty dedupe key', { dedupeKey: '' }],
    ['a blank dedupe key', { dedupeKey: '  ' }],
    ['a 201-character dedupe key', { dedupeKey: 'k'.repeat(201) }],
    ['a dedupe key with a control character', { dedupeKey: 'a\u001bb' }],
  ];
  for (const [label, overrides] of invalid) {
    it(`rejects ${label}`, () => {
      assert.throws(() => Notification.record(valid(overrides)), { code: 'VALIDATION.INVALID_VALUE' });
    });
  }

  it('accepts the longest allowed title, message and key', () => {
    const notification = Notification.record(valid({ title: 't'.repeat(120), message: 'm'.repeat(1000), dedupeKey: 'k'.repeat(200) }));
    assert.equal(notification.title.length, 120);
  });

  it('marking read is idempotent and keeps the first read time', () => {
    const notification = Notification.record(valid());
    const first = new Date('2026-01-02T00:00:00Z');
    assert.equal(notification.markRead(first), true);
    assert.equal(notification.markRead(new Date('2026-01-03T00:00:00Z')), false);
    assert.deepEqual(notification.readAt, first);
  });

  it('composes the standard wording for whatever the caller left out', () => {
    const composed = Notification.record(valid({ title: undefined, message: undefined, facts: { reason: 'card declined' } }));
    assert.equal(composed.title, `Order ${REF} confirmed`);
    assert.ok(composed.message.startsWith(`Your order ${REF} is confirmed.`), composed.message);
    const half = Notification.record(valid({ message: undefined }));
    assert.equal(half.title, 'Order confirmed');
    assert.match(half.message, /is confirmed/);
  });

  describe('repeats of one dedupe key', () => {
    const other = { id: anId(), createdAt: new Date('2026-02-01T00:00:00Z') };
    const differs = (stored: Notification, requested: Notification) => {
      try {
        stored.assertRepeatOf(requested);
        return [];
      } catch (error) {
        assert.ok(error instanceof DuplicateKeyMismatch);
        assert.equal(error.code, NOTIFICATION_ERROR_CODES.DUPLICATE_KEY_MISMATCH);
        assert.equal(error.kind, 'conflict');
        return error.details?.differs;
      }
    };

    it('the same request again is a repeat, whatever its id, time or surrounding whitespace', () => {
      const stored = Notification.record(valid());
      assert.deepEqual(
        differs(stored, Notification.record(valid({ ...other, title: ' Order confirmed ', customerId: CUSTOMER.toUpperCase() }))),
        [],
      );
    });

    it('other content is a mismatch that names what differs', () => {
      const stored = Notification.record(valid());
      assert.deepEqual(differs(stored, Notification.record(valid({ ...other, message: 'Other words', type: 'ORDER_CANCELLED' }))), [
        'type',
        'message',
      ]);
      assert.deepEqual(differs(stored, Notification.record(valid({ orderId: null }))), ['orderId']);
    });

    it('composed notifications compare by their facts, not by the composed text', () => {
      const facts = (amountMinor: number, reason?: string) =>
        valid({ ...other, title: undefined, message: undefined, facts: { reason, amount: { amountMinor, currency: 'EUR' } } });
      const stored = Notification.record(facts(1250, 'late'));
      assert.deepEqual(differs(stored, Notification.record(facts(1250, ' late '))), []);
      assert.deepEqual(differs(stored, Notification.record(facts(999, 'late'))), ['amount']);
      assert.deepEqual(differs(stored, Notification.record(facts(1250))), ['reason']);
      // Spelling out the composed text is another request, even though the words are the same.
      assert.deepEqual(differs(stored, Notification.record(valid({ title: stored.title, message: stored.message }))), [
        'title',
        'message',
        'reason',
        'amount',
      ]);
    });

    it('facts that the caller’s own title and message make unused do not matter', () => {
      const stored = Notification.record(valid({ facts: { reason: 'a' } }));
      assert.deepEqual(differs(stored, Notification.record(valid({ facts: { reason: 'b' } }))), []);
    });
  });

  it('the contract publishes the domain list of types as is (not a copy)', () => {
    assert.equal(CONTRACT_TYPES, NOTIFICATION_TYPES);
  });
});
