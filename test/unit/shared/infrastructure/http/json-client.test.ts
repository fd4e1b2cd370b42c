import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { JsonHttpClient, RemoteServiceError, RemoteServiceUnavailable } from '../../../../../src/shared/infrastructure/http/json-client.js';

/** A local server whose answer each test chooses; `hang` never answers. */
async function serve(answer: (req: http.IncomingMessage, body: string) => { status: number; body?: string } | 'hang') {
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const chosen = answer(req, body);
      if (chosen === 'hang') return void held.push(res);
      res.writeHead(chosen.status, { 'content-type': 'application/json' }).end(chosen.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const Thing = z.object({ id: z.string() });

describe('JsonHttpClient (how a downstream answer becomes a result or a typed failure)', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  const client = async (answer: Parameters<typeof serve>[0], timeoutMs = 2_000) => {
    const server = await serve(answer);
    closers.push(server.close);
    return new JsonHttpClient({ service: 'thing', baseUrl: `${server.url}/`, timeoutMs });
  };

  it('sends JSON and parses the answer with the schema, on one keep-alive connection', async () => {
    const seen: { method?: string; url?: string; type?: string; body: string; socket: unknown }[] = [];
    const http1 = await client((req, body) => {
      seen.push({ method: req.method, url: req.url, type: req.headers['content-type'], body, socket: req.socket });
      return { status: 200, body: JSON.stringify({ id: 'a', extra: 1 }) };
    });
    assert.deepEqual(await http1.request('POST', '/things', Thing, { name: 'x' }), { id: 'a' });
    for (let i = 0; i < 5; i++) assert.deepEqual(await http1.request('GET', '/things/a', Thing), { id: 'a' });
    assert.deepEqual(
      seen.slice(0, 2).map(({ method, url, type, body }) => [method, url, type, body]),
      [
        ['POST', '/things', 'application/json', '{"name":"x"}'],
        ['GET', '/things/a', undefined, ''],
      ],
    );
    // The pool may open a second connection while the first is being released, never one per call.
    assert.ok(new Set(seen.map((s) => s.socket)).size <= 2, 'connections are kept alive and reused');
  });

  it("a coded 4xx is the service's answer: RemoteServiceError with its code and details", async () => {
    const http1 = await client(() => ({
      status: 409,
      body: JSON.stringify({ error: { code: 'THING.TAKEN', message: 'taken', details: { id: 'a' } } }),
    }));
    const error = await http1.request('GET', '/things/a', Thing).catch((e: unknown) => e);
    assert.ok(error instanceof RemoteServiceError);
    assert.deepEqual([error.status, error.code, error.message, error.details], [409, 'THING.TAKEN', 'taken', { id: 'a' }]);
  });

  it('5xx, 429, an answer outside the contract, a refused connection and a hung service are worth retrying', async () => {
    for (const status of [500, 503, 429, 408]) {
      const http1 = await client(() => ({ status, body: '{}' }));
      const error = await http1.request('GET', '/x', Thing).catch((e: unknown) => e);
      assert.ok(error instanceof RemoteServiceUnavailable && error.status === status, `HTTP ${status}`);
    }
    const broken = await client(() => ({ status: 200, body: JSON.stringify({ id: 42 }) }));
    assert.ok((await broken.request('GET', '/x', Thing).catch((e: unknown) => e)) instanceof RemoteServiceUnavailable);

    const refused = new JsonHttpClient({ service: 'thing', baseUrl: 'http://127.0.0.1:1' });
    const unreachable = await refused.request('GET', '/x', Thing).catch((e: unknown) => e);
    assert.ok(unreachable instanceof RemoteServiceUnavailable && /unreachable/.test(unreachable.message));

    const hung = await client(() => 'hang', 300);
    const started = Date.now();
    const timedOut = await hung.request('GET', '/x', Thing).catch((e: unknown) => e);
    assert.ok(timedOut instanceof RemoteServiceUnavailable, String(timedOut));
    assert.ok(Date.now() - started < 3_000, `gave up after ${Date.now() - started} ms`);
  });
});
