import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../../src/shared/infrastructure/paths.js';
import { freshDatabaseUrl } from '../../support/postgres.js';

const run = promisify(execFile);

/**
 * Production runs tsc's output, not the sources through tsx (Dockerfile, docker-entrypoint.sh,
 * npm run start:<app>): the build must produce runnable ESM, with paths that still resolve from
 * dist/ (repo root, failure converter, workflow bundle).
 */
describe('compiled build (dist/)', function () {
  // tsc over the whole tree: slow on a busy machine, and incremental (tsc -b) when already built.
  this.timeout(300_000);
  let child: ChildProcess | undefined;

  before(async () => {
    await run('npm', ['run', 'build:server', '--silent'], { cwd: REPO_ROOT });
  });

  after(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  it('emits every deployable and the prebuilt workflow bundle', () => {
    for (const app of ['gateway', 'worker', 'customer', 'inventory', 'order', 'payment', 'notification']) {
      assert.ok(existsSync(path.join(REPO_ROOT, `dist/src/apps/${app}/main.js`)), `dist/src/apps/${app}/main.js`);
    }
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist/src/workflows/workflow-bundle.cjs')));
  });

  it('runs a context service from dist/ without tsx: it migrates, serves, and stops cleanly on SIGTERM', async () => {
    const databaseUrl = await freshDatabaseUrl('compiled_inventory');
    child = spawn(process.execPath, ['--max-semi-space-size=2', 'dist/src/apps/inventory/main.js'], {
      cwd: REPO_ROOT,
      // No NODE_OPTIONS from mocha's tsx: the compiled output must stand on its own.
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        INVENTORY_DATABASE_URL: databaseUrl,
        INVENTORY_PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const onLine = (line: string) => {
        output.push(line);
        try {
          const entry = JSON.parse(line) as { url?: string; msg?: string };
          if (entry.msg?.endsWith('service listening') && entry.url) resolve(entry.url);
        } catch {
          // a stack trace on stderr: kept for the failure message
        }
      };
      readline.createInterface({ input: child!.stdout! }).on('line', onLine);
      readline.createInterface({ input: child!.stderr! }).on('line', onLine);
      child!.once('exit', (code, signal) => reject(new Error(`exited (${signal ?? code}) before listening:\n${output.join('\n')}`)));
    });

    const ready = await fetch(`${url}/ready`);
    assert.equal(ready.status, 200);
    const products = (await (await fetch(`${url}/products?limit=1`)).json()) as { items: unknown[] };
    assert.ok(Array.isArray(products.items));

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, output.join('\n'));
  });
});
