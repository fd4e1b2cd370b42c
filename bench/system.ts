/**
 * The system under test, started from scratch for one bench run: an embedded Postgres and (unless
 * TEMPORAL_ADDRESS is given) a Temporal dev server in a fresh temporary directory, then every
 * deployable as its own process through deploy/supervisor.ts, the same way `npm start` runs them,
 * each on a free port. Never the user's .data: SAGASHOP_DATA_DIR points at the temporary directory.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { appArgs, CONTEXTS, Supervisor, type AppName } from '../deploy/supervisor.js';
import { provideTemporalServer } from '../deploy/temporal-server.js';
import { freePort } from '../src/shared/infrastructure/net.js';
import { startEmbeddedPostgres } from '../src/shared/infrastructure/persistence/embedded-postgres.js';
import { generateCodecKeyEntry } from '../src/shared/infrastructure/temporal/codec-keys.js';
import { startBaselineWorker } from './baseline.js';

/**
 * The gateway's per-client limits (20 logins and 30 orders a minute) would refuse the bench's
 * traffic from one address at once: raised, and printed, so nobody mistakes them for defaults.
 */
export const BENCH_GATEWAY_OVERRIDES = {
  AUTH_RATE_LIMIT_MAX: '1000000',
  ORDER_RATE_LIMIT_MAX: '1000000',
} as const;

export interface BenchSystemOptions {
  /** A Temporal cluster to use instead of a fresh dev server. */
  temporalAddress?: string;
  /** How many saga worker processes to start. */
  workers: number;
  log: (line: string) => void;
}

export interface BenchSystem {
  dataDir: string;
  gatewayUrl: string;
  urls: Record<(typeof CONTEXTS)[number], string>;
  temporal: { address: string; namespace: string; source: string };
  /** This run's own task queue (a shared cluster may run other workers on the default one). */
  taskQueue: string;
  /** Shared by every worker and client of this run (the saga's payloads are encrypted). */
  codecKeys: string;
  /** The baseline's worker (bench/baseline-worker.ts), started with the system so its bundling overlaps the rest. */
  baseline: { taskQueue: string; ready: Promise<void>; stop(): Promise<void> };
  /** Every process of the system, for RSS/CPU: name -> pid. */
  processes(): { name: string; pid: number }[];
  supervisor: Supervisor;
  stop(): Promise<void>;
}

export async function startBenchSystem(options: BenchSystemOptions): Promise<BenchSystem> {
  const { log } = options;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sagashop-bench-'));
  // Children's lines are dropped (the bench prints its own table) except errors, which explain a failed run.
  const supervisor = new Supervisor({
    say: (line) => log(`[system] ${line}`),
    output: (name, line) => {
      if (/"level":(50|60)/.test(line) || !line.startsWith('{')) log(`[${name}] ${line.slice(0, 400)}`);
    },
  });
  // Run by supervisor.shutdown() after the children, in reverse: also when a child dies and the
  // supervisor stops everything by itself. The temporary directory goes last.
  supervisor.onStop(() => rm(dataDir, { recursive: true, force: true }));
  // Ctrl-C or a SIGTERM (say a CI timeout), at any point: the same ordered stop, then exit.
  supervisor.takeOverSignals();
  const stopAll = () => supervisor.shutdown(0).then(() => {});
  try {
    const postgresPort = await freePort();
    const postgres = await startEmbeddedPostgres({ directory: path.join(dataDir, 'postgres'), port: postgresPort });
    supervisor.onStop(() => postgres.stop());
    log(`Postgres: embedded on 127.0.0.1:${postgresPort}, data in ${dataDir}`);

    const temporalEnv = options.temporalAddress ? { ...process.env, TEMPORAL_ADDRESS: options.temporalAddress } : { ...process.env };
    if (!options.temporalAddress) delete temporalEnv.TEMPORAL_ADDRESS;
    const temporal = await provideTemporalServer({
      env: temporalEnv,
      dbFilename: path.join(dataDir, 'temporal.db'),
      ui: false,
      log: () => {},
    });
    supervisor.onStop(() => temporal.stop());
    log(`Temporal: ${temporal.address} (${temporal.source})`);

    const ports = Object.fromEntries(
      await Promise.all([...CONTEXTS, 'gateway'].map(async (name) => [name, await freePort()] as const)),
    ) as Record<(typeof CONTEXTS)[number] | 'gateway', number>;
    const urls = Object.fromEntries(CONTEXTS.map((name) => [name, `http://127.0.0.1:${ports[name]}`])) as BenchSystem['urls'];
    const taskQueue = `bench-orders-${randomUUID().slice(0, 8)}`;
    const codecKeys = generateCodecKeyEntry('bench');
    const names: string[] = [];
    const common: NodeJS.ProcessEnv = {
      SAGASHOP_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEMPORAL_CODEC_KEYS: codecKeys,
      EVENTS_DATABASE_URL: `${postgres.serverUrl}/sagashop_events`,
      ...Object.fromEntries(CONTEXTS.map((name) => [`${name.toUpperCase()}_URL`, urls[name]])),
      ...Object.fromEntries(CONTEXTS.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, `${postgres.serverUrl}/sagashop_${name}`])),
      ...Object.fromEntries(CONTEXTS.map((name) => [`${name.toUpperCase()}_PORT`, String(ports[name])])),
    };
    const start = (name: string, app: AppName, env: NodeJS.ProcessEnv = {}) => {
      names.push(name);
      supervisor.run(name, appArgs(app), { env: { ...common, ...env } });
    };

    names.push('baseline-worker');
    const baseline = startBaselineWorker(supervisor, {
      SAGASHOP_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_CODEC_KEYS: codecKeys,
    });
    // Not awaited here: a failed start shows when the baseline waits for it.
    baseline.ready.catch(() => {});

    for (const name of CONTEXTS) start(name, name);
    await Promise.all(CONTEXTS.map((name) => supervisor.waitReady(name, `${urls[name]}/ready`)));

    const workerPorts = await Promise.all(Array.from({ length: options.workers }, () => freePort()));
    workerPorts.forEach((port, index) =>
      start(options.workers === 1 ? 'worker' : `worker-${index + 1}`, 'worker', { WORKER_PORT: String(port) }),
    );
    start('gateway', 'gateway', { GATEWAY_PORT: String(ports.gateway), ...BENCH_GATEWAY_OVERRIDES });
    const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
    await Promise.all([
      ...workerPorts.map((port, index) => supervisor.waitReady(`worker-${index + 1}`, `http://127.0.0.1:${port}/ready`)),
      supervisor.waitReady('gateway', `${gatewayUrl}/ready`),
    ]);
    log(`system up: gateway ${gatewayUrl}, ${options.workers} saga worker(s) on task queue ${taskQueue}`);

    return {
      dataDir,
      gatewayUrl,
      urls,
      temporal: { address: temporal.address, namespace: temporal.namespace, source: temporal.source },
      taskQueue,
      codecKeys,
      supervisor,
      baseline,
      processes: () => {
        const list = names.flatMap((name) => {
          const pid = supervisor.find(name)?.pid;
          return pid ? [{ name, pid }] : [];
        });
        return list;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
