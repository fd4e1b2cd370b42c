import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type Router from '@koa/router';
import { customerService } from '../../../src/apps/customer/customer.service.js';
import { loadGatewayConfig } from '../../../src/apps/gateway/gateway.config.js';
import { API_PREFIX } from '../../../src/apps/gateway/http/route-table.js';
import { inventoryService } from '../../../src/apps/inventory/inventory.service.js';
import { notificationService } from '../../../src/apps/notification/notification.service.js';
import { orderService } from '../../../src/apps/order/order.service.js';
import { paymentService } from '../../../src/apps/payment/payment.service.js';
import type { ContextName, ContextServiceDefinition } from '../../../src/shared/infrastructure/context-service.js';
import type { AppState } from '../../../src/shared/infrastructure/http/app.js';
import { createLogger } from '../../../src/shared/infrastructure/logger.js';
import { testEventsDatabaseUrl } from '../../support/postgres.js';
import { startTestSystem, type TestSystem } from '../../support/system.js';

/**
 * Every method on every route of every deployable: the answer is the client's problem (4xx) or a
 * success, never a 5xx. The only 501s are for request lines Node's parser refuses (an unknown
 * token such as FOO) and CONNECT (we are no proxy), answered before any routing happens.
 */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND', 'FOO'] as const;
/** Tokens Node's HTTP parser does not know: the server answers them without reading the path. */
const UNPARSEABLE = new Set<string>(['FOO']);

const DEFINITIONS: Record<ContextName, ContextServiceDefinition> = {
  customer: customerService,
  inventory: inventoryService,
  order: orderService,
  payment: paymentService,
  notification: notificationService,
};

/** No route serves these on any deployable. */
const UNKNOWN_PATHS = ['/no-such-path', `${API_PREFIX}/no-such-route`, '/health/extra'];
const PROBES = ['/health', '/ready'];

type Layer = Router<AppState>['stack'][number];

interface Target {
  label: string;
  url: string;
  /** Concrete path -> the methods its routes take (HEAD comes with GET). */
  paths: Map<string, Set<string>>;
  /** One sweep per header set (the gateway: without and with a valid token). */
  headerSets: Record<string, string>[];
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** node:http, because fetch refuses TRACE, CONNECT and tokens it does not know. */
function send(url: string, method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path, method, headers, agent: false, timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      response.on('error', reject);
    });
    // The client hands the answer to a CONNECT over as a tunnel, not as a response.
    request.on('connect', (response: http.IncomingMessage, socket) => {
      socket.destroy();
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: '' });
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    request.on('error', reject);
    request.end();
  });
}

/** At most `width` requests in flight: the machine is small and shared. */
async function inParallel(tasks: (() => Promise<void>)[], width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

function withExamples(koaPath: string, examples: Record<string, string>): string {
  return koaPath.replace(/:(\w+)/g, (_, name: string) => {
    const value = examples[name];
    if (value === undefined) throw new Error(`no example value for :${name} (in ${koaPath}): add one to the sweep`);
    return encodeURIComponent(value);
  });
}

function allowOf(answer: Answer): Set<string> {
  return new Set(
    String(answer.headers.allow ?? '')
      .split(',')
      .map((method) => method.trim())
      .filter(Boolean),
  );
}

function errorCodeOf(answer: Answer): string | undefined {
  try {
    return (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** What the edge must answer `method` on a path whose routes take `methods` (empty: no route). */
function problemWith(method: string, methods: Set<string>, answer: Answer): string | undefined {
  const { status } = answer;
  // A HEAD answer has no body, so no envelope to read the code from.
  const hasCode = (code: string) => method === 'HEAD' || errorCodeOf(answer) === code;
  if (UNPARSEABLE.has(method)) return status === 501 && hasCode('HTTP.NOT_IMPLEMENTED') ? undefined : 'expected 501 HTTP.NOT_IMPLEMENTED';
  if (status >= 500) return 'a 5xx is a bug';
  if (method === 'HEAD' && answer.body !== '') return 'HEAD answered with a body';
  if (methods.size === 0) return status === 404 && hasCode('HTTP.NOT_FOUND') ? undefined : 'expected 404 HTTP.NOT_FOUND';
  if (methods.has(method)) return undefined;
  const allow = allowOf(answer);
  const missing = [...methods].filter((allowed) => !allow.has(allowed));
  if (missing.length > 0 || allow.has(method) !== (method === 'OPTIONS')) {
    return `Allow "${answer.headers.allow ?? ''}" does not match the route's methods`;
  }
  if (method === 'OPTIONS') return status === 204 || status === 200 ? undefined : 'expected 204 with Allow';
  if (status !== 405 || !hasCode('HTTP.METHOD_NOT_ALLOWED')) return 'expected 405 HTTP.METHOD_NOT_ALLOWED';
  return undefined;
}

describe('every method on every route: 4xx for what the client got wrong, never a 5xx', function () {
  this.timeout(120_000);
  let system: TestSystem;
  const targets: Target[] = [];
  const disposals: (() => Promise<void>)[] = [];

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    const products = (await (await fetch(`${system.services.inventory.url}/products?limit=1`)).json()) as { items: { sku: string }[] };
    const examples: Record<string, string> = {
      id: randomUUID(),
      orderId: randomUUID(),
      customerId: randomUUID(),
      sku: products.items[0].sku,
      asset: 'index.css',
    };
    // Expected methods per path: every route whose pattern matches it (`/payments/charges` is
    // also `/payments/:orderId`), like the router itself decides.
    const pathsOf = (concretePaths: string[], layers: Layer[]) => {
      const routes = layers.filter((layer) => layer.methods.length > 0);
      const paths = new Map<string, Set<string>>();
      for (const path of [...concretePaths, ...UNKNOWN_PATHS]) {
        paths.set(path, new Set(routes.filter((layer) => layer.match(path)).flatMap((layer) => layer.methods)));
      }
      for (const probe of PROBES) paths.set(probe, new Set(['GET', 'HEAD']));
      return paths;
    };

    // The gateway: its route table, the one source of its router and of its OpenAPI document.
    const gatewayPaths = system.gateway.routes.map((route) => API_PREFIX + withExamples(route.path, examples));
    assert.ok(gatewayPaths.length >= 10, 'the gateway route table was read');
    const token = system.tokenFor(randomUUID());
    targets.push({
      label: 'gateway',
      url: system.gateway.url,
      paths: pathsOf(gatewayPaths, system.gateway.router.stack),
      headerSets: [{}, { authorization: `Bearer ${token}` }],
    });

    // Each context service: the routers its own composition root builds, on the service's database.
    const logger = createLogger('method-sweep', 'silent');
    const env = { EVENTS_DATABASE_URL: await testEventsDatabaseUrl() };
    for (const [name, definition] of Object.entries(DEFINITIONS) as [ContextName, ContextServiceDefinition][]) {
      const composed = await definition.compose(system.services[name].knex, logger, env);
      const routers: Router<AppState>[] = Array.isArray(composed) ? composed : composed.routers;
      if (!Array.isArray(composed) && composed.dispose) disposals.push(composed.dispose);
      const layers = routers.flatMap((router) => router.stack);
      const routePaths = layers.filter((layer) => layer.methods.length > 0).map((layer) => withExamples(String(layer.path), examples));
      assert.ok(routePaths.length > 0, `${name}: routes were listed`);
      targets.push({ label: name, url: system.services[name].url, paths: pathsOf(routePaths, layers), headerSets: [{}] });
    }
    for (const target of targets) {
      for (const [path, methods] of target.paths) {
        if (!UNKNOWN_PATHS.includes(path)) assert.ok(methods.size > 0, `${target.label}: ${path} matches its own route`);
      }
    }
  });

  after(async function () {
    this.timeout(60_000);
    for (const dispose of disposals) await dispose();
    await system?.stop();
  });

  it('sweeps GET HEAD POST PUT PATCH DELETE OPTIONS TRACE PROPFIND FOO over every route of the gateway and the five services', async () => {
    const problems: string[] = [];
    const tasks: (() => Promise<void>)[] = [];
    let swept = 0;
    for (const target of targets) {
      for (const [path, methods] of target.paths) {
        for (const headers of target.headerSets) {
          for (const method of METHODS) {
            tasks.push(async () => {
              const answer = await send(target.url, method, path, headers);
              swept += 1;
              const problem = problemWith(method, methods, answer);
              const auth = headers.authorization ? ' (with token)' : '';
              const request = `${target.label}: ${method} ${path}${auth}`;
              if (problem) problems.push(`${request} -> ${answer.status} ${answer.body.slice(0, 120)}: ${problem}`);
            });
          }
        }
      }
    }
    await inParallel(tasks, 8);
    assert.equal(swept, tasks.length);
    assert.deepEqual(problems, [], `${problems.length} of ${tasks.length} answers are wrong:\n${problems.join('\n')}`);
  });

  it('405 and 501 answers use the error envelope; 405 names the allowed methods', async () => {
    const gateway = system.gateway.url;
    const trace = await send(gateway, 'TRACE', `${API_PREFIX}/products`);
    assert.equal(trace.status, 405);
    assert.deepEqual(allowOf(trace), new Set(['GET', 'HEAD', 'OPTIONS']));
    assert.match(String(trace.headers['content-type']), /application\/json/);
    assert.equal(errorCodeOf(trace), 'HTTP.METHOD_NOT_ALLOWED');
    assert.ok(trace.headers['x-request-id'], 'a routed error answer carries the request id');
    assert.ok(trace.headers['content-security-policy'], "the gateway's security headers wrap it too");

    const unknown = await send(gateway, 'FOO', `${API_PREFIX}/products`);
    assert.equal(unknown.status, 501);
    assert.match(String(unknown.headers['content-type']), /application\/json/);
    assert.equal(errorCodeOf(unknown), 'HTTP.NOT_IMPLEMENTED');

    for (const target of targets) {
      const connect = await send(target.url, 'CONNECT', '127.0.0.1:1');
      assert.equal(connect.status, 501, `${target.label}: CONNECT`);
    }
  });

  it('HEAD is GET without the body; OPTIONS lists the methods; the CORS preflight still answers first', async () => {
    const gateway = system.gateway.url;
    const get = await send(gateway, 'GET', `${API_PREFIX}/products`);
    const head = await send(gateway, 'HEAD', `${API_PREFIX}/products`);
    assert.equal(get.status, 200);
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    assert.equal(head.headers['content-type'], get.headers['content-type']);

    const options = await send(gateway, 'OPTIONS', `${API_PREFIX}/orders`);
    assert.equal(options.status, 204);
    assert.deepEqual(allowOf(options), new Set(['GET', 'HEAD', 'POST', 'OPTIONS']));

    const webOrigin = loadGatewayConfig(system.gatewayEnv).WEB_ORIGIN;
    for (const path of [...targets[0].paths.keys()]) {
      const preflight = await send(gateway, 'OPTIONS', path, { origin: webOrigin, 'access-control-request-method': 'POST' });
      assert.equal(preflight.status, 204, `preflight ${path}`);
      assert.equal(preflight.headers['access-control-allow-origin'], webOrigin, `preflight ${path}`);
    }
  });
});
