/**
 * The catalog's yardstick: a bare Koa app that answers GET /api/products with the JSON the gateway
 * gave, in a process of its own like the gateway. Reads the body from the file named by its first
 * argument, listens on a free port, prints it, and stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';

const body = readFileSync(process.argv[2], 'utf8');
const app = new Koa();
app.use((ctx) => {
  if (ctx.method === 'GET' && ctx.path === '/api/products') {
    ctx.type = 'application/json';
    ctx.body = body;
  } else ctx.status = 404;
});
const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
process.once('SIGTERM', () => server.close());
