import assert from 'node:assert/strict';
import type { NotificationRepository } from '../../../../src/contexts/notification/domain/notification.repository.js';
import { notificationMigrations } from '../../../../src/contexts/notification/infrastructure/persistence/migrations/index.js';
import { ObjectionNotificationRepository } from '../../../../src/contexts/notification/infrastructure/persistence/objection-notification.repository.js';
import { anId } from '../../../support/doubles/ids.js';
import { describeBothRepositories } from '../../../support/repository-contract.js';
import { InMemoryNotificationRepository } from '../../../unit/contexts/notification/in-memory-notification.repository.js';
import { aNotification } from '../../../unit/contexts/notification/notification.builder.js';

/** The repository vocabulary (get, add, update) means the same in Postgres and in the double the unit tests use. */
describeBothRepositories<NotificationRepository>(
  'NotificationRepository',
  {
    migrations: notificationMigrations,
    inMemory: () => new InMemoryNotificationRepository(),
    postgres: (knex) => new ObjectionNotificationRepository(knex),
  },
  (make) => {
    let repository: NotificationRepository;
    beforeEach(async () => {
      repository = await make();
    });

    it('add inserts once; the same dedupe key again writes nothing and answers with the stored one', async () => {
      const notification = aNotification();
      const first = await repository.add(notification);
      assert.deepEqual([first.created, first.aggregate.id], [true, notification.id]);
      const again = await repository.add(aNotification({ dedupeKey: notification.dedupeKey, title: 'Other' }));
      assert.deepEqual([again.created, again.aggregate.id, again.aggregate.title], [false, notification.id, notification.title]);
      assert.equal((await repository.get(notification.id))?.dedupeKey, notification.dedupeKey);
    });

    it('get answers undefined for an unknown or malformed id', async () => {
      assert.equal(await repository.get(anId()), undefined);
      assert.equal(await repository.get('nope'), undefined);
    });

    it('update saves what change returns, and answers with the stored one when change returns undefined', async () => {
      const notification = aNotification();
      await repository.add(notification);
      const readAt = new Date(notification.createdAt.getTime() + 1000);
      const read = await repository.update(notification.id, (current) => (current?.markRead(readAt) ? current : undefined));
      assert.deepEqual(read?.readAt, readAt);
      const again = await repository.update(notification.id, (current) => (current?.markRead(new Date()) ? current : undefined));
      assert.deepEqual(again?.readAt, readAt);
      assert.deepEqual((await repository.get(notification.id))?.readAt, readAt);
    });

    it('update of an unknown id hands change undefined and answers undefined', async () => {
      const seen: unknown[] = [];
      const result = await repository.update(anId(), (current) => {
        seen.push(current);
        return undefined;
      });
      assert.deepEqual([result, seen], [undefined, [undefined]]);
    });

    it('markAllRead reads only that customer’s unread notifications and counts them', async () => {
      const customerId = anId();
      const readAt = new Date();
      for (let i = 0; i < 3; i += 1) await repository.add(aNotification({ customerId }));
      const someoneElse = aNotification();
      await repository.add(someoneElse);
      assert.equal(await repository.markAllRead(customerId, readAt), 3);
      assert.equal(await repository.markAllRead(customerId, readAt), 0);
      assert.equal((await repository.get(someoneElse.id))?.readAt, null);
      const page = await repository.listByCustomer(customerId, { limit: 10, offset: 0, unreadOnly: false });
      assert.deepEqual([page.total, page.unreadCount], [3, 0]);
    });
  },
);
