import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { chromium } from 'playwright-core';
import { TEST_CARDS, type SimulatorSettingsDto } from '../../../src/contexts/payment/contract.js';
import { openApiPath } from '../../../src/apps/gateway/http/route-table.js';
import { RegisterNameSchema } from '../../../src/apps/gateway/schemas/auth.schemas.js';
import { CancelOrderBodySchema, CardNumberSchema } from '../../../src/apps/gateway/schemas/order.schemas.js';
import { http, type JsonResponse } from '../../support/services.js';
import { eventually, startTestSystem, TEST_JWT_SECRET, type TestSystem } from '../../support/system.js';
import type { ErrorEnvelope } from '../../../src/shared/infrastructure/http/errors.js';
import {
  assertError,
  bearer,
  newProduct,
  registerShopper,
  type AuthResponse,
  type NotificationPage,
  type OrderView,
  type PlaceOrderResponse,
  type Shopper,
} from './gateway-client.js';
import { OpenApiContract, type ApiDocument, type SchemaObject } from './openapi-contract.js';
import { AccessTokens } from '../../../src/apps/gateway/auth/access-tokens.js';
import { grantOperator } from '../../../src/apps/gateway/operator-grant.cli.js';
import { DecisionBodySchema, type OperatorOrderViewSchema } from '../../../src/apps/gateway/schemas/operator.schemas.js';
import type { z } from 'zod';

type OperatorOrderView = z.infer<typeof OperatorOrderViewSchema>;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A schema's properties; fails the test when it has none. */
function propertiesOf(schema: SchemaObject | undefined): Record<string, SchemaObject> {
  assert.ok(schema?.properties, `no properties in ${JSON.stringify(schema)}`);
  return schema.properties;
}

describe('gateway: OpenAPI document and docs page', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let api: string;
  let document: ApiDocument;
  /** Every request of this suite goes through it: each answer is checked against the document. */
  let contract: OpenApiContract;
  let shopper: Shopper;
  let sku: string;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    api = system.gateway.url;
    const response = await http<ApiDocument>(api, 'GET', '/api/openapi.json');
    assert.equal(response.status, 200);
    document = response.body;
    contract = new OpenApiContract(api, document);
    shopper = await registerShopper(api);
    sku = await newProduct(system, 100);
  });
  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  /** Places an order through the contract; returns its id. */
  async function place(
    headers: Record<string, string>,
    cardNumber: string = TEST_CARDS.APPROVE.number,
    lines = [{ sku, quantity: 1 }],
  ): Promise<string> {
    const placed = await contract.http<PlaceOrderResponse>('POST', '/api/orders', { lines, cardNumber }, headers);
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    return placed.body.orderId;
  }

  async function orderView(orderId: string, headers: Record<string, string>): Promise<OrderView> {
    const view = await contract.http<OrderView>('GET', `/api/orders/${orderId}`, undefined, headers);
    assert.equal(view.status, 200, JSON.stringify(view.body));
    return view.body;
  }

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    assert.equal(document.openapi, '3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.doesNotThrow(() => validator.resolveRefs());
    assert.deepEqual(document, JSON.parse(JSON.stringify(system.gateway.document)), 'served as generated');
    await contract.http('GET', '/api/openapi.json');
  });

  it('documents every route the router serves, and nothing it does not', () => {
    const served = new Set<string>();
    for (const layer of system.gateway.router.stack) {
      for (const method of layer.methods) {
        if (method === 'HEAD') continue; // Koa answers HEAD for every GET
        served.add(`${method.toLowerCase()} ${openApiPath(String(layer.path))}`);
      }
    }
    assert.ok(served.size >= 17, `only ${served.size} routes found: ${[...served].join(', ')}`);
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) documented.add(`${method} ${path}`);
    }
    const undocumented = [...served].filter((route) => !documented.has(route));
    const phantom = [...documented].filter((route) => !served.has(route));
    assert.deepEqual(undocumented, [], 'routes missing from the OpenAPI document');
    assert.deepEqual(phantom, [], 'documented routes the router does not serve');
    const essential = ['post /api/auth/register', 'post /api/auth/login', 'get /api/me', 'post /api/orders', 'get /api/orders/{id}'];
    for (const route of [...essential, 'get /api/openapi.json', 'get /api/docs']) assert.ok(served.has(route), `${route} is served`);
  });

  it('marks token-protected operations, and documents their 401, 429 and the error envelope', () => {
    const responses = (method: string, path: string) => document.paths[path][method].responses;
    assert.deepEqual(document.paths['/api/orders'].post.security, [{ bearerAuth: [] }]);
    assert.deepEqual(document.paths['/api/products'].get.security, []);
    assert.ok(responses('post', '/api/orders')['401']);
    assert.ok(responses('post', '/api/orders')['429'].headers?.['Retry-After']);
    assert.ok(responses('post', '/api/auth/login')['429']);
    assert.equal(responses('get', '/api/orders/{id}')['404'].content?.['application/json'].schema?.$ref, '#/components/schemas/Error');
    assert.ok(responses('get', '/api/orders')['503'].headers?.['Retry-After']);
    assert.equal(document.components.securitySchemes.bearerAuth.scheme, 'bearer');
    // The request schema is the one the gateway validates with: no customerId in an order.
    const placeOrder = document.components.schemas.PlaceOrderRequest;
    assert.deepEqual(Object.keys(propertiesOf(placeOrder)).sort(), ['cardNumber', 'lines']);
    assert.equal(placeOrder.additionalProperties, false);
    assert.match(responses('post', '/api/orders')['422'].description, /INVENTORY\.PRODUCT_NOT_FOUND/);
  });

  it('documents null exactly where a value can be null: an order view without order or saga, not every saga view', () => {
    const { OrderView, SagaView, CancelOrderResponse } = document.components.schemas;
    const nullable = (schema: SchemaObject): boolean =>
      schema.type === 'null' ||
      (Array.isArray(schema.type) && schema.type.includes('null')) ||
      (schema.anyOf ?? schema.oneOf ?? []).some(nullable);
    assert.ok(nullable(propertiesOf(OrderView).order), 'OrderView.order may be null');
    assert.ok(nullable(propertiesOf(OrderView).saga), 'OrderView.saga may be null');
    assert.ok(!nullable(SagaView), 'the SagaView component itself is never null');
    assert.ok(!nullable(propertiesOf(CancelOrderResponse).saga), 'a command answer always has its saga');
    // The generator's broken form of a nullable $ref: allOf with the object, which null never matches.
    const brokenNullable: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const allOf = (node as { allOf?: unknown[] }).allOf;
      if (Array.isArray(allOf) && allOf.some((part) => JSON.stringify(part).includes('"null"'))) brokenNullable.push(at);
      for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
    };
    walk(document, '#');
    assert.deepEqual(brokenNullable, []);
  });

  it('documents the rules the gateway checks in code as patterns that accept exactly the same input', () => {
    // Whitespace trim() strips (U+2000-U+200A by its ends); one UTF-16 unit each, so spreading the string splits them.
    const ws = [...'\t\n\v\f\r \u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff'];
    // Not lone surrogates: the gateway refuses them, the pattern leaves them out (see PATTERN_CLASS).
    const controls = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f', '\u0080', '\u0096', '\u009f'];
    const names = [
      'Ada Lovelace',
      'A',
      'Zoë Ångström-Ñúñez',
      '李小龍',
      '🦄',
      '🦄'.repeat(100),
      '🦄'.repeat(101),
      'a'.repeat(100),
      'a'.repeat(101),
      ` ${'a'.repeat(100)} `,
      '',
      ' ',
      '\u00a0',
      'Ada\u00a0Lovelace',
      "O'Brien",
      'x\u200by',
      '\u200b',
      ...ws.flatMap((w) => [`${w}Ada`, `Ada${w}`, `A${w}da`, w.repeat(3)]),
      ...controls.flatMap((c) => [c, `Ada${c}`, `A${c}da`, `${c}Ada`]),
    ];
    const { schemas } = document.components;
    const { pattern: nameSource } = propertiesOf(schemas.RegisterRequest).name;
    assert.ok(nameSource, 'RegisterRequest.name has a pattern');
    const namePattern = new RegExp(nameSource, 'u');
    const nameDisagreements = names.filter((name) => namePattern.test(name) !== RegisterNameSchema.safeParse(name).success);
    assert.deepEqual(
      nameDisagreements.map((name) => JSON.stringify(name)),
      [],
      'names the document and the gateway judge differently',
    );

    const { pattern: cardSource, maxLength: cardMaxLength } = propertiesOf(schemas.PlaceOrderRequest).cardNumber;
    assert.ok(cardSource !== undefined && cardMaxLength !== undefined, 'PlaceOrderRequest.cardNumber has a pattern and a maxLength');
    const cardPattern = new RegExp(cardSource, 'u');
    const documented = (value: string) => [...value].length <= cardMaxLength && cardPattern.test(value);
    // The Luhn check is the one rule a pattern cannot state: it is compared apart.
    const accepted = (value: string) => {
      const result = CardNumberSchema.safeParse(value);
      return result.success || result.error.issues.every((issue) => /Luhn/.test(issue.message));
    };
    const cards = [
      '4242424242424242',
      '4242 4242 4242 4242',
      '4242-4242-4242-4242',
      ' 4242424242424242 ',
      '4242\u00a04242\u20004242\t4242',
      '--4242424242424242--',
      '1'.repeat(11),
      '1'.repeat(12),
      '1'.repeat(19),
      '1'.repeat(20),
      `${'1 '.repeat(15)}1`,
      '4242 4242 4242 4242 4242 42',
      '',
      '4242x4242424242424',
      '４２４２４２４２４２４２４２４２',
      '٤٢٤٢٤٢٤٢٤٢٤٢٤٢٤٢',
      '4242424242424242\u0000',
      '4242_4242_4242_4242',
      `${' '.repeat(20)}4242424242424242`,
    ];
    const cardDisagreements = cards.filter((value) => documented(value) !== accepted(value));
    assert.deepEqual(
      cardDisagreements.map((value) => JSON.stringify(value)),
      [],
      'card numbers the document and the gateway judge differently',
    );

    // Reasons people type: the decision's must say something, a cancel's may be empty; neither may hold NUL.
    const reasons = [
      'payment is back',
      ' x ',
      'a\nb',
      '',
      ...ws,
      ws.join(''),
      'a\u0000',
      '\u0000',
      ...controls.filter((c) => c !== '\u0000'),
    ];
    const reasonCases = [
      {
        schema: schemas.OperatorDecisionRequest,
        accepts: (reason: string) => DecisionBodySchema.safeParse({ action: 'resolve-manually', reason }).success,
      },
      { schema: schemas.CancelOrderRequest, accepts: (reason: string) => CancelOrderBodySchema.safeParse({ reason }).success },
    ];
    for (const { schema, accepts } of reasonCases) {
      const { pattern, minLength = 0 } = propertiesOf(schema).reason;
      assert.ok(pattern, 'the reason has a pattern');
      const reasonPattern = new RegExp(pattern, 'u');
      const disagreements = reasons.filter((reason) => (reason.length >= minLength && reasonPattern.test(reason)) !== accepts(reason));
      assert.deepEqual(
        disagreements.map((reason) => JSON.stringify(reason)),
        [],
        'reasons the document and the gateway judge differently',
      );
    }
  });

  it('every success answer matches the schema it is documented with', async () => {
    const newcomer = { email: `doc-${randomUUID()}@example.com`, name: 'Doc', password: 'password123' };
    const register = await contract.http<AuthResponse>('POST', '/api/auth/register', newcomer);
    assert.equal(register.status, 201);
    const headers = bearer(register.body.token);
    await contract.http('POST', '/api/auth/login', { email: shopper.email, password: shopper.password });
    await contract.http('GET', '/api/me', undefined, headers);
    await contract.http('GET', '/api/products');
    await contract.http('GET', '/api/products?limit=1&offset=1');
    await contract.http('GET', `/api/products/${sku}`);
    await contract.http('GET', '/api/test-cards');

    const orderId = await place(headers);
    const done = await eventually('the order confirmed', async () => {
      const view = await orderView(orderId, headers);
      return view.status === 'CONFIRMED' && view.saga?.outcome === 'CONFIRMED' ? view : undefined;
    });
    assert.ok(done.order, 'a confirmed order has its record');
    await contract.http('GET', '/api/orders', undefined, headers);

    // A 3-D Secure card stops the saga until the shopper confirms: both commands answer 202.
    const confirmed = await place(headers, TEST_CARDS.REQUIRES_CONFIRMATION.number);
    const awaitingConfirmation = async (orderId: string) =>
      (await orderView(orderId, headers)).saga?.awaitingPaymentConfirmation ? true : undefined;
    await eventually('the payment awaiting confirmation', () => awaitingConfirmation(confirmed));
    assert.equal((await contract.http('POST', `/api/orders/${confirmed}/payment-confirmation`, undefined, headers)).status, 202);
    const cancelled = await place(headers, TEST_CARDS.REQUIRES_CONFIRMATION.number);
    await eventually('the payment awaiting confirmation', () => awaitingConfirmation(cancelled));
    assert.equal((await contract.http('POST', `/api/orders/${cancelled}/cancel`, { reason: 'changed my mind' }, headers)).status, 202);
    await eventually('the order cancelled', async () => ((await orderView(cancelled, headers)).status === 'CANCELLED' ? true : undefined));

    const notifications = await eventually('a notification', async () => {
      const page = await contract.http<NotificationPage>('GET', '/api/notifications?unreadOnly=true', undefined, headers);
      return page.body.items.length > 0 ? page.body : undefined;
    });
    await contract.http('POST', `/api/notifications/${notifications.items[0].id}/read`, undefined, headers);
    await contract.http('POST', '/api/notifications/read-all', undefined, headers);
  });

  it('an order the saga has not created yet: order and saga are null (no worker is running)', async () => {
    const startWorker = await system.stopWorker();
    try {
      const orderId = await place(shopper.headers);
      // With no worker to answer the progress query, the gateway gives up on it after a short
      // deadline and answers from the memo: the page loads in seconds, not after Temporal's timeout.
      const asked = Date.now();
      const view = await orderView(orderId, shopper.headers);
      assert.ok(Date.now() - asked < 10_000, `answered in ${Date.now() - asked} ms`);
      assert.equal(view.status, 'PROCESSING');
      assert.equal(view.order, null);
      assert.equal(view.saga, null);
    } finally {
      await startWorker();
    }
  });

  it('an order the saga refused before creating it: REJECTED with its reason, order null', async () => {
    // A valid token for a customer the customer service does not know.
    const stranger = bearer(system.tokenFor(randomUUID()));
    const orderId = await place(stranger);
    const view = await eventually('the order rejected', async () => {
      const current = await orderView(orderId, stranger);
      return current.status === 'REJECTED' ? current : undefined;
    });
    assert.equal(view.order, null);
    assert.equal(view.saga?.outcome, 'REJECTED');
    assert.equal(typeof view.saga.reasonCode, 'string');
  });

  it('error answers are documented, each with its status and the error envelope', async () => {
    const expect = async (status: number, code: string, answer: Promise<JsonResponse<unknown>>) => assertError(await answer, status, code);
    const lines = [{ sku, quantity: 1 }];
    const cardNumber = TEST_CARDS.APPROVE.number;
    await expect(400, 'VALIDATION.INVALID_REQUEST', contract.http('GET', '/api/products?limit=0'));
    await expect(400, 'VALIDATION.INVALID_REQUEST', contract.http('GET', '/api/test-cards?x=1'));
    await expect(400, 'VALIDATION.INVALID_REQUEST', contract.http('GET', '/api/docs/package.json'));
    await expect(400, 'HTTP.MALFORMED_JSON', contract.http('POST', '/api/orders', '{"lines": [', shopper.headers));
    await expect(401, 'AUTH.UNAUTHENTICATED', contract.http('GET', '/api/me'));
    await expect(401, 'AUTH.TOKEN_INVALID', contract.http('GET', '/api/orders', undefined, bearer('not.a.token')));
    await expect(
      401,
      'AUTH.INVALID_CREDENTIALS',
      contract.http('POST', '/api/auth/login', { email: shopper.email, password: 'wrong password' }),
    );
    await expect(404, 'ORDER.NOT_FOUND', contract.http('GET', `/api/orders/${randomUUID()}`, undefined, shopper.headers));
    await expect(404, 'ORDER.NOT_FOUND', contract.http('POST', `/api/orders/${randomUUID()}/cancel`, {}, shopper.headers));
    await expect(404, 'INVENTORY.PRODUCT_NOT_FOUND', contract.http('GET', '/api/products/NO-SUCH-SKU'));
    await expect(
      404,
      'NOTIFICATION.NOT_FOUND',
      contract.http('POST', `/api/notifications/${randomUUID()}/read`, undefined, shopper.headers),
    );
    await expect(
      409,
      'CUSTOMER.EMAIL_TAKEN',
      contract.http('POST', '/api/auth/register', { email: shopper.email, name: 'Again', password: 'password123' }),
    );
    await expect(
      413,
      'HTTP.PAYLOAD_TOO_LARGE',
      contract.http('POST', '/api/orders', JSON.stringify({ lines, cardNumber, pad: 'x'.repeat(70 * 1024) }), shopper.headers),
    );
    await expect(
      422,
      'INVENTORY.PRODUCT_NOT_FOUND',
      contract.http('POST', '/api/orders', { lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }], cardNumber }, shopper.headers),
    );
    const key = { ...shopper.headers, 'Idempotency-Key': `doc-${randomUUID()}` };
    assert.equal((await contract.http('POST', '/api/orders', { lines, cardNumber }, key)).status, 202);
    await expect(422, 'IDEMPOTENCY.KEY_REUSED', contract.http('POST', '/api/orders', { lines: [{ sku, quantity: 2 }], cardNumber }, key));

    // 409: a finished order takes no more commands.
    const orderId = await place(shopper.headers);
    await eventually('the order finished', async () => ((await orderView(orderId, shopper.headers)).saga?.outcome ? true : undefined));
    await expect(409, 'ORDER.ALREADY_FINISHED', contract.http('POST', `/api/orders/${orderId}/cancel`, {}, shopper.headers));

    // Unknown paths and methods are no operation, but still answer in the envelope.
    await expect(404, 'HTTP.NOT_FOUND', contract.http('GET', '/api/admin'));
    await expect(405, 'HTTP.METHOD_NOT_ALLOWED', contract.http('DELETE', '/api/orders', undefined, shopper.headers));
  });

  it('429 with Retry-After and the rate limit headers', async () => {
    const limited = await system.startGateway({ AUTH_RATE_LIMIT_MAX: '1' });
    const limitedContract = new OpenApiContract(limited.url, document);
    const login = { email: shopper.email, password: shopper.password };
    assert.equal((await limitedContract.http('POST', '/api/auth/login', login)).status, 200);
    const refused = await limitedContract.http<ErrorEnvelope>('POST', '/api/auth/login', login);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'RATE_LIMITED');
    contract.checked.push(...limitedContract.checked);
  });

  it('503 with Retry-After when a service behind the gateway is down', async () => {
    const restart = await system.stopService('notification');
    try {
      const answer = await contract.http<ErrorEnvelope>('GET', '/api/notifications', undefined, shopper.headers);
      assert.equal(answer.status, 503, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, 'SERVICE_UNAVAILABLE');
    } finally {
      await restart();
    }
  });

  it('serves the docs page and its assets from the gateway itself, with the content types it documents', async () => {
    const page = await contract.fetch('/api/docs');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = await page.text();
    assert.match(html, /swagger-ui-bundle\.js/);
    assert.doesNotMatch(html, /https?:\/\//, 'no CDN, no absolute URLs');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);

    const bundle = await contract.fetch('/api/docs/swagger-ui-bundle.js');
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    assert.ok((await bundle.arrayBuffer()).byteLength > 100_000);
    const css = await contract.fetch('/api/docs/swagger-ui.css');
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
    const icon = await contract.fetch('/api/docs/favicon-32x32.png');
    assert.match(icon.headers.get('content-type') ?? '', /image\/png/);
    const initializer = await contract.fetch('/api/docs/swagger-initializer.js');
    assert.equal(initializer.headers.get('content-type'), bundle.headers.get('content-type'), 'one content type for every script');
    const script = await initializer.text();
    assert.match(script, /url: "\/api\/openapi\.json"/);
    assert.doesNotMatch(script, /petstore/);
    for (const asset of ['index.css', 'swagger-ui-standalone-preset.js', 'favicon-16x16.png']) {
      assert.equal((await contract.fetch(`/api/docs/${asset}`)).status, 200, asset);
    }
    // Only the page's own files: not the rest of swagger-ui-dist, not other paths.
    for (const asset of ['index.html', 'package.json', '..%2Fpackage.json', 'oauth2-redirect.html']) {
      const response = await contract.http('GET', `/api/docs/${asset}`);
      assert.ok(response.status === 400 || response.status === 404, `${asset}: ${response.status}`);
    }
  });

  it('the docs page renders in a browser under the gateway’s CSP (when Chromium is installed)', async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(`      skipped: no Chromium at ${CHROMIUM}`);
      this.skip();
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless'] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`${api}/api/docs`);
      await page.getByText('sagashop public API').first().waitFor({ timeout: 15_000 });
      await page.getByText('/api/orders/{id}').first().waitFor({ timeout: 5_000 });
      assert.deepEqual(problems, [], 'the page logged errors (a CSP violation is one)');
    } finally {
      await browser.close();
    }
  });

  it('the operator routes answer what they document (403 for a shopper; a decision on a saga waiting for one)', async () => {
    assertError(await contract.http('GET', '/api/operator/orders', undefined, shopper.headers), 403, 'OPERATOR.FORBIDDEN');
    // A token with the roles claim is not enough: the gateway also asks whether the customer holds the role now.
    const operator = { Authorization: `Bearer ${new AccessTokens(TEST_JWT_SECRET, 600).issue(shopper.id, ['operator']).token}` };
    assertError(await contract.http('GET', '/api/operator/orders', undefined, operator), 403, 'OPERATOR.FORBIDDEN');
    assert.equal((await grantOperator([shopper.email], { CUSTOMER_URL: system.services.customer.url })).code, 0);
    const orderId = await place(shopper.headers, TEST_CARDS.REQUIRES_CONFIRMATION.number);
    await eventually('the saga to wait for the confirmation', async () =>
      (await orderView(orderId, shopper.headers)).saga?.awaitingPaymentConfirmation ? true : undefined,
    );
    const restartPayment = await system.stopService('payment');
    try {
      assert.equal((await contract.http('POST', `/api/orders/${orderId}/cancel`, {}, shopper.headers)).status, 202);
      await eventually('the saga to wait for a decision', async () => {
        const view = await http<OperatorOrderView>(api, 'GET', `/api/operator/orders/${orderId}`, undefined, operator);
        return view.body.saga?.awaitingDecision ? true : undefined;
      });
    } finally {
      await restartPayment();
    }
    assert.equal((await contract.http('GET', '/api/operator/orders?status=NEEDS_ATTENTION', undefined, operator)).status, 200);
    assert.equal((await contract.http('GET', `/api/operator/orders/${orderId}`, undefined, operator)).status, 200);
    const decided = await contract.http(
      'POST',
      `/api/operator/orders/${orderId}/decision`,
      { action: 'resolve-manually', reason: 'settled' },
      operator,
    );
    assert.equal(decided.status, 202, JSON.stringify(decided.body));
    assertError(
      await contract.http('POST', `/api/operator/orders/${orderId}/decision`, { action: 'resolve-manually', reason: 'again' }, operator),
      409,
      'ORDER.ALREADY_FINISHED',
    );
    assert.equal((await contract.http('GET', '/api/operator/breakers', undefined, operator)).status, 200);
    const settings = await contract.http<SimulatorSettingsDto>('GET', '/api/operator/simulator', undefined, operator);
    assert.equal(settings.status, 200);
    assert.equal(
      (await contract.http('POST', '/api/operator/simulator', { slowCardDelayMs: settings.body.slowCardDelayMs }, operator)).status,
      200,
    );
  });

  // Runs last: what the cases above sent through the contract.
  it('checked a success answer of every operation, and every kind of error answer', () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    const missing = operations
      .filter((operation) => {
        const success = Object.keys(operation.responses).find((status) => status.startsWith('2'));
        return !contract.checked.some((answer) => answer.operationId === operation.operationId && String(answer.status) === success);
      })
      .map((operation) => operation.operationId);
    assert.deepEqual(missing, [], 'operations whose success answer no case checked');
    const errorStatuses = new Set(contract.checked.map((answer) => answer.status).filter((status) => status >= 400));
    for (const status of [400, 401, 404, 405, 409, 413, 422, 429, 503])
      assert.ok(errorStatuses.has(status), `no ${status} answer was checked`);
  });
});
