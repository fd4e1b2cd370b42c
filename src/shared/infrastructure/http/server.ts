import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import { answerClientError, refuseConnect } from './errors.js';

export interface RunningServer {
  readonly server: http.Server;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** Only the request listener is used, so any Koa app fits, whatever its state and context types. */
type KoaApp = Pick<Koa, 'callback'>;

export async function listen(app: KoaApp, port: number, host = '127.0.0.1'): Promise<RunningServer> {
  const handle = app.callback();
  // Koa's handler settles every request itself (its own onerror), so its promise never rejects.
  const server = http.createServer((req, res) => void handle(req, res));
  // Keep-alive sockets from clients must not hold shutdown open forever.
  server.keepAliveTimeout = 5_000;
  // Requests that never reach Koa (a method token Node cannot parse, CONNECT) still get an envelope.
  server.on('clientError', answerClientError);
  server.on('connect', refuseConnect);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
