import assert from 'node:assert/strict';
import { orderService } from '../../../../src/apps/order/order.service.js';
import { HttpOrderClient } from '../../../../src/clients/http-order.client.js';
import {
  OrderDtoSchema,
  OrderPageSchema,
  type CreateOrderRequest,
  type OrderDto,
  type OrderPage,
} from '../../../../src/contexts/order/contract.js';
import type { RunningService } from '../../../../src/shared/infrastructure/context-service.js';
import type { ErrorEnvelope } from '../../../../src/shared/infrastructure/http/errors.js';
import { RemoteServiceError } from '../../../../src/shared/infrastructure/http/json-client.js';
import { GENERIC_BAD_BODIES, expectRejected } from '../../../support/bad-input.js';
import { http, startServiceForTest } from '../../../support/services.js';
import { anId } from '../../../support/doubles/ids.js';

describe('order service over HTTP (real Postgres)', function () {
  let service: RunningService;
  let url: string;

  before(async () => {
    service = await startServiceForTest(orderService);
    url = service.url;
  });
  after(async () => {
    await service?.stop();
  });

  const newOrder = (overrides: Partial<CreateOrderRequest> = {}): CreateOrderRequest => ({
    id: anId(),
    customerId: anId(),
    currency: 'EUR',
    lines: [
      { sku: 'MUG-COMPENSATE', name: 'Compensation mug', unitPriceMinor: 1400, quantity: 2 },
      { sku: 'TEE-SAGA-BLK', name: 'Saga T-shirt (black)', unitPriceMinor: 2500, quantity: 1 },
    ],
    by: 'saga',
    reason: 'order placed',
    ...overrides,
  });

  async function create(request: CreateOrderRequest = newOrder()) {
    const response = await http<OrderDto>(url, 'POST', '/orders', request);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }

  async function rowCounts(orderId: string) {
    const count = async (table: string) =>
      Number(
        (
          await service
            .knex(table)
            .where(table === 'orders' ? 'id' : 'order_id', orderId)
            .count({ n: '*' })
        )[0].n,
      );
    return { orders: await count('orders'), lines: await count('order_lines'), history: await count('order_status_history') };
  }

  /** Answers the order; a caller that expects a refusal asks for `move<ErrorEnvelope>`. */
  const move = <T = OrderDto>(orderId: string, to: string, by = 'saga', reason = `now ${to}`) =>
    http<T>(url, 'POST', `/orders/${orderId}/transitions`, { to, by, reason });

  it('answers /health and /ready', async () => {
    assert.equal((await http(url, 'GET', '/health')).status, 200);
    assert.deepEqual((await http(url, 'GET', '/ready')).body, { status: 'ready' });
  });

  it('creates an order with computed totals and a first history entry, then reads it back', async () => {
    const request = newOrder();
    const created = await create(request);
    OrderDtoSchema.parse(created);
    assert.equal(created.id, request.id);
    assert.equal(created.status, 'PENDING');
    assert.equal(created.version, 1);
    assert.deepEqual(created.total, { amountMinor: 5300, currency: 'EUR' });
    assert.deepEqual(created.lines[0], {
      sku: 'MUG-COMPENSATE',
      name: 'Compensation mug',
      unitPrice: { amountMinor: 1400, currency: 'EUR' },
      quantity: 2,
      lineTotal: { amountMinor: 2800, currency: 'EUR' },
    });
    assert.equal(created.history.length, 1);
    assert.deepEqual(
      { ...created.history[0], at: undefined },
      { from: null, to: 'PENDING', at: undefined, by: 'saga', reason: 'order placed', reasonCode: null },
    );
    assert.equal(created.history[0].at, created.createdAt);

    const fetched = await http<OrderDto>(url, 'GET', `/orders/${request.id}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.body, created);
    assert.equal((await http<OrderDto>(url, 'GET', `/orders/${request.id.toUpperCase()}`)).body.id, request.id, 'ids are case-insensitive');
  });

  it('defaults by/reason and keeps the line order the caller gave', async () => {
    const {
      by: _by,
      reason: _reason,
      ...request
    } = newOrder({
      lines: [
        { sku: 'ZZ-1', name: 'Last alphabetically', unitPriceMinor: 100, quantity: 1 },
        { sku: 'AA-1', name: 'First alphabetically', unitPriceMinor: 100, quantity: 1 },
      ],
    });
    const created = await create(request);
    assert.deepEqual(
      created.lines.map((l) => l.sku),
      ['ZZ-1', 'AA-1'],
    );
    assert.equal(created.history[0].by, 'customer');
  });

  it("lists a customer's orders newest first with paging", async () => {
    const customerId = anId();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create(newOrder({ customerId }))).id);
    await create(); // someone else's order

    const page = await http<OrderPage>(url, 'GET', `/orders?customerId=${customerId}&limit=2&offset=0`);
    assert.equal(page.status, 200);
    OrderPageSchema.parse(page.body);
    assert.equal(page.body.total, 3);
    assert.equal(page.body.limit, 2);
    assert.equal(page.body.offset, 0);
    assert.deepEqual(
      page.body.items.map((o) => o.id),
      [ids[2], ids[1]],
    );
    const rest = await http<OrderPage>(url, 'GET', `/orders?customerId=${customerId}&limit=2&offset=2`);
    assert.deepEqual(
      rest.body.items.map((o) => o.id),
      [ids[0]],
    );
    assert.equal(rest.body.items[0].history.length, 1);

    const nobody = await http(url, 'GET', `/orders?customerId=${anId()}`);
    assert.deepEqual(nobody.body, { items: [], total: 0, limit: 20, offset: 0 });
  });

  describe('idempotent create', () => {
    it('same id and content -> 200 with the stored order; different content -> 409', async () => {
      const request = newOrder();
      const first = await create(request);
      const reordered = { ...request, lines: [...request.lines].reverse(), by: 'gateway', reason: 'retry' };
      const repeat = await http(url, 'POST', '/orders', reordered);
      assert.equal(repeat.status, 200);
      assert.deepEqual(repeat.body, first);

      const variants: Partial<CreateOrderRequest>[] = [
        { customerId: anId() },
        { currency: 'USD' },
        { lines: [request.lines[0]] },
        { lines: [{ ...request.lines[0], quantity: 3 }, request.lines[1]] },
        { lines: [{ ...request.lines[0], unitPriceMinor: 1399 }, request.lines[1]] },
        { lines: [{ ...request.lines[0], name: 'Another mug' }, request.lines[1]] },
      ];
      for (const variant of variants) {
        const clash = await http<ErrorEnvelope>(url, 'POST', '/orders', { ...request, ...variant });
        assert.equal(clash.status, 409, JSON.stringify(variant));
        assert.equal(clash.body.error.code, 'ORDER.ALREADY_EXISTS');
      }
      assert.deepEqual((await http(url, 'GET', `/orders/${request.id}`)).body, first);
      assert.deepEqual(await rowCounts(request.id), { orders: 1, lines: 2, history: 1 });
    });

    it('20 parallel identical creates -> one order, one history entry, one 201', async () => {
      const request = newOrder();
      const results = await Promise.all(Array.from({ length: 20 }, () => http<OrderDto>(url, 'POST', '/orders', request)));
      const statuses = results.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(',')}`);
      assert.equal(statuses.filter((s) => s === 200).length, 19, `statuses: ${statuses.join(',')}`);
      for (const result of results) assert.equal(result.body.id, request.id);
      assert.equal(new Set(results.map((r) => r.body.createdAt)).size, 1, 'every caller sees the one stored order');
      assert.deepEqual(await rowCounts(request.id), { orders: 1, lines: 2, history: 1 });
    });
  });

  describe('transitions', () => {
    it('walks the happy path and records who, when and why', async () => {
      const { id } = await create();
      for (const to of ['STOCK_RESERVED', 'AWAITING_PAYMENT_CONFIRMATION', 'PAID', 'CONFIRMED']) {
        const response = await move(id, to);
        assert.equal(response.status, 200, JSON.stringify(response.body));
        assert.equal(response.body.status, to);
      }
      const order = (await http<OrderDto>(url, 'GET', `/orders/${id}`)).body;
      assert.equal(order.version, 5);
      assert.deepEqual(
        order.history.map((h) => [h.from, h.to, h.by, h.reason]),
        [
          [null, 'PENDING', 'saga', 'order placed'],
          ['PENDING', 'STOCK_RESERVED', 'saga', 'now STOCK_RESERVED'],
          ['STOCK_RESERVED', 'AWAITING_PAYMENT_CONFIRMATION', 'saga', 'now AWAITING_PAYMENT_CONFIRMATION'],
          ['AWAITING_PAYMENT_CONFIRMATION', 'PAID', 'saga', 'now PAID'],
          ['PAID', 'CONFIRMED', 'saga', 'now CONFIRMED'],
        ],
      );
      const times = order.history.map((h) => Date.parse(h.at));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
      );
      assert.equal(order.updatedAt, order.history.at(-1)?.at);
    });

    it('an operator resolves NEEDS_ATTENTION; reason is optional', async () => {
      const { id } = await create();
      assert.equal((await move(id, 'NEEDS_ATTENTION', 'saga', 'refund failed')).body.status, 'NEEDS_ATTENTION');
      const resolved = await http<OrderDto>(url, 'POST', `/orders/${id}/transitions`, {
        to: 'CANCELLED',
        by: 'operator:alice@example.com',
      });
      assert.equal(resolved.status, 200);
      assert.deepEqual(
        { ...resolved.body.history.at(-1), at: undefined },
        {
          from: 'NEEDS_ATTENTION',
          to: 'CANCELLED',
          at: undefined,
          by: 'operator:alice@example.com',
          reason: '',
          reasonCode: null,
        },
      );
    });

    it('keeps the code of a change apart from its reason, and refuses a code that is not one', async () => {
      const { id } = await create();
      const cancelled = await http<OrderDto>(url, 'POST', `/orders/${id}/transitions`, {
        to: 'CANCELLED',
        by: 'saga',
        reason: 'card declined',
        reasonCode: 'PAYMENT.CARD_DECLINED',
      });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.history.at(-1)?.reasonCode, 'PAYMENT.CARD_DECLINED');
      assert.equal((await http<OrderDto>(url, 'GET', `/orders/${id}`)).body.history.at(-1)?.reasonCode, 'PAYMENT.CARD_DECLINED');
      const { id: other } = await create();
      const bad = await http<ErrorEnvelope>(url, 'POST', `/orders/${other}/transitions`, {
        to: 'CANCELLED',
        by: 'saga',
        reasonCode: 'card declined',
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'VALIDATION.INVALID_REQUEST');
    });

    it('the same target again is a 200 no-op, even from a terminal status', async () => {
      const { id } = await create();
      await move(id, 'CANCELLED');
      const again = await move(id, 'CANCELLED', 'saga', 'retried compensation');
      assert.equal(again.status, 200);
      assert.equal(again.body.version, 2);
      assert.equal(again.body.history.length, 2);
      assert.deepEqual(await rowCounts(id), { orders: 1, lines: 2, history: 2 });
    });

    it('an illegal transition is 409 with {from, to} and writes nothing', async () => {
      const { id } = await create();
      await move(id, 'STOCK_RESERVED');
      const before = (await http<OrderDto>(url, 'GET', `/orders/${id}`)).body;
      for (const to of ['PENDING', 'CONFIRMED']) {
        const response = await move<ErrorEnvelope>(id, to);
        assert.equal(response.status, 409);
        assert.equal(response.body.error.code, 'ORDER.ILLEGAL_TRANSITION');
        assert.deepEqual(response.body.error.details, { orderId: id, from: 'STOCK_RESERVED', to });
      }
      await move(id, 'CANCELLED');
      const fromTerminal = await move<ErrorEnvelope>(id, 'PAID');
      assert.equal(fromTerminal.status, 409);
      assert.deepEqual(fromTerminal.body.error.details, { orderId: id, from: 'CANCELLED', to: 'PAID' });
      const after = (await http<OrderDto>(url, 'GET', `/orders/${id}`)).body;
      assert.equal(after.version, before.version + 1);
      assert.equal(after.history.length, before.history.length + 1);
    });

    it('20 parallel transitions to the same target -> one history entry', async () => {
      const { id } = await create();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => move(id, 'STOCK_RESERVED', 'saga', `attempt ${i}`)));
      assert.deepEqual([...new Set(results.map((r) => r.status))], [200]);
      const order = (await http<OrderDto>(url, 'GET', `/orders/${id}`)).body;
      assert.equal(order.status, 'STOCK_RESERVED');
      assert.equal(order.version, 2);
      assert.equal(order.history.length, 2);
      assert.deepEqual(await rowCounts(id), { orders: 1, lines: 2, history: 2 });
    });

    it('racing different targets never loses history: every accepted move is recorded', async () => {
      const { id } = await create();
      await move(id, 'STOCK_RESERVED');
      const targets = ['PAID', 'CANCELLED', 'NEEDS_ATTENTION', 'AWAITING_PAYMENT_CONFIRMATION', 'CONFIRMED'];
      const results = await Promise.all(Array.from({ length: 25 }, (_, i) => move(id, targets[i % targets.length])));
      for (const result of results) assert.ok([200, 409].includes(result.status), JSON.stringify(result.body));
      const order = (await http<OrderDto>(url, 'GET', `/orders/${id}`)).body;
      assert.equal(order.history.length, order.version, 'one history entry per version');
      // The history is one unbroken chain: each entry starts where the previous one ended.
      for (let i = 1; i < order.history.length; i++) assert.equal(order.history[i].from, order.history[i - 1].to);
      assert.equal(order.history.at(-1)?.to, order.status);
    });
  });

  describe('bad input -> 4xx with a code, never 500, nothing written', () => {
    it('rejects a corpus of bad create bodies', async () => {
      const good = newOrder();
      const line = good.lines[0];
      const withLine = (overrides: Record<string, unknown>) => ({ ...good, lines: [{ ...line, ...overrides }] });
      const corpus: { label: string; body: unknown }[] = [
        ...GENERIC_BAD_BODIES,
        { label: 'id not a uuid', body: { ...good, id: 'abc' } },
        { label: 'id as number', body: { ...good, id: 42 } },
        { label: 'customerId missing', body: { ...good, customerId: undefined } },
        { label: 'customerId injection', body: { ...good, customerId: "' OR 1=1;--" } },
        { label: 'lower-case currency', body: { ...good, currency: 'eur' } },
        { label: 'currency as number', body: { ...good, currency: 978 } },
        { label: 'no lines', body: { ...good, lines: [] } },
        { label: 'lines not an array', body: { ...good, lines: { sku: 'A-1' } } },
        { label: '51 lines', body: { ...good, lines: Array.from({ length: 51 }, (_, i) => ({ ...line, sku: `SKU-${i}` })) } },
        { label: 'duplicate sku', body: { ...good, lines: [line, { ...line, quantity: 1 }] } },
        { label: 'quantity as string', body: withLine({ quantity: '1' }) },
        { label: 'zero quantity', body: withLine({ quantity: 0 }) },
        { label: 'negative quantity', body: withLine({ quantity: -5 }) },
        { label: 'fractional quantity', body: withLine({ quantity: 1.5 }) },
        { label: 'quantity 1001', body: withLine({ quantity: 1001 }) },
        { label: 'huge quantity', body: withLine({ quantity: 1e12 }) },
        { label: 'zero price', body: withLine({ unitPriceMinor: 0 }) },
        { label: 'negative price', body: withLine({ unitPriceMinor: -100 }) },
        { label: 'fractional price', body: withLine({ unitPriceMinor: 9.99 }) },
        { label: 'huge price', body: withLine({ unitPriceMinor: 1e20 }) },
        { label: 'price as string', body: withLine({ unitPriceMinor: '1400' }) },
        { label: 'line total beyond Money', body: withLine({ unitPriceMinor: 10_000_000_000, quantity: 1000 }) },
        { label: 'lower-case sku', body: withLine({ sku: 'mug-1' }) },
        { label: 'over-long sku', body: withLine({ sku: 'A'.repeat(5000) }) },
        { label: 'injection in sku', body: withLine({ sku: "X'; DROP TABLE orders;--" }) },
        { label: 'blank name', body: withLine({ name: '   ' }) },
        { label: 'over-long name', body: withLine({ name: 'n'.repeat(201) }) },
        { label: 'NUL in name', body: withLine({ name: 'mug\u0000' }) },
        { label: 'unknown line field', body: withLine({ discount: 100 }) },
        { label: 'unknown field', body: { ...good, status: 'PAID' } },
        { label: 'over-long by', body: { ...good, by: 'b'.repeat(51) } },
        { label: 'empty by', body: { ...good, by: '' } },
        { label: 'injection in by', body: { ...good, by: "saga'); DELETE FROM orders;--" } },
        { label: 'over-long reason', body: { ...good, reason: 'r'.repeat(501) } },
        { label: 'NUL in reason', body: { ...good, reason: 'a\u0000b' } },
        { label: 'prototype pollution', body: '{"__proto__":{"admin":true},' + JSON.stringify(good).slice(1) },
      ];
      for (const { label, body } of corpus) await expectRejected(url, 'POST', '/orders', body, label);
      const dup = await expectRejected(url, 'POST', '/orders', { ...good, lines: [line, line] }, 'duplicate sku');
      assert.deepEqual(dup, { status: 400, code: 'ORDER.DUPLICATE_SKU' });
      const tooBig = await expectRejected(url, 'POST', '/orders', JSON.stringify({ ...good, reason: 'x'.repeat(200_000) }), 'huge body');
      assert.equal(tooBig.status, 413);
      assert.equal((await http(url, 'GET', `/orders/${good.id}`)).status, 404, 'nothing half-written');
      assert.deepEqual(await rowCounts(good.id), { orders: 0, lines: 0, history: 0 });
      assert.equal((await http<OrderPage>(url, 'GET', `/orders?customerId=${good.customerId}`)).body.total, 0);
    });

    it('stores free text verbatim: injection strings in name and reason are data, not SQL', async () => {
      const evil = "Robert'); DROP TABLE orders;-- <script>alert(1)</script> ☃";
      const created = await create(newOrder({ lines: [{ sku: 'EVIL-1', name: evil, unitPriceMinor: 1, quantity: 1 }], reason: evil }));
      assert.equal(created.lines[0].name, evil);
      assert.equal(created.history[0].reason, evil);
      const moved = await move(created.id, 'CANCELLED', 'operator', evil);
      assert.equal(moved.body.history.at(-1)?.reason, evil);
      assert.equal((await http(url, 'GET', `/orders/${created.id}`)).status, 200);
    });

    it('rejects bad transitions, params and queries', async () => {
      const { id } = await create();
      const corpus: { label: string; body: unknown }[] = [
        ...GENERIC_BAD_BODIES,
        { label: 'unknown status', body: { to: 'SHIPPED', by: 'saga' } },
        { label: 'lower-case status', body: { to: 'paid', by: 'saga' } },
        { label: 'status injection', body: { to: "PAID' OR '1'='1", by: 'saga' } },
        { label: 'status as number', body: { to: 3, by: 'saga' } },
        { label: 'by missing', body: { to: 'CANCELLED' } },
        { label: 'by empty', body: { to: 'CANCELLED', by: '' } },
        { label: 'by over-long', body: { to: 'CANCELLED', by: 'b'.repeat(51) } },
        { label: 'by with newline', body: { to: 'CANCELLED', by: 'saga\nadmin' } },
        { label: 'reason over-long', body: { to: 'CANCELLED', by: 'saga', reason: 'r'.repeat(501) } },
        { label: 'reason as object', body: { to: 'CANCELLED', by: 'saga', reason: { text: 'x' } } },
        { label: 'unknown field', body: { to: 'CANCELLED', by: 'saga', version: 7 } },
      ];
      for (const { label, body } of corpus) await expectRejected(url, 'POST', `/orders/${id}/transitions`, body, label);

      const unknown = await expectRejected(url, 'POST', `/orders/${anId()}/transitions`, { to: 'CANCELLED', by: 'saga' }, 'unknown order');
      assert.deepEqual(unknown, { status: 404, code: 'ORDER.NOT_FOUND' });
      assert.deepEqual(await expectRejected(url, 'GET', `/orders/${anId()}`, undefined, 'unknown id'), {
        status: 404,
        code: 'ORDER.NOT_FOUND',
      });
      await expectRejected(url, 'GET', '/orders/not-a-uuid', undefined, 'bad id param');
      await expectRejected(url, 'GET', `/orders/${encodeURIComponent("1' OR '1'='1")}`, undefined, 'injection id param');
      await expectRejected(url, 'POST', '/orders/not-a-uuid/transitions', { to: 'CANCELLED', by: 'saga' }, 'bad id in transition');
      await expectRejected(url, 'GET', '/orders', undefined, 'list without customerId');
      await expectRejected(url, 'GET', '/orders?customerId=abc', undefined, 'customerId not a uuid');
      await expectRejected(url, 'GET', `/orders?customerId=${anId()}&customerId=${anId()}`, undefined, 'customerId twice');
      await expectRejected(url, 'GET', `/orders?customerId=${anId()}&limit=0`, undefined, 'limit 0');
      await expectRejected(url, 'GET', `/orders?customerId=${anId()}&limit=101`, undefined, 'limit 101');
      await expectRejected(url, 'GET', `/orders?customerId=${anId()}&limit=abc`, undefined, 'limit text');
      await expectRejected(url, 'GET', `/orders?customerId=${anId()}&offset=-1`, undefined, 'negative offset');
      await expectRejected(url, 'GET', `/orders?customerId=${anId()}&sort=id`, undefined, 'unknown query field');
      await expectRejected(url, 'DELETE', `/orders/${id}`, undefined, 'unsupported method');

      const order = (await http<OrderDto>(url, 'GET', `/orders/${id}`)).body;
      assert.equal(order.status, 'PENDING');
      assert.equal(order.history.length, 1, 'no transition was half-written');
    });
  });

  describe('HttpOrderClient', () => {
    it('implements the contract against the running service', async () => {
      const client = new HttpOrderClient({ baseUrl: url });
      const request = newOrder();
      const created = await client.create(request);
      assert.equal(created.status, 'PENDING');
      assert.deepEqual(await client.create(request), created, 'create is safe to retry');
      assert.deepEqual(await client.get(request.id), created);
      const moved = await client.transition(request.id, { to: 'STOCK_RESERVED', by: 'saga' });
      assert.equal(moved.status, 'STOCK_RESERVED');
      const page = await client.listForCustomer(request.customerId, { limit: 5 });
      assert.deepEqual(
        page.items.map((o) => o.id),
        [request.id],
      );

      await assert.rejects(client.transition(request.id, { to: 'PENDING', by: 'saga' }), (error: unknown) => {
        assert.ok(error instanceof RemoteServiceError);
        assert.equal(error.status, 409);
        assert.equal(error.code, 'ORDER.ILLEGAL_TRANSITION');
        assert.deepEqual(error.details, { orderId: request.id, from: 'STOCK_RESERVED', to: 'PENDING' });
        return true;
      });
      await assert.rejects(client.get(anId()), { code: 'ORDER.NOT_FOUND', status: 404 });
    });
  });
});
