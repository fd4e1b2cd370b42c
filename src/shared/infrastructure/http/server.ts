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

/**
 * How long a client may take to send its request. Node's defaults (60 s for the headers, 300 s for
 * the whole request, checked every 30 s) let a slow client (slowloris) hold a socket for minutes;
 * our requests are a few kilobytes of headers and at most 64-100 kB of JSON. A client that is too
 * slow gets a 408 and the socket is closed. Responses (a held socket.io poll) are not limited.
 */
export const REQUEST_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, checkEveryMs: 1_000 };

export async function listen(
  app: KoaApp,
  port: number,
  host = '127.0.0.1',
  timeouts: typeof REQUEST_TIMEOUTS = REQUEST_TIMEOUTS,
): Promise<RunningServer> {
  const handle = app.callback();
  // Koa's handler settles every request itself (its own onerror), so its promise never rejects.
  const server = http.createServer(
    { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: timeouts.checkEveryMs },
    (req, res) => void handle(req, res),
  );
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
