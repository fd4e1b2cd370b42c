import assert from 'node:assert/strict';
import { ListCustomerNotifications } from '../../../../src/contexts/notification/application/list-customer-notifications.use-case.js';
import { MarkAllNotificationsRead } from '../../../../src/contexts/notification/application/mark-all-notifications-read.use-case.js';
import { MarkNotificationRead } from '../../../../src/contexts/notification/application/mark-notification-read.use-case.js';
import {
  RecordNotification,
  type RecordNotificationCommand,
} from '../../../../src/contexts/notification/application/record-notification.use-case.js';
import { composeNotification } from '../../../../src/contexts/notification/domain/notification-template.js';
import type { Clock } from '../../../../src/shared/kernel/clock.js';
import { InMemoryNotificationRepository } from './in-memory-notification.repository.js';

const CUSTOMER = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';
const OTHER_CUSTOMER = '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a';
const ORDER = '6f1c9a4e-2b7d-4c1e-9f3a-1d2e3f4a5b6c';

class SteppingClock implements Clock {
  private current = new Date('2026-01-01T00:00:00Z').getTime();
  now(): Date {
    return new Date(this.current);
  }
  advance(ms = 1000): void {
    this.current += ms;
  }
}

describe('notification use cases', () => {
  let repository: InMemoryNotificationRepository;
  let clock: SteppingClock;
  let record: RecordNotification;
  let list: ListCustomerNotifications;
  let markRead: MarkNotificationRead;
  let markAllRead: MarkAllNotificationsRead;

  beforeEach(() => {
    repository = new InMemoryNotificationRepository();
    clock = new SteppingClock();
    record = new RecordNotification(repository, clock);
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

    it('is idempotent by dedupe key: a retry returns the first notification', async () => {
      const first = await record.execute(command());
      clock.advance();
      const again = await record.execute(command());
      assert.equal(again.created, false);
      assert.equal(again.notification.id, first.notification.id);
      assert.deepEqual(again.notification.createdAt, first.notification.createdAt);
      assert.equal(repository.size, 1);
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
        clock.advance();
      }
      return ids;
    }

    it('lists newest first with totals and the unread count', async () => {
      const ids = await recordMany(3);
      await recordMany(2, OTHER_CUSTOMER);
      await markRead.execute(CUSTOMER, ids[1]!);

      const page = await list.execute(CUSTOMER, { limit: 2, offset: 0, unreadOnly: false });
      assert.deepEqual(page.items.map((n) => n.title), ['n2', 'n1']);
      assert.equal(page.total, 3);
      assert.equal(page.unreadCount, 2);

      const unread = await list.execute(CUSTOMER, { limit: 10, offset: 0, unreadOnly: true });
      assert.deepEqual(unread.items.map((n) => n.title), ['n2', 'n0']);
      assert.equal(unread.total, 2);
    });

    it('marking read is idempotent and keeps the first read time', async () => {
      const [id] = await recordMany(1);
      const first = await markRead.execute(CUSTOMER, id!);
      clock.advance();
      const second = await markRead.execute(CUSTOMER, id!);
      assert.ok(first.readAt);
      assert.deepEqual(second.readAt, first.readAt);
    });

    it('another customer’s notification is not found, and stays unread', async () => {
      const [id] = await recordMany(1);
      await assert.rejects(markRead.execute(OTHER_CUSTOMER, id!), { code: 'NOTIFICATION.NOT_FOUND' });
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
