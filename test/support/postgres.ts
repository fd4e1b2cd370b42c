import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from '../../src/shared/infrastructure/net.js';
import { ensureDatabase } from '../../src/shared/infrastructure/persistence/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../src/shared/infrastructure/persistence/embedded-postgres.js';

/**
 * One real Postgres per test run, started on first use (unit-only runs never pay for it).
 * TEST_DATABASE_SERVER_URL (e.g. postgres://u:p@host:5432) points the run at a server of your own.
 */
let server: Promise<{ url: string; stop(): Promise<void> }> | undefined;

export function testPostgresServer(): Promise<{ url: string; stop(): Promise<void> }> {
  server ??= (async () => {
    const external = process.env.TEST_DATABASE_SERVER_URL;
    if (external) return { url: external.replace(/\/$/, ''), stop: async () => {} };
    const directory = await mkdtemp(path.join(os.tmpdir(), 'sagashop-test-pg-'));
    // mkdtemp makes it 0700; as root, Postgres runs as the postgres user, who must enter it for
    // the cluster to stay here (else it is placed under /var/lib/sagashop, see embedded-postgres-placement.ts).
    await chmod(directory, 0o755);
    const handle: EmbeddedPostgresHandle = await startEmbeddedPostgres({
      directory: path.join(directory, 'data'),
      port: await freePort(),
      ephemeral: true,
    });
    return {
      url: handle.serverUrl,
      stop: async () => {
        await handle.stop();
        await rm(directory, { recursive: true, force: true });
      },
    };
  })();
  return server;
}

/** A fresh, empty database for one test suite: suites never see each other's rows. */
export async function freshDatabaseUrl(label: string): Promise<string> {
  const { url } = await testPostgresServer();
  const name = `t_${label.replace(/\W/g, '_').slice(0, 30)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  const databaseUrl = `${url}/${name}`;
  await ensureDatabase(databaseUrl);
  return databaseUrl;
}

export async function stopTestPostgres(): Promise<void> {
  if (!server) return;
  const pending = server;
  server = undefined;
  eventsDatabase = undefined;
  const running = await pending.catch(() => undefined);
  await running?.stop();
}

let eventsDatabase: Promise<string> | undefined;
/** The socket.io events database: one per run, shared by every gateway and producer (as in production). */
export function testEventsDatabaseUrl(): Promise<string> {
  eventsDatabase ??= freshDatabaseUrl('events');
  return eventsDatabase;
}

/** Re-exported for suites that start servers of their own. */
export { freePort };
