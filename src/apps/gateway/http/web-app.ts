import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';
import { ConfigError } from '../../../shared/infrastructure/config.js';

const RESERVED = /^\/(api|socket\.io)(\/|$)/;

/**
 * The built storefront (WEB_DIST_DIR): its files on every GET outside /api and /socket.io, and
 * index.html for any other path without a file extension, so client-side routes (/orders/42)
 * survive a reload. Hashed files under /assets are cached for a year; index.html never, so a new
 * deploy is picked up at once.
 */
export function webApp(distDir: string): Middleware {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile))
    throw new ConfigError(`Invalid configuration:\n  WEB_DIST_DIR: no index.html in ${distDir} (build the storefront first)`);

  const serveFiles = serve(distDir, {
    index: false,
    setHeaders(res, filePath) {
      const relative = path.relative(distDir, filePath).split(path.sep);
      if (relative[0] === 'assets') res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else if (relative.join('/') === 'index.html') res.setHeader('Cache-Control', 'no-cache');
      else res.setHeader('Cache-Control', 'public, max-age=3600');
    },
  });

  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || RESERVED.test(ctx.path)) {
      await next();
      return;
    }
    await serveFiles(ctx, async () => {});
    if (ctx.body !== undefined && ctx.body !== null) return;
    // A missing file (/assets/gone.js) stays a 404; only route-like paths get the app shell.
    if (path.posix.extname(ctx.path) !== '') {
      await next();
      return;
    }
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = await readFile(indexFile);
  };
}
