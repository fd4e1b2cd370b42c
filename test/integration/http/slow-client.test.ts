/**
 * A client too slow to send its request (slowloris: headers a byte at a time, or a body that never
 * completes) gets 408 HTTP.REQUEST_TIMEOUT and its socket closed, while other clients are served.
 * The limits are shortened here; every service and the gateway listen with REQUEST_TIMEOUTS.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import Router from '@koa/router';
import { createHttpApp, type AppState } from '../../../src/shared/infrastructure/http/app.js';
import { createLogger } from '../../../src/shared/infrastructure/logger.js';
import { listen, REQUEST_TIMEOUTS, type RunningServer } from '../../../src/shared/infrastructure/http/server.js';

/** Writes `chunks` to a raw socket and collects what the server sends until it closes the socket. */
function rawExchange(port: number, chunks: string[]): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => (answer += data));
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, closedAfterMs: performance.now() - started }));
    // The test's own bound: a server that never closes fails here instead of hanging mocha.
    socket.setTimeout(10_000, () => socket.destroy(new Error('the server kept the slow socket open')));
  });
}

describe('http: slow clients', () => {
  let server: RunningServer;

  before(async () => {
    const router = new Router<AppState>();
    router.get('/things', (ctx) => {
      ctx.body = { things: [] };
    });
    router.post('/things', (ctx) => {
      ctx.body = { received: ctx.request.body };
    });
    const app = createHttpApp({ logger: createLogger('test', 'silent'), routers: [router], ready: () => Promise.resolve(true) });
    server = await listen(app, 0, '127.0.0.1', { headersMs: 400, requestMs: 1_000, checkEveryMs: 100 });
  });

  after(async () => {
    await server?.close();
  });

  it('production limits are seconds, not minutes', () => {
    assert.ok(REQUEST_TIMEOUTS.headersMs <= 10_000 && REQUEST_TIMEOUTS.requestMs <= 30_000, JSON.stringify(REQUEST_TIMEOUTS));
  });

  it('headers that never end: 408 HTTP.REQUEST_TIMEOUT and the socket closed, other clients still served', async () => {
    const slow = rawExchange(server.port, ['GET /things HTTP/1.1\r\n', 'Host: 127.0.0.1\r\n']);
    const meanwhile = await fetch(`${server.url}/things`);
    assert.equal(meanwhile.status, 200);
    const { answer, closedAfterMs } = await slow;
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.match(answer, /"code":"HTTP.REQUEST_TIMEOUT"/);
    assert.ok(closedAfterMs < 3_000, `closed after ${Math.round(closedAfterMs)} ms`);
  });

  it('a body that never completes: 408 once the request time is up', async () => {
    const { answer, closedAfterMs } = await rawExchange(server.port, [
      'POST /things HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n',
      '{"a":',
    ]);
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.ok(closedAfterMs >= 900 && closedAfterMs < 4_000, `closed after ${Math.round(closedAfterMs)} ms`);
  });
});
