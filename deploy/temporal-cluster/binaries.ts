/**
 * The programs of sagashop's Temporal cluster, built once with Go and cached outside the repo
 * (like the dev server's CLI in deploy/temporal-server.ts):
 *
 *   server  the Temporal server (frontend, history, matching, worker roles)   about 3.5 minutes
 *   sql     its schema tool (temporal-sql-tool)                                 seconds
 *   ui      the Temporal Web UI server                                          about 20 seconds
 *   cli     the `temporal` CLI (namespace and search attributes in setup.sh)
 *
 * `server` and the UI's binary share one name (`server`), so each version gets its own GOBIN
 * under $(go env GOPATH)/bin. Run this file to build what is missing (CI does, before the tests).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { findTemporalBinary, TEMPORAL_CLI_MODULE } from '../temporal-server.js';

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const TEMPORAL_UI_VERSION = 'v2.42.1';

const SERVER_MODULE = `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`;
const SQL_TOOL_MODULE = `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`;
const UI_MODULE = `github.com/temporalio/ui-server/v2/cmd/server@${TEMPORAL_UI_VERSION}`;

export interface ClusterBinaries {
  server: string;
  sql: string;
  ui: string;
  cli: string;
  /** schema/postgresql/v12 of the server's module: {temporal,visibility}/versioned. */
  schemaDir: string;
}

async function goEnv(name: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('go', ['env', name], { encoding: 'utf8' });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

function goRun(args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  log(`go ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(log);
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go ${args.join(' ')} exited with code ${code}`))));
  });
}

/** Where each binary lives (whether built yet or not); undefined without Go. */
export async function clusterBinaryPaths(): Promise<ClusterBinaries | undefined> {
  const [gopath, modcache] = await Promise.all([goEnv('GOPATH'), goEnv('GOMODCACHE')]);
  if (!gopath || !modcache) return undefined;
  const serverBin = path.join(gopath, 'bin', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  return {
    server: path.join(serverBin, 'server'),
    sql: path.join(serverBin, 'sql'),
    ui: path.join(gopath, 'bin', `temporal-ui-${TEMPORAL_UI_VERSION}`, 'server'),
    cli: findTemporalBinary() ?? path.join(gopath, 'bin', 'temporal'),
    schemaDir: path.join(modcache, `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12'),
  };
}

/** The binaries, building (once) those that are missing. Fails with a message when Go is missing. */
export async function provideClusterBinaries(log: (line: string) => void = () => {}): Promise<ClusterBinaries> {
  const paths = await clusterBinaryPaths();
  if (!paths) {
    throw new Error(
      `The Temporal cluster is built with Go, which was not found: install Go (https://go.dev/dl), or build ` +
        `${SERVER_MODULE}, ${SQL_TOOL_MODULE} and ${UI_MODULE} elsewhere.`,
    );
  }
  if (!existsSync(paths.server)) {
    log(`building the Temporal server ${TEMPORAL_SERVER_VERSION} once (about 3.5 minutes)...`);
    await goRun(['install', SERVER_MODULE], { GOBIN: path.dirname(paths.server) }, log);
  }
  if (!existsSync(paths.sql)) await goRun(['install', SQL_TOOL_MODULE], { GOBIN: path.dirname(paths.sql) }, log);
  if (!existsSync(paths.ui)) await goRun(['install', UI_MODULE], { GOBIN: path.dirname(paths.ui) }, log);
  if (!existsSync(paths.cli)) await goRun(['install', TEMPORAL_CLI_MODULE], {}, log);
  // go install leaves the module (and its schemas) in the module cache; a cleaned cache gets it back.
  if (!existsSync(paths.schemaDir)) await goRun(['mod', 'download', `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`], {}, log);
  return paths;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  provideClusterBinaries((line) => process.stdout.write(`${line}\n`)).then(
    (binaries) => process.stdout.write(`${JSON.stringify(binaries, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
