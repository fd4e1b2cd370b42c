/**
 * Provides a real Temporal server for `npm start`, the tests and CI, in this order:
 *   1. TEMPORAL_ADDRESS set            -> use that cluster (search attributes registered if missing)
 *   2. a `temporal` CLI on PATH or in $(go env GOPATH)/bin -> `temporal server start-dev`
 *   3. Go present                      -> `go install github.com/temporalio/cli/cmd/temporal@v1.5.1`, then 2
 *   4. @temporalio/testing             -> TestWorkflowEnvironment.createLocal() (downloads the CLI; needs internet)
 * Otherwise it fails with a message naming these options. Never a hand-made stand-in.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { registerSearchAttributes, SEARCH_ATTRIBUTES } from '../src/shared/infrastructure/temporal-search-attributes.js';
import { freePort } from '../src/shared/infrastructure/net.js';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export interface TemporalServer {
  address: string;
  namespace: string;
  uiUrl?: string;
  /** How the server was provided (printed by `npm start`). */
  source: 'TEMPORAL_ADDRESS' | 'temporal CLI' | 'go install' | '@temporalio/testing';
  stop(): Promise<void>;
}

export interface TemporalServerOptions {
  /** SQLite file for durable state; omit for an in-memory server (tests). */
  dbFilename?: string;
  port?: number;
  uiPort?: number;
  /** Start the Web UI (npm start) or not (tests). */
  ui?: boolean;
  /**
   * The codec endpoint the Web UI decodes payloads with (the worker's `/codec`): the browser calls
   * it directly, so the UI shows the saga's data instead of ciphertext.
   */
  uiCodecEndpoint?: string;
  namespace?: string;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export async function provideTemporalServer(options: TemporalServerOptions = {}): Promise<TemporalServer> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const namespace = options.namespace ?? env.TEMPORAL_NAMESPACE ?? 'default';

  if (env.TEMPORAL_ADDRESS) {
    await waitForTemporal(env.TEMPORAL_ADDRESS, 30_000);
    await registerSearchAttributes(env.TEMPORAL_ADDRESS, namespace);
    return { address: env.TEMPORAL_ADDRESS, namespace, source: 'TEMPORAL_ADDRESS', stop: async () => {} };
  }

  let binary = findTemporalBinary(env);
  let source: TemporalServer['source'] = 'temporal CLI';
  if (!binary && hasGo()) {
    log(`temporal CLI not found; building it once with: go install ${TEMPORAL_CLI_MODULE} (about 3 minutes)`);
    execFileSync('go', ['install', TEMPORAL_CLI_MODULE], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    binary = findTemporalBinary(env);
    source = 'go install';
  }
  if (binary) return startDevServer(binary, namespace, source, options, log);

  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const testEnv = await TestWorkflowEnvironment.createLocal({
      server: {
        namespace,
        dbFilename: options.dbFilename,
        ui: options.ui ?? false,
        searchAttributes: [],
        extraArgs: [...searchAttributeArgs(), ...codecEndpointArgs(options)],
      },
    });
    return {
      address: testEnv.address,
      namespace,
      source: '@temporalio/testing',
      stop: () => testEnv.teardown(),
    };
  } catch (error) {
    throw new Error(
      [
        'No Temporal server available. Options, in the order sagashop tries them:',
        '  1. set TEMPORAL_ADDRESS=host:7233 to use a running Temporal cluster;',
        '  2. put the `temporal` CLI on PATH or in $(go env GOPATH)/bin;',
        `  3. install Go, so sagashop can run: go install ${TEMPORAL_CLI_MODULE};`,
        '  4. on a machine with internet access, @temporalio/testing downloads the CLI itself.',
        `Last attempt failed with: ${error instanceof Error ? error.message : String(error)}`,
      ].join('\n'),
      { cause: error },
    );
  }
}

function searchAttributeArgs(): string[] {
  return Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
}

/**
 * SQLite's defaults (a rollback journal, synchronous=FULL) sync the file several times per
 * commit: the dev server then waits on the disk for every workflow task, and the saga's latency
 * is the disk's. A write-ahead log with synchronous=NORMAL syncs once per checkpoint and survives a
 * killed server (only a power cut can lose the last commits). Measured with `npm run bench`
 * (docs/performance.md).
 */
export const SQLITE_FILE_PRAGMAS = ['journal_mode=WAL', 'synchronous=NORMAL'] as const;

function codecEndpointArgs(options: TemporalServerOptions): string[] {
  return options.ui && options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : [];
}

async function startDevServer(
  binary: string,
  namespace: string,
  source: TemporalServer['source'],
  options: TemporalServerOptions,
  log: (line: string) => void,
): Promise<TemporalServer> {
  const port = options.port ?? (await freePort());
  const ui = options.ui ?? false;
  const uiPort = options.uiPort ?? port + 1000;
  if (options.dbFilename) await mkdir(path.dirname(options.dbFilename), { recursive: true });
  const args = [
    ...['server', 'start-dev'],
    ...['--ip', '127.0.0.1'],
    ...['--port', String(port)],
    ...['--namespace', namespace],
    ...['--log-level', 'warn'],
    ...(options.dbFilename ? ['--db-filename', options.dbFilename, ...SQLITE_FILE_PRAGMAS.flatMap((p) => ['--sqlite-pragma', p])] : []),
    ...(ui ? ['--ui-port', String(uiPort)] : ['--headless']),
    ...codecEndpointArgs(options),
    ...searchAttributeArgs(),
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      if (output.length > 50) output.shift();
      log(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Whoever started the server owns it: a process that ends without calling stop() (a test run cut
  // short, an exit from a timed-out hook) must not leave an orphaned server behind.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const address = `127.0.0.1:${port}`;
  const ready = waitForTemporal(address, 60_000).then(() => 'ready' as const);
  const outcome = await Promise.race([ready, exited.then((code) => ({ code }))]).catch((error: unknown) => {
    killOnExit();
    throw error;
  });
  if (outcome !== 'ready') {
    throw new Error(`temporal server start-dev exited (code ${outcome.code}) before it was ready:\n${output.join('\n')}`);
  }
  return {
    address,
    namespace,
    uiUrl: ui ? `http://127.0.0.1:${uiPort}` : undefined,
    source,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export function findTemporalBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates: string[] = [];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, 'temporal'));
  const gopath = goPath();
  if (gopath) candidates.push(path.join(gopath, 'bin', 'temporal'));
  return candidates.find((file) => existsSync(file));
}

function goPath(): string | undefined {
  try {
    return execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function hasGo(): boolean {
  return goPath() !== undefined;
}

/** Polls until the frontend answers a real gRPC call, or fails after `timeoutMs`. */
export async function waitForTemporal(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`Temporal at ${address} did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}
