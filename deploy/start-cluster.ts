/**
 * `npm run start:cluster`: the shop as it runs in production, on one machine, every process
 * supervised (deploy/supervisor.ts), Ctrl-C stops everything (docs/cluster.md):
 *
 *   Postgres   embedded (.data/cluster/postgres): the five context databases, the events database,
 *              temporal and temporal_visibility
 *   Temporal   the real server on that Postgres: frontend, history, matching and worker as four
 *              processes (deploy/temporal-cluster/), and its Web UI
 *   Redis      the gateways' shared rate limits (when redis-server is installed)
 *   services   customer, inventory, order, payment, notification
 *   workers    two saga workers
 *   gateways   two gateways serving the API, socket.io and the built storefront (web/dist)
 *   nginx      the one entry point in front of the gateways
 *
 * `npm start` stays the light mode (Temporal's dev server, one worker, one gateway, Vite). The
 * cluster tests (test/cluster) start the same system through startCluster().
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dataDir, REPO_ROOT } from '../src/shared/infrastructure/paths.js';
import { freePort } from '../src/shared/infrastructure/net.js';
import { EMBEDDED_PASSWORD, EMBEDDED_USER, startEmbeddedPostgres } from '../src/shared/infrastructure/persistence/embedded-postgres.js';
import { prepareNginx } from './nginx/nginx-config.js';
import { appArgs, CONTEXTS, StartAborted, Supervisor, type AppName } from './supervisor.js';
import { provideClusterBinaries } from './temporal-cluster/binaries.js';
import { startTemporalCluster, type TemporalCluster } from './temporal-cluster/cluster.js';

type ContextName = (typeof CONTEXTS)[number];

/** Ports of `npm run start:cluster` unless overridden; none clashes with `npm start` (3000-3106, 5173, 7233, 8233, 54329). */
export const CLUSTER_DEFAULT_PORTS = { shop: 8090, temporal: 7333, temporalUi: 8333, postgres: 54339 } as const;

export interface ClusterOptions {
  supervisor: Supervisor;
  /** A Postgres server URL without a database; default: an embedded one. */
  postgresUrl?: string;
  /** Embedded Postgres: data directory, port, throw-away (tests). */
  embeddedPostgres?: { directory: string; port: number; ephemeral?: boolean };
  /** nginx's port (0: a free one). */
  port: number;
  /** Temporal frontend port (0: a free one). */
  temporalPort: number;
  /** Temporal UI port (0: a free one); undefined: no UI. */
  temporalUiPort?: number;
  /** Where nginx's rendered config, pid and temp files go. */
  runDir: string;
  /** A built storefront for the gateways to serve; undefined: API only. */
  webDist?: string;
  /** Env for every app (tests: saga policy, codec keys, JWT secret, log level). */
  env?: Record<string, string>;
  /** Env for one kind of app, over `env` (tests: the gateways' debug log of accepted sockets). */
  envFor?: (app: AppName) => Record<string, string>;
  workers?: number;
  gateways?: number;
}

export interface ClusterApp {
  name: string;
  /** Its HTTP base URL (/health, /ready; the API for a gateway). */
  url: string;
}

export interface RunningCluster {
  /** nginx: the shop's one entry point. */
  url: string;
  temporal: TemporalCluster;
  postgresUrl: string;
  redisUrl?: string;
  services: Record<ContextName, string>;
  workers: ClusterApp[];
  gateways: ClusterApp[];
  /** Starts a supervised app (`worker-1`, `gateway-2`, ...) again with the env it had. */
  restart(name: string): void;
  /** Resolves when `name` answers /ready again. */
  waitReady(name: string, timeoutMs?: number): Promise<void>;
}

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const { supervisor } = options;
  const say = (line: string) => supervisor.say(line);
  const extraEnv = options.env ?? {};

  let postgresUrl = options.postgresUrl;
  if (!postgresUrl) {
    const postgres = await startEmbeddedPostgres(options.embeddedPostgres);
    if (postgres.owned) supervisor.onStop(() => postgres.stop());
    postgresUrl = postgres.serverUrl;
  }
  const postgres = new URL(postgresUrl);
  say(`Postgres: ${postgresUrl.replace(/:[^:@/]+@/, ':***@')}`);

  say('Temporal cluster: providing binaries (the first run builds them with Go, about 4 minutes)...');
  const binaries = await provideClusterBinaries(supervisor.prefixed('go'));
  const workerPorts = await Promise.all(Array.from({ length: options.workers ?? 2 }, () => freePort()));
  const temporal = await startTemporalCluster({
    supervisor,
    binaries,
    postgres: {
      host: postgres.hostname,
      port: Number(postgres.port),
      user: decodeURIComponent(postgres.username) || EMBEDDED_USER,
      password: decodeURIComponent(postgres.password) || EMBEDDED_PASSWORD,
    },
    frontendPort: options.temporalPort || undefined,
    uiPort: options.temporalUiPort,
    // The browser asks the first worker to decode the saga's encrypted payloads.
    uiCodecEndpoint: `http://127.0.0.1:${workerPorts[0]}/codec`,
  });
  say(`Temporal cluster: ${temporal.address}${temporal.uiUrl ? `, UI ${temporal.uiUrl}` : ''}`);

  const specs = new Map<string, { app: AppName; env: Record<string, string>; url: string }>();
  const launch = (name: string) => {
    const spec = specs.get(name);
    if (!spec) throw new Error(`no app named ${name}`);
    // Killed on purpose by the chaos tests (and by hand, to watch the saga carry on): not fatal.
    supervisor.run(name, appArgs(spec.app), { env: spec.env, exit: 'tolerate' });
  };
  const start = (name: string, app: AppName, env: Record<string, string>, url: string) => {
    specs.set(name, { app, env: { ...env, ...options.envFor?.(app) }, url });
    launch(name);
    return { name, url };
  };
  const waitReady = (name: string, timeoutMs = 120_000) => {
    const spec = specs.get(name);
    if (!spec) throw new Error(`no app named ${name}`);
    return supervisor.waitReady(name, `${spec.url}/ready`, timeoutMs);
  };

  const databaseUrl = (name: string) => `${postgresUrl}/${name}`;
  const eventsDatabaseUrl = databaseUrl('sagashop_events');
  const services = {} as Record<ContextName, string>;
  for (const name of CONTEXTS) {
    const port = await freePort();
    services[name] = start(
      name,
      name,
      {
        [`${name.toUpperCase()}_DATABASE_URL`]: databaseUrl(`sagashop_${name}`),
        [`${name.toUpperCase()}_PORT`]: String(port),
        EVENTS_DATABASE_URL: eventsDatabaseUrl,
        ...extraEnv,
      },
      `http://127.0.0.1:${port}`,
    ).url;
  }
  await Promise.all(CONTEXTS.map((name) => waitReady(name)));

  const clientEnv = {
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    CUSTOMER_URL: services.customer,
    INVENTORY_URL: services.inventory,
    ORDER_URL: services.order,
    PAYMENT_URL: services.payment,
    NOTIFICATION_URL: services.notification,
    EVENTS_DATABASE_URL: eventsDatabaseUrl,
  };
  const workers = workerPorts.map((port, index) =>
    start(
      `worker-${index + 1}`,
      'worker',
      {
        ...clientEnv,
        WORKER_PORT: String(port),
        ...(temporal.uiUrl ? { TEMPORAL_UI_ORIGINS: temporal.uiUrl } : {}),
        ...extraEnv,
      },
      `http://127.0.0.1:${port}`,
    ),
  );

  const redisUrl = await startRedis(supervisor);
  if (!redisUrl) say('Redis: redis-server not found, so each gateway keeps its own rate limits (apt-get install redis-server)');

  const nginxPort = options.port || (await freePort());
  const shopUrl = `http://127.0.0.1:${nginxPort}`;
  const gatewayPorts = await Promise.all(Array.from({ length: options.gateways ?? 2 }, () => freePort()));
  const gateways = gatewayPorts.map((port, index) =>
    start(
      `gateway-${index + 1}`,
      'gateway',
      {
        ...clientEnv,
        GATEWAY_PORT: String(port),
        // Behind nginx: the client's address comes from X-Forwarded-For (which nginx sets).
        TRUST_PROXY: 'true',
        WEB_ORIGIN: shopUrl,
        ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
        ...(options.webDist ? { WEB_DIST_DIR: options.webDist } : {}),
        ...extraEnv,
      },
      `http://127.0.0.1:${port}`,
    ),
  );
  await Promise.all([...workers, ...gateways].map(({ name }) => waitReady(name)));

  const nginx = await prepareNginx({
    runDir: options.runDir,
    port: nginxPort,
    gateways: gatewayPorts.map((port) => `127.0.0.1:${port}`),
  });
  supervisor.run('nginx', nginx.args, { command: nginx.command });
  await supervisor.waitReady('nginx', `${nginx.url}/ready`, 30_000);

  return {
    url: nginx.url,
    temporal,
    postgresUrl,
    redisUrl,
    services,
    workers,
    gateways,
    restart: launch,
    waitReady,
  };
}

/** A Redis for the gateways' shared rate limits, or undefined when redis-server is not installed. */
async function startRedis(supervisor: Supervisor): Promise<string | undefined> {
  const binary = process.env.REDIS_SERVER_BIN ?? 'redis-server';
  if (spawnSync(binary, ['--version']).status !== 0) return undefined;
  const port = await freePort();
  // Counters only: nothing to keep on disk.
  supervisor.run('redis', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { command: binary });
  const deadline = Date.now() + 15_000;
  while (!(await redisAnswers(port))) {
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING within 15 s`);
    if (supervisor.isStopping) throw new StartAborted('redis start-up aborted');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return `redis://127.0.0.1:${port}`;
}

function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(1000, () => socket.destroy());
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

async function main(): Promise<void> {
  const supervisor = new Supervisor();
  supervisor.takeOverSignals();
  const say = (line: string) => supervisor.say(line);
  const portFrom = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  try {
    const webDist = path.join(REPO_ROOT, 'web/dist');
    if (!existsSync(path.join(webDist, 'index.html'))) {
      say('Storefront: building web/dist once (npm run web:build)...');
      execFileSync('npm', ['run', 'web:build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    }
    const clusterDir = path.join(dataDir(), 'cluster');
    const cluster = await startCluster({
      supervisor,
      postgresUrl: process.env.CLUSTER_POSTGRES_URL,
      embeddedPostgres: {
        directory: path.join(clusterDir, 'postgres'),
        port: portFrom('CLUSTER_PG_PORT', CLUSTER_DEFAULT_PORTS.postgres),
      },
      port: portFrom('CLUSTER_PORT', CLUSTER_DEFAULT_PORTS.shop),
      temporalPort: portFrom('CLUSTER_TEMPORAL_PORT', CLUSTER_DEFAULT_PORTS.temporal),
      temporalUiPort: portFrom('CLUSTER_TEMPORAL_UI_PORT', CLUSTER_DEFAULT_PORTS.temporalUi),
      runDir: path.join(clusterDir, 'nginx'),
      webDist,
    });
    const lines = [
      '',
      'sagashop (cluster mode) is running:',
      `  Shop (nginx)  ${cluster.url}   (API ${cluster.url}/api, docs ${cluster.url}/api/docs)`,
      `  Temporal UI   ${cluster.temporal.uiUrl ?? '-'}   (frontend ${cluster.temporal.address})`,
      `  Gateways      ${cluster.gateways.map((app) => `${app.name} ${app.url}`).join(', ')}`,
      `  Workers       ${cluster.workers.map((app) => `${app.name} ${app.url}`).join(', ')}`,
      `  Services      ${CONTEXTS.map((name) => `${name} ${cluster.services[name]}`).join(', ')}`,
      `  Redis         ${cluster.redisUrl ?? '(none: per-gateway rate limits)'}`,
      'Press Ctrl-C to stop everything.',
      '',
    ];
    say(lines.join('\n'));
  } catch (error) {
    if (error instanceof StartAborted) return; // shutdown() is already under way and says why
    say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(await supervisor.shutdown(1));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
