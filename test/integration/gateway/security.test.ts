import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestSystem, type TestSystem } from '../../support/system.js';

const WEB_ORIGIN = 'http://127.0.0.1:5173';

describe('gateway: security headers, CORS and the storefront files', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let api: string;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    api = system.gateway.url;
  });
  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  it('every answer carries the security headers, errors included', async () => {
    for (const [label, request] of [
      ['200', fetch(`${api}/api/products`)],
      ['401', fetch(`${api}/api/me`)],
      ['404', fetch(`${api}/api/nothing-here`)],
      ['400', fetch(`${api}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' })],
      ['probe', fetch(`${api}/health`)],
    ] as const) {
      const response = await request;
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, label);
      assert.match(csp, /frame-ancestors 'none'/, label);
      assert.doesNotMatch(csp, /upgrade-insecure-requests/, `${label}: plain-HTTP dev host`);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', label);
      assert.ok(response.headers.get('x-frame-options'), label);
      assert.ok(response.headers.get('referrer-policy'), label);
      assert.equal(response.headers.get('x-powered-by'), null, label);
    }
  });

  it('CORS answers only the configured web origin', async () => {
    const allowed = await fetch(`${api}/api/products`, { headers: { Origin: WEB_ORIGIN } });
    assert.equal(allowed.headers.get('access-control-allow-origin'), WEB_ORIGIN);
    assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    assert.match(allowed.headers.get('vary') ?? '', /Origin/);

    const foreign = await fetch(`${api}/api/products`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);

    const preflight = await fetch(`${api}/api/orders`, {
      method: 'OPTIONS',
      headers: {
        Origin: WEB_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), WEB_ORIGIN);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);

    const foreignPreflight = await fetch(`${api}/api/orders`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    assert.equal(foreignPreflight.headers.get('access-control-allow-origin'), null);
  });

  describe('with WEB_DIST_DIR: the storefront from the same origin', () => {
    let dist: string;
    let web: string;

    before(async () => {
      dist = await mkdtemp(path.join(os.tmpdir(), 'sagashop-web-dist-'));
      await mkdir(path.join(dist, 'assets'));
      await mkdir(path.join(dist, 'images'));
      const indexHtml = '<!doctype html><title>shop</title><script type="module" src="/assets/app-1a2b.js"></script>';
      await writeFile(path.join(dist, 'index.html'), indexHtml);
      await writeFile(path.join(dist, 'assets', 'app-1a2b.js'), 'console.log("shop")');
      await writeFile(path.join(dist, 'images', 'mug.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      web = (await system.startGateway({ WEB_DIST_DIR: dist })).url;
    });
    after(async () => {
      await rm(dist, { recursive: true, force: true });
    });

    it('serves files, falls back to index.html for app routes, and keeps /api JSON', async () => {
      const root = await fetch(`${web}/`);
      assert.equal(root.status, 200);
      assert.match(await root.text(), /<title>shop<\/title>/);
      assert.equal(root.headers.get('cache-control'), 'no-cache');

      const deepLink = await fetch(`${web}/orders/7b1e7a52-0000-4000-8000-000000000000`);
      assert.equal(deepLink.status, 200);
      assert.match(deepLink.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(deepLink.headers.get('cache-control'), 'no-cache');

      const asset = await fetch(`${web}/assets/app-1a2b.js`);
      assert.equal(asset.status, 200);
      assert.match(asset.headers.get('cache-control') ?? '', /max-age=31536000.*immutable/);
      assert.match(asset.headers.get('content-type') ?? '', /javascript/);

      const image = await fetch(`${web}/images/mug.svg`);
      assert.equal(image.status, 200);

      assert.equal((await fetch(`${web}/assets/missing-9z.js`)).status, 404, 'a missing file is not the app shell');
      const apiMiss = await fetch(`${web}/api/not-a-route`);
      assert.equal(apiMiss.status, 404);
      assert.equal(((await apiMiss.json()) as { error: { code: string } }).error.code, 'HTTP.NOT_FOUND');
      assert.equal((await fetch(`${web}/api/products`)).status, 200);
      assert.equal((await fetch(`${web}/`, { method: 'POST' })).status, 404, 'only GET and HEAD read files');
      for (const traversal of ['/..%2F..%2F..%2Fetc%2Fpasswd', '/assets/..%2F..%2F..%2Fetc%2Fpasswd', '/%2e%2e/%2e%2e/etc/passwd']) {
        const response = await fetch(`${web}${traversal}`);
        assert.ok(response.status < 500, `${traversal}: ${response.status}`);
        assert.doesNotMatch(await response.text(), /root:/, traversal);
      }
    });

    it('refuses to start on a folder without index.html', async () => {
      await assert.rejects(system.startGateway({ WEB_DIST_DIR: path.join(dist, 'images') }), /WEB_DIST_DIR: no index.html/);
    });
  });
});
