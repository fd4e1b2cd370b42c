import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { RunningGateway } from '../../../src/apps/gateway/gateway.service.js';
import { freePort } from '../../support/postgres.js';
import { http, type JsonResponse } from '../../support/services.js';
import { eventually, startTestSystem, type TestSystem } from '../../support/system.js';
import { assertError, registerShopper } from './gateway-client.js';

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server';

const wrongLogin = (api: string) =>
  http(api, 'POST', '/api/auth/login', { email: `nobody-${randomUUID()}@example.com`, password: 'guess-guess' });

/** true once a Redis server on `port` answers PING. */
function ping(port: number): Promise<true | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG') ? true : undefined);
    });
    socket.once('error', () => resolve(undefined));
  });
}

function assertLimited(response: JsonResponse<unknown>, limit: number, windowSeconds: number): void {
  assertError(response, 429, 'RATE_LIMITED');
  const retryAfter = Number(response.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds, `Retry-After ${retryAfter}`);
  assert.equal(response.headers.get('ratelimit-limit'), String(limit));
  assert.equal(response.headers.get('ratelimit-remaining'), '0');
  const reset = Number(response.headers.get('ratelimit-reset'));
  assert.ok(Number.isInteger(reset) && reset >= 1 && reset <= windowSeconds, `RateLimit-Reset ${reset} (seconds from now)`);
}

describe('gateway: rate limits', function () {
  this.timeout(60_000);
  let system: TestSystem;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
  });
  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  it('auth routes per client IP: 429 with Retry-After and RateLimit headers, then recovery', async () => {
    const gateway = await system.startGateway({ AUTH_RATE_LIMIT_MAX: '2', AUTH_RATE_LIMIT_WINDOW_MS: '1000' });
    const first = await wrongLogin(gateway.url);
    assertError(first, 401, 'AUTH.INVALID_CREDENTIALS');
    assert.equal(first.headers.get('ratelimit-limit'), '2');
    assert.equal(first.headers.get('ratelimit-remaining'), '1');
    assertError(await wrongLogin(gateway.url), 401, 'AUTH.INVALID_CREDENTIALS');

    assertLimited(await wrongLogin(gateway.url), 2, 1);
    // Registration shares the budget (same client, same rule): no new account while limited.
    const newcomer = { email: `x-${randomUUID()}@example.com`, name: 'X', password: 'password123' };
    assertLimited(await http(gateway.url, 'POST', '/api/auth/register', newcomer), 2, 1);
    // Other routes are not limited.
    assert.equal((await http(gateway.url, 'GET', '/api/test-cards')).status, 200);

    // The window passes: the same client gets answers again.
    const recovered = await eventually(
      'the auth limit to reset',
      async () => {
        const response = await wrongLogin(gateway.url);
        return response.status === 429 ? undefined : response;
      },
      5_000,
    );
    assertError(recovered, 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('order placement per customer: one customer limited, another not', async () => {
    const gateway = await system.startGateway({ ORDER_RATE_LIMIT_MAX: '2', ORDER_RATE_LIMIT_WINDOW_MS: '1000' });
    const [greedy, other] = await Promise.all([registerShopper(gateway.url), registerShopper(gateway.url)]);
    // Invalid bodies are attempts too: the budget is spent without starting any saga.
    const attempt = (headers: Record<string, string>) => http(gateway.url, 'POST', '/api/orders', { lines: [] }, headers);
    assertError(await attempt(greedy.headers), 400, 'VALIDATION.INVALID_REQUEST');
    assertError(await attempt(greedy.headers), 400, 'VALIDATION.INVALID_REQUEST');
    assertLimited(await attempt(greedy.headers), 2, 1);
    assertError(await attempt(other.headers), 400, 'VALIDATION.INVALID_REQUEST');
    // Reading is not limited.
    assert.equal((await http(gateway.url, 'GET', '/api/orders', undefined, greedy.headers)).status, 200);
    // Without a token the limit is never reached: 401 comes first.
    assertError(await attempt({}), 401, 'AUTH.UNAUTHENTICATED');

    await eventually('the order limit to reset', async () => ((await attempt(greedy.headers)).status === 400 ? true : undefined), 5_000);
  });

  describe('with REDIS_URL: one budget for several gateways', function () {
    let redis: ChildProcess | undefined;
    let redisUrl: string;

    before(async function () {
      if (spawnSync(REDIS_SERVER, ['--version']).status !== 0) {
        console.warn(`      skipped: no ${REDIS_SERVER} binary (apt-get install -y redis-server) to test shared limits`);
        this.skip();
      }
      const port = await freePort();
      redis = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      redisUrl = `redis://127.0.0.1:${port}`;
      await eventually('redis-server to answer PING', () => ping(port));
    });
    after(async () => {
      if (redis && redis.exitCode === null) {
        const exited = new Promise((resolve) => redis!.once('exit', resolve));
        redis.kill('SIGTERM');
        await exited;
      }
    });

    it('two gateways with the same REDIS_URL share the auth limit', async () => {
      const env = { REDIS_URL: redisUrl, AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_WINDOW_MS: '60000' };
      const [a, b]: RunningGateway[] = await Promise.all([system.startGateway(env), system.startGateway(env)]);
      const first = await wrongLogin(a.url);
      assertError(first, 401, 'AUTH.INVALID_CREDENTIALS');
      assert.equal(first.headers.get('ratelimit-remaining'), '2');
      const second = await wrongLogin(b.url);
      assertError(second, 401, 'AUTH.INVALID_CREDENTIALS');
      assert.equal(second.headers.get('ratelimit-remaining'), '1', 'gateway B sees the request gateway A counted');
      assertError(await wrongLogin(a.url), 401, 'AUTH.INVALID_CREDENTIALS');
      assertLimited(await wrongLogin(b.url), 3, 60);
      assertLimited(await wrongLogin(a.url), 3, 60);
    });

    it('a Redis outage lets requests through (logged) instead of failing them with 500', async () => {
      const gateway = await system.startGateway({ REDIS_URL: redisUrl, AUTH_RATE_LIMIT_MAX: '100' });
      assertError(await wrongLogin(gateway.url), 401, 'AUTH.INVALID_CREDENTIALS');
      const exited = new Promise((resolve) => redis!.once('exit', resolve));
      redis!.kill('SIGTERM');
      await exited;
      const started = Date.now();
      assertError(await wrongLogin(gateway.url), 401, 'AUTH.INVALID_CREDENTIALS');
      assert.ok(Date.now() - started < 5_000, 'the limiter gives up on Redis quickly');
    });
  });
});
