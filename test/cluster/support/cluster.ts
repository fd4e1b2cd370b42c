import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startCluster, type RunningCluster } from '../../../deploy/start-cluster.js';
import { CONTEXTS, Supervisor } from '../../../deploy/supervisor.js';
import { TEMPORAL_ROLES } from '../../../deploy/temporal-cluster/cluster.js';
import { REPO_ROOT } from '../../../src/shared/infrastructure/paths.js';
import { freePort } from '../../../src/shared/infrastructure/net.js';
import { TEST_CODEC_ENV, testDataConverter } from '../../support/codec.js';
import { TEST_BREAKER, TEST_JWT_SECRET, TEST_SAGA_POLICY } from '../../support/system.js';

/**
 * The cluster suite's one system, as `npm run start:cluster` runs it (deploy/start-cluster.ts):
 * embedded Postgres, the Temporal server as four role processes, five services, two workers, two
 * gateways behind nginx, Redis. Started on first use, stopped after the run. All on loopback,
 * all on free ports.
 */
export interface TestCluster extends RunningCluster {
  /** A client of the cluster with the apps' payload codec. */
  temporalClient: Client;
  /** kill -9 one supervised process and wait until it is gone. */
  kill(name: string): Promise<void>;
  /** The gateway (`gateway-1`, `gateway-2`) a socket.io socket id was accepted by, once it logged it. */
  gatewayOfSocket(socketId: string): string | undefined;
  /** The last lines of a process's output (for failure messages). */
  tail(name: string): string;
}

/** Longer than the integration tests' 4 s: the socket test waits on a confirmation across a gateway failover. */
const CLUSTER_SAGA_POLICY = { ...TEST_SAGA_POLICY, paymentConfirmationTimeout: '60 seconds' };

let running: Promise<{ cluster: TestCluster; stop(): Promise<void> }> | undefined;

let suites = 0;

/**
 * For a cluster suite's describe(): the shared cluster, started before its first test (the first
 * run on a machine builds the Temporal server with Go, about 4 minutes) and stopped after the last
 * cluster suite, so the rest of `npm test` does not run beside fifteen idle processes.
 */
export function useTestCluster(): () => TestCluster {
  suites++;
  let cluster: TestCluster | undefined;
  before(async function () {
    this.timeout(600_000);
    cluster = await testCluster();
  });
  after(async function () {
    this.timeout(60_000);
    if (--suites === 0) await stopTestCluster();
  });
  return () => {
    if (!cluster) throw new Error('the cluster is not started (useTestCluster() belongs in a describe)');
    return cluster;
  };
}

// Root level (this module is loaded by the cluster test files): a run that skipped some cluster
// suites (--grep) still stops the cluster at its end.
after(async function () {
  this.timeout(60_000);
  await stopTestCluster();
});

export function testCluster(): Promise<TestCluster> {
  running ??= start();
  return running.then(({ cluster }) => cluster);
}

export async function stopTestCluster(): Promise<void> {
  if (!running) return;
  const pending = running;
  running = undefined;
  const started = await pending.catch(() => undefined);
  await started?.stop();
}

async function start(): Promise<{ cluster: TestCluster; stop(): Promise<void> }> {
  const verbose = Boolean(process.env.TEST_LOG_LEVEL);
  const lines = new Map<string, string[]>();
  const socketOwners = new Map<string, string>();
  const remember = (name: string, line: string) => {
    let kept = lines.get(name);
    if (!kept) lines.set(name, (kept = []));
    kept.push(line);
    if (kept.length > 60) kept.shift();
    if (name.startsWith('gateway-') && line.includes('socket connected')) {
      const socketId = /"socketId":"([^"]+)"/.exec(line)?.[1];
      if (socketId) socketOwners.set(socketId, name);
    }
    if (verbose) process.stderr.write(`[${name}] ${line}\n`);
  };
  const supervisor = new Supervisor({ say: (line) => remember('supervisor', line), output: remember });
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'sagashop-cluster-'));
  // Postgres runs as the postgres user when we are root: it must enter this directory.
  await chmod(scratch, 0o755);
  // A test run cut short must not leave Go servers, nginx or Redis behind.
  const names = new Set<string>();
  const killAll = () => {
    for (const name of names) supervisor.find(name)?.kill('SIGKILL');
  };
  process.once('exit', killAll);

  const webDist = path.join(REPO_ROOT, 'web/dist');
  let cluster: RunningCluster;
  try {
    cluster = await startCluster({
      supervisor,
      embeddedPostgres: { directory: path.join(scratch, 'postgres'), port: await freePort(), ephemeral: true },
      port: 0,
      temporalPort: 0,
      runDir: path.join(scratch, 'nginx'),
      webDist: existsSync(path.join(webDist, 'index.html')) ? webDist : undefined,
      env: {
        LOG_LEVEL: 'info',
        ...TEST_CODEC_ENV,
        JWT_SECRET: TEST_JWT_SECRET,
        SAGA_POLICY_JSON: JSON.stringify(CLUSTER_SAGA_POLICY),
        BREAKER_CONSECUTIVE_FAILURES: String(TEST_BREAKER.consecutiveFailures),
        BREAKER_HALF_OPEN_AFTER_MS: String(TEST_BREAKER.halfOpenAfterMs),
        // Eleven Node processes and four Go ones share the machine with other suites: slack for load.
        HTTP_CLIENT_TIMEOUT_MS: '5000',
        // Large but finite: the shared-limit test reads the remaining budget from the headers.
        AUTH_RATE_LIMIT_MAX: '100000',
        ORDER_RATE_LIMIT_MAX: '100000',
        // The card simulator's "provider unavailable" card fails once, then succeeds: deterministic.
        PAYMENT_TRANSIENT_FAILURES_BEFORE_SUCCESS: '1',
        PAYMENT_SLOW_CARD_DELAY_MS: '1500',
      },
      // The gateways log each accepted socket (with its id) at debug level: how a test finds the
      // gateway that holds a shopper's socket.
      envFor: (app): Record<string, string> => (app === 'gateway' ? { LOG_LEVEL: 'debug' } : {}),
    });
  } catch (error) {
    await supervisor.shutdown(1);
    await rm(scratch, { recursive: true, force: true });
    const log = [...lines.entries()].map(([name, kept]) => `--- ${name}\n${kept.slice(-15).join('\n')}`).join('\n');
    throw new Error(`the cluster did not start: ${error instanceof Error ? error.message : String(error)}\n${log}`, { cause: error });
  }
  for (const name of [...CONTEXTS, ...cluster.workers.map((app) => app.name), ...cluster.gateways.map((app) => app.name)]) names.add(name);
  for (const role of TEMPORAL_ROLES) names.add(cluster.temporal.processName(role));
  for (const name of ['nginx', 'redis', 'temporal-ui']) names.add(name);

  const connection = await Connection.connect({ address: cluster.temporal.address });
  const temporalClient = new Client({ connection, namespace: cluster.temporal.namespace, dataConverter: testDataConverter() });

  const testCluster: TestCluster = {
    ...cluster,
    temporalClient,
    async kill(name) {
      const child = supervisor.find(name);
      if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} is not running`);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    gatewayOfSocket: (socketId) => socketOwners.get(socketId),
    tail: (name) => (lines.get(name) ?? []).join('\n'),
  };
  return {
    cluster: testCluster,
    async stop() {
      await connection.close();
      await supervisor.shutdown(0);
      process.off('exit', killAll);
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
