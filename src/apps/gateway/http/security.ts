import cors from '@koa/cors';
import type { Middleware } from 'koa';
import helmet, { type HelmetOptions } from 'helmet';
import { RATE_LIMIT_HEADERS } from './rate-limit.js';

/**
 * Security headers on every answer. The CSP allows only this origin: the docs page and the
 * storefront load their scripts, styles and images from the gateway itself (no CDN), and
 * socket.io connects back to it. Inline styles stay allowed because Swagger UI sets them.
 *
 * Helmet decides the headers; none depends on the request (no nonces), so they are worked out
 * once at start-up and copied onto each answer: running helmet's thirteen middlewares per
 * request cost a quarter of a cached catalog read (docs/performance.md).
 */
export function securityHeaders(options: { https: boolean }): Middleware {
  const headers = Object.entries(helmetHeaders(helmetOptions(options)));
  return async (ctx, next) => {
    for (const [name, value] of headers) ctx.res.setHeader(name, value);
    await next();
  };
}

function helmetOptions(options: { https: boolean }): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        // Upgrading only makes sense when the gateway is reached over HTTPS; on a plain-HTTP dev
        // host it would send the browser to an https:// that does not exist.
        'upgrade-insecure-requests': options.https ? [] : null,
      },
    },
    strictTransportSecurity: options.https,
  };
}

/** The headers helmet sets with these options, read off a response it is run against once. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name];
    },
  };
  let failure: unknown;
  helmet(options)({} as never, recorder as never, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure instanceof Error ? failure : new Error('helmet refused its options');
  return headers;
}

/**
 * CORS for the storefront's origin only (in development it runs on Vite's port). Any other
 * origin gets no CORS headers, so a browser keeps its pages from reading our answers. Tokens
 * travel in a header, not a cookie: no credentials mode needed.
 */
export function corsForWebOrigin(webOrigin: string): Middleware {
  return cors({
    origin: (ctx) => (ctx.get('Origin') === webOrigin ? webOrigin : ''),
    allowMethods: ['GET', 'HEAD', 'POST'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposeHeaders: [
      'Location',
      'Retry-After',
      'Idempotent-Replayed',
      'X-Request-Id',
      RATE_LIMIT_HEADERS.limit,
      RATE_LIMIT_HEADERS.remaining,
      RATE_LIMIT_HEADERS.reset,
    ],
    maxAge: 600,
  });
}
