/**
 * A real Temporal cluster on Postgres for `npm run start:cluster` and the cluster tests: the
 * server's four roles as separate processes (so one can be killed and started again), set up by
 * setup.sh from the committed config (config/temporal.yaml, config/dynamicconfig.yaml), and the
 * Web UI. Every port is picked free unless given, so it runs beside `npm start` and other tests.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { REPO_ROOT } from '../../src/shared/infrastructure/paths.js';
import { freePort } from '../../src/shared/infrastructure/net.js';
import { SEARCH_ATTRIBUTES } from '../../src/shared/infrastructure/temporal-search-attributes.js';
import { StartAborted, type Supervisor } from '../supervisor.js';
import { waitForTemporal } from '../temporal-server.js';
import type { ClusterBinaries } from './binaries.js';

export const TEMPORAL_ROLES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalRole = (typeof TEMPORAL_ROLES)[number];

const CLUSTER_DIR = path.join(REPO_ROOT, 'deploy/temporal-cluster');
const CONFIG_DIR = path.join(CLUSTER_DIR, 'config');

/** The search attributes as setup.sh reads them (SEARCH_ATTRIBUTES="Name=Type ..."). */
export function searchAttributesEnv(): string {
  return Object.entries(SEARCH_ATTRIBUTES)
    .map(([name, type]) => `${name}=${type}`)
    .join(' ');
}

export interface TemporalClusterOptions {
  supervisor: Supervisor;
  binaries: ClusterBinaries;
  postgres: { host: string; port: number; user: string; password: string };
  /** The frontend's gRPC port (default: a free one). */
  frontendPort?: number;
  /** Start the Web UI on this port (0: a free one); undefined: no UI. */
  uiPort?: number;
  /** The UI decodes payloads through this codec endpoint (a saga worker's /codec). */
  uiCodecEndpoint?: string;
  numHistoryShards?: number;
  namespace?: string;
  databases?: { temporal: string; visibility: string };
}

export interface TemporalCluster {
  address: string;
  namespace: string;
  uiUrl?: string;
  /** The env setup.sh ran with (connection, binaries, namespace): to run it again. */
  setupEnv: Record<string, string>;
  /** The supervised process name of each role (`temporal-history`, ...). */
  processName(role: TemporalRole): string;
  /** Starts a role again (after it was killed), with the same config and ports. */
  restart(role: TemporalRole): void;
}

export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster> {
  const { supervisor, binaries } = options;
  const namespace = options.namespace ?? 'default';
  const frontendPort = options.frontendPort ?? (await freePort());
  const ports = {
    FRONTEND_GRPC_PORT: frontendPort,
    FRONTEND_HTTP_PORT: await freePort(),
    FRONTEND_MEMBERSHIP_PORT: await freeMembershipPort(),
    HISTORY_GRPC_PORT: await freePort(),
    HISTORY_MEMBERSHIP_PORT: await freeMembershipPort(),
    MATCHING_GRPC_PORT: await freePort(),
    MATCHING_MEMBERSHIP_PORT: await freeMembershipPort(),
    WORKER_GRPC_PORT: await freePort(),
    WORKER_MEMBERSHIP_PORT: await freeMembershipPort(),
  };
  const address = `127.0.0.1:${frontendPort}`;
  // What config/temporal.yaml and setup.sh read (the same names docker-compose.yml sets).
  const env: Record<string, string> = {
    DB: 'postgres12',
    POSTGRES_SEEDS: options.postgres.host,
    DB_PORT: String(options.postgres.port),
    POSTGRES_USER: options.postgres.user,
    POSTGRES_PWD: options.postgres.password,
    DBNAME: options.databases?.temporal ?? 'temporal',
    VISIBILITY_DBNAME: options.databases?.visibility ?? 'temporal_visibility',
    NUM_HISTORY_SHARDS: String(options.numHistoryShards ?? 8),
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    TEMPORAL_FRONTEND_ADDRESS: address,
    DYNAMIC_CONFIG_FILE_PATH: path.join(CONFIG_DIR, 'dynamicconfig.yaml'),
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    // setup.sh: the binaries built here instead of the admin-tools image's.
    SQL_TOOL: binaries.sql,
    TEMPORAL_CLI: binaries.cli,
    SCHEMA_DIR: binaries.schemaDir,
    TEMPORAL_ADDRESS: address,
    NAMESPACE: namespace,
    SEARCH_ATTRIBUTES: searchAttributesEnv(),
  };

  await runSetup('schema', env, supervisor.prefixed('temporal-setup'));

  const processName = (role: TemporalRole) => `temporal-${role}`;
  const start = (role: TemporalRole) =>
    supervisor.run(
      processName(role),
      [
        '--root',
        REPO_ROOT,
        '--config',
        path.relative(REPO_ROOT, CONFIG_DIR),
        '--env',
        'temporal',
        '--allow-no-auth',
        'start',
        '--service',
        role,
      ],
      // Chaos tests kill roles on purpose; the cluster carries on and the role is started again.
      { command: binaries.server, env, exit: 'tolerate' },
    );
  // Each role writes the cluster's metadata record on start if it is missing; on a fresh database
  // roles started together race for it and the losers exit. So one role goes first.
  start(TEMPORAL_ROLES[0]);
  await waitForClusterMetadata(options.postgres, env.DBNAME, () => supervisor.isStopping);
  for (const role of TEMPORAL_ROLES.slice(1)) start(role);
  await waitForTemporal(address, 120_000);
  await runSetup('namespace', env, supervisor.prefixed('temporal-setup'));

  let uiUrl: string | undefined;
  if (options.uiPort !== undefined) {
    const uiPort = options.uiPort || (await freePort());
    uiUrl = `http://127.0.0.1:${uiPort}`;
    supervisor.run(
      'temporal-ui',
      ['--root', REPO_ROOT, '--config', path.relative(REPO_ROOT, path.join(CONFIG_DIR, 'ui')), '--env', 'sagashop', 'start'],
      {
        command: binaries.ui,
        exit: 'tolerate',
        env: {
          TEMPORAL_ADDRESS: address,
          TEMPORAL_UI_PORT: String(uiPort),
          TEMPORAL_DEFAULT_NAMESPACE: namespace,
          TEMPORAL_CODEC_ENDPOINT: options.uiCodecEndpoint ?? '',
        },
      },
    );
    await supervisor.waitReady('temporal-ui', uiUrl, 60_000);
  }

  return {
    address,
    namespace,
    uiUrl,
    setupEnv: env,
    processName,
    restart: (role) => void start(role),
  };
}

/** Resolves once the cluster's metadata record exists (written by the first role to start). */
async function waitForClusterMetadata(
  postgres: TemporalClusterOptions['postgres'],
  database: string,
  aborted: () => boolean,
  timeoutMs = 60_000,
): Promise<void> {
  const client = new pg.Client({ ...postgres, database });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (aborted()) throw new StartAborted('Temporal cluster start-up aborted');
      const { rows } = await client.query<{ count: string }>('select count(*) from cluster_metadata_info');
      if (Number(rows[0].count) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the first Temporal role did not record the cluster's metadata within ${timeoutMs / 1000}s`);
  } finally {
    await client.end();
  }
}

/**
 * A free port for a role's membership (ringpop) listener. The server records it in a smallint
 * column (cluster_membership.rpc_port), so it must be below 32768, where the kernel's ephemeral
 * range (what port 0 hands out) does not reach: probe random ports there instead.
 */
async function freeMembershipPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 32000 for a Temporal membership listener');
}

/** Runs setup.sh (one phase) to completion; its output goes to `log`. */
function runSetup(phase: 'schema' | 'namespace', env: Record<string, string>, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(CLUSTER_DIR, 'setup.sh')], {
      env: { ...process.env, ...env, SETUP_PHASE: phase },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (line: string) => {
      output.push(line);
      if (output.length > 40) output.shift();
      log(line);
    };
    readline.createInterface({ input: child.stdout }).on('line', keep);
    readline.createInterface({ input: child.stderr }).on('line', keep);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`temporal setup (${phase}) exited with code ${code}:\n${output.join('\n')}`)),
    );
  });
}
