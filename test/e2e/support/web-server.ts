/**
 * Where the browser finds the storefront: the gateway itself when it serves the built files
 * (WEB_DIST_DIR), else a small server here that serves web/dist and passes /api and /socket.io
 * (WebSocket upgrades included) through to the gateway, so the app still sees one origin.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

export interface WebOrigin {
  url: string;
  /** True when the gateway itself served the app. */
  servedByGateway: boolean;
  close(): Promise<void>;
}

export interface ProxyOrigin extends WebOrigin {
  /** Cuts every WebSocket and refuses new ones, as a dropped network would (HTTP still passes). */
  pauseWebSockets(): void;
  resumeWebSockets(): void;
}

export async function storefrontOrigin(gatewayUrl: string, distDir: string): Promise<WebOrigin> {
  const answer = await fetch(`${gatewayUrl}/`).catch(() => undefined);
  const html = answer?.ok ? await answer.text() : '';
  if (html.includes('<div id="app">')) return { url: gatewayUrl, servedByGateway: true, close: async () => {} };
  return startStaticProxy(gatewayUrl, distDir);
}

/** A file of the built app; a path with no extension is a client-side route, so it gets index.html. */
async function serveFile(distDir: string, pathname: string, res: http.ServerResponse): Promise<void> {
  const root = path.resolve(distDir);
  let file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    if (path.extname(pathname)) {
      res.writeHead(404).end();
      return;
    }
    file = path.join(root, 'index.html');
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  createReadStream(file).pipe(res);
}

export async function startStaticProxy(gatewayUrl: string, distDir: string): Promise<ProxyOrigin> {
  const target = new URL(gatewayUrl);
  const upgraded = new Set<net.Socket>();
  let wsPaused = false;
  const toGateway = (pathname: string) => /^\/(api|socket\.io)(\/|$)/.test(pathname);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (toGateway(url.pathname)) {
      const upstream = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      req.pipe(upstream);
      return;
    }
    // A path that is not even a URI (a bad %-escape) must still get an answer, not leave the request hanging.
    serveFile(distDir, url.pathname, res).catch(() => {
      if (!res.headersSent) res.writeHead(400);
      res.end();
    });
  });

  // WebSocket: replay the upgrade request to the gateway and splice the two sockets.
  server.on('upgrade', (req, socket, head) => {
    if (wsPaused) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    upgraded.add(socket as net.Socket);
    socket.on('close', () => upgraded.delete(socket as net.Socket));
    const upstream = net.connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i];
        lines.push(`${name}: ${name.toLowerCase() === 'host' ? target.host : req.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const destroy = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', destroy);
    upstream.on('close', destroy);
    socket.on('error', destroy);
    socket.on('close', destroy);
  });

  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    servedByGateway: false,
    pauseWebSockets() {
      wsPaused = true;
      for (const socket of upgraded) socket.destroy();
    },
    resumeWebSockets() {
      wsPaused = false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
