import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import Router from '@koa/router';
import { pino } from 'pino';
import { createHttpApp, type AppState } from '../../../src/shared/infrastructure/http/app.js';
import { listen } from '../../../src/shared/infrastructure/http/server.js';

describe('http: the access log', () => {
  it('logs requests at info, but probes and routes marked quietLog (polls) at debug unless they fail', async () => {
    const lines: { level: number; path: string; status: number }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as (typeof lines)[number]);
        done();
      },
    });
    const router = new Router<AppState>();
    router.get('/things', (ctx) => {
      ctx.body = { things: [] };
    });
    router.get('/poll', (ctx) => {
      ctx.state.quietLog = true;
      ctx.body = { version: 1 };
    });
    router.get('/poll-failing', (ctx) => {
      ctx.state.quietLog = true;
      ctx.status = 503;
      ctx.body = { error: 'down' };
    });
    const app = createHttpApp({ logger: pino({ level: 'debug' }, sink), routers: [router], ready: () => Promise.resolve(true) });
    const server = await listen(app, 0, '127.0.0.1');
    try {
      for (const path of ['/things', '/poll', '/ready', '/poll-failing']) await (await fetch(`${server.url}${path}`)).arrayBuffer();
    } finally {
      await server.close();
    }
    const levelOf = (path: string) => lines.find((line) => line.path === path)?.level;
    const [debug, info] = [pino.levels.values.debug, pino.levels.values.info];
    assert.deepEqual(['/things', '/poll', '/ready', '/poll-failing'].map(levelOf), [info, debug, debug, info], JSON.stringify(lines));
  });
});
