import cors from '@koa/cors';
import type { Middleware } from 'koa';
import helmet from 'koa-helmet';
import { RATE_LIMIT_HEADERS } from './rate-limit.js';

/**
 * Security headers on every answer. The CSP allows only this origin: the docs page and the
 * storefront load their scripts, styles and images from the gateway itself (no CDN), and
 * socket.io connects back to it. Inline styles stay allowed because Swagger UI sets them.
 */
export function securityHeaders(options: { https: boolean }): Middleware {
  return helmet({
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
  });
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
