import assert from 'node:assert/strict';
import { ListCustomerNotifications } from '../../../../src/contexts/notification/application/list-customer-notifications.use-case.js';
import { MarkAllNotificationsRead } from '../../../../src/contexts/notification/application/mark-all-notifications-read.use-case.js';
import { MarkNotificationRead } from '../../../../src/contexts/notification/application/mark-notification-read.use-case.js';
import {
  RecordNotification,
  type RecordNotificationCommand,
} from '../../../../src/contexts/notification/application/record-notification.use-case.js';
import type { Notification } from '../../../../src/contexts/notification/domain/notification.aggregate.js';
import { composeNotification } from '../../../../src/contexts/notification/domain/notification-template.js';
import { TestClock } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';
import { InMemoryNotificationRepository } from './in-memory-notification.repository.js';
import { aNotification } from './notification.builder.js';

const CUSTOMER = anId();
const OTHER_CUSTOMER = anId();
const ORDER = anId();

describe('notification use cases', () => {
  let repository: InMemoryNotificationRepository;
  let clock: TestClock;
  let published: Notification[];
  let record: RecordNotification;
  let list: ListCustomerNotifications;
  let markRead: MarkNotificationRead;
  let markAllRead: MarkAllNotificationsRead;

  beforeEach(() => {
    repository = new InMemoryNotificationRepository();
    clock = new TestClock();
    published = [];
    record = new RecordNotification(repository, clock, { published: (notification) => published.push(notification) });
    list = new ListCustomerNotifications(repository);
    markRead = new MarkNotificationRead(repository, clock);
    markAllRead = new MarkAllNotificationsRead(repository, clock);
  });

  const command = (overrides: Partial<RecordNotificationCommand> = {}): RecordNotificationCommand => ({
    dedupeKey: `${ORDER}:ORDER_CONFIRMED`,
    customerId: CUSTOMER,
    orderId: ORDER,
    type: 'ORDER_CONFIRMED',
    facts: { amountMinor: 1250, currency: 'EUR' },
    ...overrides,
  });

  describe('RecordNotification', () => {
    it('composes the standard title and message when the caller sends only the facts', async () => {
      const { notification, created } = await record.execute(command());
      assert.equal(created, true);
      assert.deepEqual(
        { title: notification.title, message: notification.message },
        composeNotification({ type: 'ORDER_CONFIRMED', orderId: ORDER, amount: { amountMinor: 1250, currency: 'EUR' } }),
      );
    });

    it('keeps caller-composed text, and composes only the part left out', async () => {
      const own = await record.execute(command({ title: 'Yay', message: 'All good' }));
      assert.deepEqual([own.notification.title, own.notification.message], ['Yay', 'All good']);
      const half = await record.execute(command({ dedupeKey: 'k-2', title: 'Only a title' }));
      assert.equal(half.notification.title, 'Only a title');
      assert.match(half.notification.message, /is confirmed/);
    });

    it('is idempotent by dedupe key: a retry returns the first notification, which is published once', async () => {
      const first = await record.execute(command());
      clock.advance(1000);
      const again = await record.execute(command());
      assert.equal(again.created, false);
      assert.equal(again.notification.id, first.notification.id);
      assert.deepEqual(again.notification.createdAt, first.notification.createdAt);
      assert.equal(repository.size, 1);
      assert.deepEqual(
        published.map((notification) => notification.id),
        [first.notification.id],
      );
    });

    it('the same key with other content is a mismatch', async () => {
      await record.execute(command());
      await assert.rejects(record.execute(command({ facts: { amountMinor: 999, currency: 'EUR' } })), {
        code: 'NOTIFICATION.DUPLICATE_KEY_MISMATCH',
      });
      await assert.rejects(record.execute(command({ customerId: OTHER_CUSTOMER })), { code: 'NOTIFICATION.DUPLICATE_KEY_MISMATCH' });
      assert.equal(repository.size, 1);
    });

    it('rejects half an amount and writes nothing', async () => {
      await assert.rejects(record.execute(command({ facts: { amountMinor: 100 } })), { code: 'VALIDATION.INVALID_VALUE' });
      await assert.rejects(record.execute(command({ facts: { currency: 'EUR' } })), { code: 'VALIDATION.INVALID_VALUE' });
      assert.equal(repository.size, 0);
    });
  });

  describe('listing and reading', () => {
    async function recordMany(count: number, customerId = CUSTOMER) {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const { notification } = await record.execute(command({ dedupeKey: `${customerId}:${i}`, customerId, title: `n${i}` }));
        ids.push(notification.id);
        clock.advance(1000);
      }
      return ids;
    }

    it('lists newest first with totals and the unread count', async () => {
      const ids = await recordMany(3);
      await recordMany(2, OTHER_CUSTOMER);
      await markRead.execute(CUSTOMER, ids[1]);

      const page = await list.execute(CUSTOMER, { limit: 2, offset: 0, unreadOnly: false });
      assert.deepEqual(
        page.items.map((n) => n.title),
        ['n2', 'n1'],
      );
      assert.equal(page.total, 3);
      assert.equal(page.unreadCount, 2);

      const unread = await list.execute(CUSTOMER, { limit: 10, offset: 0, unreadOnly: true });
      assert.deepEqual(
        unread.items.map((n) => n.title),
        ['n2', 'n0'],
      );
      assert.equal(unread.total, 2);
    });

    it('marking read is idempotent and keeps the first read time', async () => {
      const [id] = await recordMany(1);
      const first = await markRead.execute(CUSTOMER, id);
      clock.advance(1000);
      const second = await markRead.execute(CUSTOMER, id);
      assert.ok(first.readAt);
      assert.deepEqual(second.readAt, first.readAt);
    });

    it('marks a stored notification read at the clock time; an unknown one is not found', async () => {
      const stored = aNotification({ customerId: CUSTOMER });
      await repository.add(stored);
      clock.advance(5000);
      const read = await markRead.execute(CUSTOMER, stored.id);
      assert.deepEqual(read.readAt, clock.now());
      assert.deepEqual((await repository.get(stored.id))?.readAt, clock.now());
      await assert.rejects(markRead.execute(CUSTOMER, anId()), { code: 'NOTIFICATION.NOT_FOUND', kind: 'not_found' });
    });

    it('another customer’s notification is not found, and stays unread', async () => {
      const [id] = await recordMany(1);
      await assert.rejects(markRead.execute(OTHER_CUSTOMER, id), { code: 'NOTIFICATION.NOT_FOUND' });
      assert.equal((await list.execute(CUSTOMER, { limit: 10, offset: 0, unreadOnly: true })).total, 1);
    });

    it('rejects malformed ids before looking anything up', async () => {
      await assert.rejects(markRead.execute('nope', ORDER), { code: 'VALIDATION.INVALID_VALUE' });
      await assert.rejects(markRead.execute(CUSTOMER, 'nope'), { code: 'VALIDATION.INVALID_VALUE' });
      await assert.rejects(markAllRead.execute('nope'), { code: 'VALIDATION.INVALID_VALUE' });
    });

    it('marks all of one customer’s notifications read, once', async () => {
      await recordMany(3);
      await recordMany(2, OTHER_CUSTOMER);
      assert.deepEqual(await markAllRead.execute(CUSTOMER), { updated: 3 });
      assert.deepEqual(await markAllRead.execute(CUSTOMER), { updated: 0 });
      assert.equal((await list.execute(CUSTOMER, { limit: 10, offset: 0, unreadOnly: false })).unreadCount, 0);
      assert.equal((await list.execute(OTHER_CUSTOMER, { limit: 10, offset: 0, unreadOnly: false })).unreadCount, 2);
    });
  });
});
