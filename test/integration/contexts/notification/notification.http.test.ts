import assert from 'node:assert/strict';
import { notificationService } from '../../../../src/apps/notification/notification.service.js';
import { HttpNotificationClient } from '../../../../src/clients/http-notification.client.js';
import {
  NOTIFICATION_ERROR_CODES,
  NotificationDtoSchema,
  NotificationPageSchema,
  notificationDedupeKey,
  type NotificationDto,
  type NotificationPage,
} from '../../../../src/contexts/notification/contract.js';
import type { RunningService } from '../../../../src/shared/infrastructure/context-service.js';
import type { ErrorEnvelope } from '../../../../src/shared/infrastructure/http/errors.js';
import { RemoteServiceError } from '../../../../src/shared/infrastructure/http/json-client.js';
import { GENERIC_BAD_BODIES, expectRejected } from '../../../support/bad-input.js';
import { http, startServiceForTest } from '../../../support/services.js';
import { anId } from '../../../support/doubles/ids.js';

describe('notification service over HTTP (real Postgres)', function () {
  let service: RunningService;
  let url: string;

  before(async () => {
    service = await startServiceForTest(notificationService);
    url = service.url;
  });
  after(async () => {
    await service?.stop();
  });

  const rowCount = async () => Number((await service.knex('notifications').count({ n: '*' }).first())!.n);
  const list = (customerId: string, query = '') => http<NotificationPage>(url, 'GET', `/customers/${customerId}/notifications${query}`);

  async function record(body: Record<string, unknown>, expectedStatus = 201) {
    const response = await http(url, 'POST', '/notifications', body);
    assert.equal(response.status, expectedStatus, JSON.stringify(response.body));
    return NotificationDtoSchema.parse(response.body);
  }
  const confirmed = (customerId = anId(), orderId = anId()) => ({
    dedupeKey: notificationDedupeKey(orderId, 'ORDER_CONFIRMED'),
    customerId,
    orderId,
    type: 'ORDER_CONFIRMED',
    facts: { amountMinor: 4200, currency: 'EUR' },
  });

  it('answers /health and /ready', async () => {
    assert.equal((await http(url, 'GET', '/health')).status, 200);
    assert.deepEqual((await http(url, 'GET', '/ready')).body, { status: 'ready' });
  });

  it('records composed and caller-written notifications and lists them newest first with the unread count', async () => {
    const customerId = anId();
    const orderId = anId();
    const placed = await record({
      dedupeKey: notificationDedupeKey(orderId, 'ORDER_PLACED'),
      customerId,
      orderId,
      type: 'ORDER_PLACED',
      facts: { amountMinor: 4200, currency: 'EUR' },
    });
    assert.equal(placed.title, `Order #${orderId.slice(0, 8).toUpperCase()} received`);
    assert.match(placed.message, /€42\.00/);
    assert.deepEqual([placed.customerId, placed.orderId, placed.type, placed.readAt], [customerId, orderId, 'ORDER_PLACED', null]);
    const failed = await record({
      dedupeKey: notificationDedupeKey(orderId, 'PAYMENT_FAILED'),
      customerId,
      orderId,
      type: 'PAYMENT_FAILED',
      facts: { reason: 'card declined' },
    });
    assert.match(failed.message, /Reason: card declined\./);
    const own = await record({
      dedupeKey: `welcome:${customerId}`,
      customerId,
      type: 'ORDER_NEEDS_ATTENTION',
      title: 'Hello',
      message: 'Hi there',
    });
    assert.equal(own.orderId, null);
    await record(confirmed()); // someone else's

    const page = await list(customerId);
    assert.equal(page.status, 200);
    const parsed = NotificationPageSchema.parse(page.body);
    assert.deepEqual(
      parsed.items.map((n) => n.id),
      [own.id, failed.id, placed.id],
    );
    assert.deepEqual([parsed.total, parsed.unreadCount, parsed.limit, parsed.offset], [3, 3, 20, 0]);

    const second = (await list(customerId, '?limit=2&offset=1')).body;
    assert.deepEqual(
      second.items.map((n) => n.id),
      [failed.id, placed.id],
    );
    assert.deepEqual([second.total, second.limit, second.offset], [3, 2, 1]);

    assert.deepEqual((await list(anId())).body, { items: [], total: 0, unreadCount: 0, limit: 20, offset: 0 });
  });

  it('recording is idempotent by dedupe key: 201 first, 200 with the same notification after', async () => {
    const body = confirmed();
    const before = await rowCount();
    const first = await record(body, 201);
    const again = await record(body, 200);
    assert.deepEqual(again, first);
    assert.equal(await rowCount(), before + 1);
  });

  it('20 parallel records with one key write one row and all answer with it', async () => {
    const body = confirmed();
    const before = await rowCount();
    const responses = await Promise.all(Array.from({ length: 20 }, () => http<NotificationDto>(url, 'POST', '/notifications', body)));
    const statuses = responses.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 200).length, 19, `statuses: ${statuses.join(',')}`);
    assert.equal(new Set(responses.map((r) => r.body.id)).size, 1);
    assert.equal(await rowCount(), before + 1);
  });

  it('the same key with other content is a 409 mismatch and changes nothing', async () => {
    const body = confirmed();
    const first = await record(body);
    for (const changed of [
      { ...body, facts: { amountMinor: 1, currency: 'EUR' } },
      { ...body, type: 'ORDER_CANCELLED' },
      { ...body, customerId: anId() },
      { ...body, title: 'Explicit title' },
    ]) {
      const response = await http<ErrorEnvelope>(url, 'POST', '/notifications', changed);
      assert.equal(response.status, 409, JSON.stringify(changed));
      assert.equal(response.body.error.code, NOTIFICATION_ERROR_CODES.DUPLICATE_KEY_MISMATCH);
    }
    assert.deepEqual((await list(body.customerId)).body.items, [first]);
  });

  it('marking read is idempotent; read-all marks the rest once', async () => {
    const customerId = anId();
    const [a, b, c] = [await record(confirmed(customerId)), await record(confirmed(customerId)), await record(confirmed(customerId))];
    const read = await http<NotificationDto>(url, 'POST', `/customers/${customerId}/notifications/${b.id}/read`);
    assert.equal(read.status, 200);
    assert.ok(read.body.readAt);
    const again = await http<NotificationDto>(url, 'POST', `/customers/${customerId}/notifications/${b.id}/read`);
    assert.deepEqual(again.body, read.body, 'the first read time is kept');

    const unread = (await list(customerId, '?unreadOnly=true')).body;
    assert.deepEqual(
      unread.items.map((n) => n.id),
      [c.id, a.id],
    );
    assert.deepEqual([unread.total, unread.unreadCount], [2, 2]);
    assert.equal((await list(customerId)).body.total, 3);

    assert.deepEqual((await http(url, 'POST', `/customers/${customerId}/notifications/read-all`)).body, { updated: 2 });
    assert.deepEqual((await http(url, 'POST', `/customers/${customerId}/notifications/read-all`)).body, { updated: 0 });
    const after = (await list(customerId)).body;
    assert.equal(after.unreadCount, 0);
    assert.equal(after.items.find((n) => n.id === b.id)?.readAt, read.body.readAt);
  });

  it('parallel marks of one notification keep a single read time', async () => {
    const customerId = anId();
    const { id } = await record(confirmed(customerId));
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => http<NotificationDto>(url, 'POST', `/customers/${customerId}/notifications/${id}/read`)),
    );
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [200]);
    assert.equal(new Set(responses.map((r) => r.body.readAt)).size, 1);
  });

  it('another customer’s notification is 404 and stays unread; read-all leaves it alone', async () => {
    const owner = anId();
    const stranger = anId();
    const { id } = await record(confirmed(owner));
    const response = await http<ErrorEnvelope>(url, 'POST', `/customers/${stranger}/notifications/${id}/read`);
    assert.equal(response.status, 404);
    assert.equal(response.body.error.code, NOTIFICATION_ERROR_CODES.NOT_FOUND);
    assert.deepEqual((await http(url, 'POST', `/customers/${stranger}/notifications/read-all`)).body, { updated: 0 });
    assert.equal((await list(owner)).body.unreadCount, 1);
  });

  it('stores injection strings and any unicode verbatim', async () => {
    const customerId = anId();
    const texts = [
      "'; DROP TABLE notifications;--",
      '<script>alert(1)</script> ${7*7} {{7*7}} %s %n',
      'Zamówienie 🎉 注文 مرحبا 👩‍👩‍👧 e\u0301',
      '\u202eoverride\u202c \ufeff zero\u200bwidth',
    ];
    for (const [i, text] of texts.entries()) {
      const saved = await record({
        dedupeKey: `${text}#${i}`,
        customerId,
        type: 'ORDER_NEEDS_ATTENTION',
        title: text,
        message: `${text}\n${text}`,
      });
      assert.equal(saved.title, text);
      assert.equal(saved.message, `${text}\n${text}`);
      await record({ dedupeKey: `${text}#${i}`, customerId, type: 'ORDER_NEEDS_ATTENTION', title: text, message: `${text}\n${text}` }, 200);
    }
    const emoji = '🎉'.repeat(60); // 120 UTF-16 units: the limit holds however Postgres counts
    assert.equal((await record({ dedupeKey: anId(), customerId, type: 'ORDER_PLACED', title: emoji })).title, emoji);
    assert.equal((await list(customerId)).body.total, texts.length + 1);
  });

  it('the HTTP client speaks the same contract', async () => {
    const client = new HttpNotificationClient({ baseUrl: url });
    const customerId = anId();
    const orderId = anId();
    const request = {
      dedupeKey: notificationDedupeKey(orderId, 'PAYMENT_CONFIRMATION_REQUIRED' as const),
      customerId,
      orderId,
      type: 'PAYMENT_CONFIRMATION_REQUIRED' as const,
      facts: { amountMinor: 1999, currency: 'USD' },
    };
    const recorded = await client.record(request);
    assert.deepEqual(await client.record(request), recorded);
    const page = await client.listForCustomer(customerId, { unreadOnly: true });
    assert.deepEqual([page.total, page.unreadCount], [1, 1]);
    assert.ok((await client.markRead(customerId, recorded.id)).readAt);
    assert.deepEqual(await client.markAllRead(customerId), { updated: 0 });
    await assert.rejects(client.markRead(anId(), recorded.id), (error: unknown) => {
      return error instanceof RemoteServiceError && error.status === 404 && error.code === NOTIFICATION_ERROR_CODES.NOT_FOUND;
    });
    await assert.rejects(client.record({ ...request, facts: { amountMinor: 1, currency: 'USD' } }), {
      code: NOTIFICATION_ERROR_CODES.DUPLICATE_KEY_MISMATCH,
    });
  });

  describe('bad input -> 4xx with a code, never a 500, nothing written', () => {
    it('rejects a corpus of bad notification bodies', async () => {
      const customerId = anId();
      const good = { dedupeKey: `k-${anId()}`, customerId, type: 'ORDER_PLACED' };
      const corpus: { label: string; body: unknown }[] = [
        ...GENERIC_BAD_BODIES,
        { label: 'missing dedupeKey', body: { customerId, type: 'ORDER_PLACED' } },
        { label: 'missing customerId', body: { dedupeKey: 'k', type: 'ORDER_PLACED' } },
        { label: 'missing type', body: { dedupeKey: 'k', customerId } },
        { label: 'dedupeKey as number', body: { ...good, dedupeKey: 42 } },
        { label: 'customerId as number', body: { ...good, customerId: 42 } },
        { label: 'type as array', body: { ...good, type: ['ORDER_PLACED'] } },
        { label: 'title as number', body: { ...good, title: 7 } },
        { label: 'title null', body: { ...good, title: null } },
        { label: 'facts as string', body: { ...good, facts: 'reason' } },
        { label: 'amountMinor as string', body: { ...good, facts: { amountMinor: '100', currency: 'EUR' } } },
        { label: 'fractional amount', body: { ...good, facts: { amountMinor: 1.5, currency: 'EUR' } } },
        { label: 'negative amount', body: { ...good, facts: { amountMinor: -1, currency: 'EUR' } } },
        { label: 'huge amount', body: { ...good, facts: { amountMinor: 1e20, currency: 'EUR' } } },
        { label: 'amount without currency', body: { ...good, facts: { amountMinor: 100 } } },
        { label: 'currency without amount', body: { ...good, facts: { currency: 'EUR' } } },
        { label: 'lower-case currency', body: { ...good, facts: { amountMinor: 1, currency: 'eur' } } },
        { label: 'unknown type', body: { ...good, type: 'ORDER_SHIPPED' } },
        { label: 'lower-case type', body: { ...good, type: 'order_placed' } },
        { label: 'empty dedupeKey', body: { ...good, dedupeKey: '' } },
        { label: 'blank dedupeKey', body: { ...good, dedupeKey: '   ' } },
        { label: 'over-long dedupeKey', body: { ...good, dedupeKey: 'k'.repeat(201) } },
        { label: 'blank title', body: { ...good, title: '   ' } },
        { label: 'over-long title', body: { ...good, title: 't'.repeat(121) } },
        { label: 'over-long message', body: { ...good, message: 'm'.repeat(1001) } },
        { label: 'over-long reason', body: { ...good, facts: { reason: 'r'.repeat(501) } } },
        { label: 'NUL in title', body: { ...good, title: 'a\u0000b' } },
        { label: 'NUL in message', body: { ...good, message: 'a\u0000b' } },
        { label: 'NUL in dedupeKey', body: { ...good, dedupeKey: 'a\u0000b' } },
        { label: 'newline in title', body: { ...good, title: 'a\nb' } },
        { label: 'unknown field', body: { ...good, admin: true } },
        { label: 'unknown field in facts', body: { ...good, facts: { reason: 'x', extra: 1 } } },
        { label: 'readAt supplied', body: { ...good, readAt: new Date().toISOString() } },
        {
          label: '__proto__ field',
          body: '{"dedupeKey":"k-proto","customerId":"' + customerId + '","type":"ORDER_PLACED","__proto__":{"admin":true}}',
        },
        { label: 'customerId not a uuid', body: { ...good, customerId: 'abc' } },
        { label: 'customerId injection', body: { ...good, customerId: "' OR 1=1;--" } },
        { label: 'orderId not a uuid', body: { ...good, orderId: '123' } },
        { label: 'orderId injection', body: { ...good, orderId: "x'); DELETE FROM notifications;--" } },
        { label: 'type injection', body: { ...good, type: "ORDER_PLACED'; DROP TABLE notifications;--" } },
      ];
      const before = await rowCount();
      for (const { label, body } of corpus) {
        const { status } = await expectRejected(url, 'POST', '/notifications', body, label);
        assert.equal(status, 400, label);
      }
      const tooBig = await expectRejected(
        url,
        'POST',
        '/notifications',
        JSON.stringify({ ...good, message: 'x'.repeat(200_000) }),
        'huge body',
      );
      assert.equal(tooBig.status, 413);
      assert.equal(await rowCount(), before, 'nothing was written');
      assert.equal((await list(customerId)).body.total, 0);
    });

    it('rejects bad ids, paths and queries; unknown ids are 404', async () => {
      const customerId = anId();
      const { id } = await record(confirmed(customerId));
      const cases: [string, string, string][] = [
        ['GET', '/customers/abc/notifications', 'customerId not a uuid'],
        ['GET', `/customers/${encodeURIComponent("' OR 1=1--")}/notifications`, 'customerId injection'],
        ['GET', `/customers/${customerId}/notifications?limit=0`, 'limit 0'],
        ['GET', `/customers/${customerId}/notifications?limit=101`, 'limit 101'],
        ['GET', `/customers/${customerId}/notifications?limit=abc`, 'limit text'],
        ['GET', `/customers/${customerId}/notifications?limit=1&limit=2`, 'limit twice'],
        ['GET', `/customers/${customerId}/notifications?offset=-1`, 'negative offset'],
        ['GET', `/customers/${customerId}/notifications?unreadOnly=yes`, 'unreadOnly yes'],
        ['GET', `/customers/${customerId}/notifications?admin=1`, 'unknown query param'],
        ['POST', `/customers/${customerId}/notifications/abc/read`, 'notification id not a uuid'],
        ['POST', `/customers/abc/notifications/${id}/read`, 'customerId not a uuid on read'],
        ['POST', `/customers/${customerId}/notifications/${encodeURIComponent("1' OR '1'='1")}/read`, 'id injection'],
        ['POST', '/customers/abc/notifications/read-all', 'customerId not a uuid on read-all'],
      ];
      for (const [method, path, label] of cases) {
        const { status } = await expectRejected(url, method, path, undefined, label);
        assert.equal(status, 400, label);
      }
      const unknown = await expectRejected(url, 'POST', `/customers/${customerId}/notifications/${anId()}/read`, undefined, 'unknown id');
      assert.deepEqual(unknown, { status: 404, code: NOTIFICATION_ERROR_CODES.NOT_FOUND });
      const route = await expectRejected(url, 'GET', `/customers/${customerId}/notifications/${id}`, undefined, 'no such route');
      assert.equal(route.status, 404);
      const method = await expectRejected(url, 'DELETE', `/customers/${customerId}/notifications`, undefined, 'wrong method');
      assert.equal(method.status, 405);
      await expectRejected(url, 'POST', `/customers/${customerId}/notifications/read-all`, '{"oops": ', 'malformed JSON on read-all');
      assert.equal((await list(customerId)).body.unreadCount, 1, 'nothing was marked read');
    });
  });
});
