import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { chromium } from 'playwright-core';
import { openApiPath, type AnyRoute } from '../../../src/apps/gateway/http/route-table.js';
import { http } from '../../support/services.js';
import { startTestSystem, type TestSystem } from '../../support/system.js';
import { newProduct, registerShopper } from './gateway-client.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('gateway: OpenAPI document and docs page', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let api: string;
  let document: Record<string, any>;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    api = system.gateway.url;
    const response = await http(api, 'GET', '/api/openapi.json');
    assert.equal(response.status, 200);
    document = response.body;
  });
  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    assert.equal(document.openapi, '3.1.0');
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.doesNotThrow(() => validator.resolveRefs());
    assert.deepEqual(document, JSON.parse(JSON.stringify(system.gateway.document)), 'served as generated');
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
    for (const [path, item] of Object.entries<Record<string, unknown>>(document.paths)) {
      for (const method of Object.keys(item)) documented.add(`${method} ${path}`);
    }
    const undocumented = [...served].filter((route) => !documented.has(route));
    const phantom = [...documented].filter((route) => !served.has(route));
    assert.deepEqual(undocumented, [], 'routes missing from the OpenAPI document');
    assert.deepEqual(phantom, [], 'documented routes the router does not serve');
    for (const route of ['post /api/auth/register', 'post /api/auth/login', 'get /api/me', 'post /api/orders', 'get /api/orders/{id}', 'get /api/openapi.json', 'get /api/docs']) {
      assert.ok(served.has(route), `${route} is served`);
    }
  });

  it('marks token-protected operations, and documents their 401, 429 and the error envelope', () => {
    const operation = (method: string, path: string) => document.paths[path][method];
    assert.deepEqual(operation('post', '/api/orders').security, [{ bearerAuth: [] }]);
    assert.deepEqual(operation('get', '/api/products').security, []);
    assert.ok(operation('post', '/api/orders').responses['401']);
    assert.ok(operation('post', '/api/orders').responses['429'].headers['Retry-After']);
    assert.ok(operation('post', '/api/auth/login').responses['429']);
    assert.equal(operation('get', '/api/orders/{id}').responses['404'].content['application/json'].schema.$ref, '#/components/schemas/Error');
    assert.equal(document.components.securitySchemes.bearerAuth.scheme, 'bearer');
    // The request schema is the one the gateway validates with: no customerId in an order.
    const placeOrder = document.components.schemas.PlaceOrderRequest;
    assert.deepEqual(Object.keys(placeOrder.properties).sort(), ['cardNumber', 'lines']);
    assert.equal(placeOrder.additionalProperties, false);
  });

  it('live answers match the response schemas they are documented with', async () => {
    const routes = new Map<string, AnyRoute>(system.gateway.routes.map((route) => [route.operationId, route]));
    const check = (operationId: string, body: unknown) => {
      const schema = routes.get(operationId)?.response.schema;
      assert.ok(schema, operationId);
      const parsed = schema.safeParse(body);
      assert.ok(parsed.success, `${operationId}: ${parsed.error?.message}`);
    };
    const register = await http(api, 'POST', '/api/auth/register', { email: `doc-${Date.now()}@example.com`, name: 'Doc', password: 'password123' });
    check('register', register.body);
    const headers = { Authorization: `Bearer ${register.body.token}` };
    check('me', (await http(api, 'GET', '/api/me', undefined, headers)).body);
    const sku = await newProduct(system, 3);
    check('listProducts', (await http(api, 'GET', '/api/products')).body);
    check('getProduct', (await http(api, 'GET', `/api/products/${sku}`)).body);
    check('listTestCards', (await http(api, 'GET', '/api/test-cards')).body);
    const placed = await http(api, 'POST', '/api/orders', { lines: [{ sku, quantity: 1 }], cardNumber: '4242424242424242' }, headers);
    check('placeOrder', placed.body);
    check('getOrder', (await http(api, 'GET', `/api/orders/${placed.body.orderId}`, undefined, headers)).body);
    check('listOrders', (await http(api, 'GET', '/api/orders', undefined, headers)).body);
    check('listNotifications', (await http(api, 'GET', '/api/notifications', undefined, headers)).body);
    check('markAllNotificationsRead', (await http(api, 'POST', '/api/notifications/read-all', undefined, headers)).body);
    const shopper = await registerShopper(api);
    check('login', (await http(api, 'POST', '/api/auth/login', { email: shopper.email, password: shopper.password })).body);
  });

  it('serves the docs page and its assets from the gateway itself', async () => {
    const page = await fetch(`${api}/api/docs`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = await page.text();
    assert.match(html, /swagger-ui-bundle\.js/);
    assert.doesNotMatch(html, /https?:\/\//, 'no CDN, no absolute URLs');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);

    const bundle = await fetch(`${api}/api/docs/swagger-ui-bundle.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
    assert.ok((await bundle.arrayBuffer()).byteLength > 100_000);
    const css = await fetch(`${api}/api/docs/swagger-ui.css`);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
    const initializer = await (await fetch(`${api}/api/docs/swagger-initializer.js`)).text();
    assert.match(initializer, /url: "\/api\/openapi\.json"/);
    assert.doesNotMatch(initializer, /petstore/);
    // Only the page's own files: not the rest of swagger-ui-dist, not other paths.
    for (const asset of ['index.html', 'package.json', '..%2Fpackage.json', 'oauth2-redirect.html']) {
      const response = await http(api, 'GET', `/api/docs/${asset}`);
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
});
