/**
 * Runs the deployables of one machine as child processes, as in production (one process each):
 * logs prefixed by process (pino JSON pretty-printed), readiness waits, and an ordered stop
 * (children first, then the cleanups such as Temporal and Postgres, in reverse order).
 *
 * Shared by `npm start` (deploy/start-all.ts), `npm run start:cluster` and `npm run bench`, which
 * differ only in what they start. A child that exits on its own stops everything unless it was
 * started with `exit: 'tolerate'` (chaos tests kill processes on purpose and start them again).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import pinoPretty from 'pino-pretty';
import { REPO_ROOT } from '../src/shared/infrastructure/paths.js';
import { takeOverSignals } from '../src/shared/infrastructure/signals.js';

export const CONTEXTS = ['customer', 'inventory', 'order', 'payment', 'notification'] as const;
export type AppName = (typeof CONTEXTS)[number] | 'worker' | 'gateway';

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93, 95];

/**
 * V8 flags of the context services and the worker: a young generation capped at 2 MB each way
 * instead of growing to 16 MB keeps idle RSS about 15 MB lower per process (docs/performance.md).
 * The gateway keeps the default: it is the hot path and its scavenges would run more often.
 */
export const LEAN_HEAP_FLAGS = ['--max-semi-space-size=2'];

/** The V8 flags a deployable runs with (also deploy/docker-entrypoint.sh and package.json's start:* scripts). */
export function nodeFlags(app: AppName): string[] {
  return app === 'gateway' ? [] : LEAN_HEAP_FLAGS;
}

/**
 * Node arguments that run one deployable: the compiled entry point under dist/ (`npm run
 * build:server`) when it is there and newer than every source file, otherwise the sources through
 * tsx, so a stale build never runs. Compiled processes start faster and hold less memory
 * (docs/performance.md); `npm start` and `npm run bench` build first.
 */
export function appArgs(app: AppName): string[] {
  const flags = nodeFlags(app);
  return compiledIsFresh() ? [...flags, `dist/src/apps/${app}/main.js`] : [...flags, '--import', 'tsx', `src/apps/${app}/main.ts`];
}

let freshness: boolean | undefined;
/** Whether dist/ holds a build of the current sources (checked once per process). */
export function compiledIsFresh(): boolean {
  freshness ??= buildIsNewerThan(path.join(REPO_ROOT, 'dist/.tsbuildinfo'), path.join(REPO_ROOT, 'src'));
  return freshness;
}

function buildIsNewerThan(stamp: string, sources: string): boolean {
  if (!existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  const newest = (directory: string): number =>
    Math.max(
      0,
      ...readdirSync(directory, { withFileTypes: true }).map((entry) => {
        const file = path.join(directory, entry.name);
        return entry.isDirectory() ? newest(file) : statSync(file).mtimeMs;
      }),
    );
  return newest(sources) <= built;
}

/** Thrown into a start-up sequence when a process died meanwhile: nothing more may be started or announced. */
export class StartAborted extends Error {}

export interface ChildOptions {
  env?: NodeJS.ProcessEnv;
  /** 'stop-all' (default): an exit we did not ask for stops everything. 'tolerate': it is only logged. */
  exit?: 'stop-all' | 'tolerate';
  /** Executable to run; default: this Node binary. */
  command?: string;
  cwd?: string;
}

export interface Supervised {
  name: string;
  process: ChildProcess;
}

export class Supervisor {
  private readonly children: Supervised[] = [];
  private readonly cleanups: (() => Promise<void>)[] = [];
  private stopping = false;
  private colorIndex = 0;
  private readonly prettify = pinoPretty.prettyFactory({
    colorize: process.stdout.isTTY,
    translateTime: 'HH:MM:ss.l',
    ignore: 'pid,hostname,name',
    singleLine: true,
  });

  constructor(
    private readonly options: {
      /** The supervisor's own voice (default: "[sagashop] ..." on stdout). */
      say?: (line: string) => void;
      /** Where children's lines go (default: stdout, prefixed); `false` drops them (benchmarks). */
      output?: ((name: string, line: string) => void) | false;
    } = {},
  ) {}

  get isStopping(): boolean {
    return this.stopping;
  }

  say(line: string): void {
    if (this.options.say) this.options.say(line);
    else process.stdout.write(`\x1b[1m[sagashop]\x1b[0m ${line}\n`);
  }

  /** Ctrl-C (once or more) runs one ordered shutdown, then exits. */
  takeOverSignals(): void {
    takeOverSignals(() => void this.shutdown(0).then((code) => process.exit(code)));
  }

  /** A line printer tagged with `name` (also for logs of things started elsewhere, e.g. Temporal). */
  prefixed(name: string): (line: string) => void {
    const color = COLORS[this.colorIndex++ % COLORS.length];
    const tag = process.stdout.isTTY ? `\x1b[${color}m[${name}]\x1b[0m` : `[${name}]`;
    const output = this.options.output;
    return (line: string) => {
      if (output === false) return;
      if (output) return output(name, line);
      let text = line;
      if (line.startsWith('{')) {
        try {
          text = this.prettify(JSON.parse(line)).trimEnd();
        } catch {
          // not JSON after all: print as is
        }
      }
      process.stdout.write(`${tag} ${text}\n`);
    };
  }

  run(name: string, args: string[], options: ChildOptions = {}): ChildProcess {
    const child = spawn(options.command ?? process.execPath, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const print = this.prefixed(name);
    readline.createInterface({ input: child.stdout }).on('line', print);
    readline.createInterface({ input: child.stderr }).on('line', print);
    const entry = { name, process: child };
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      if (options.exit === 'tolerate') {
        this.say(`${name} exited (${signal ?? `code ${code}`})`);
        return;
      }
      this.say(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void this.shutdown(1).then((status) => process.exit(status));
    });
    this.children.push(entry);
    return child;
  }

  /** The most recent child started under `name`. */
  find(name: string): ChildProcess | undefined {
    return this.children.findLast((child) => child.name === name)?.process;
  }

  /** Runs after the children have stopped, in reverse order of registration. */
  onStop(cleanup: () => Promise<void>): void {
    this.cleanups.push(cleanup);
  }

  async waitReady(name: string, url: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.stopping) throw new StartAborted(`${name} start-up aborted`);
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

  /** Stops one child (SIGTERM, SIGKILL after `graceMs`); it does not count as an unexpected exit. */
  async stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill(signal);
    });
  }

  /** Stops every child, then runs the cleanups; resolves with the exit code to use. Runs once. */
  async shutdown(code: number): Promise<number> {
    if (this.stopping) return new Promise(() => {});
    this.stopping = true;
    this.say('stopping...');
    await Promise.all(this.children.map(({ process: child }) => this.stopChild(child)));
    for (const cleanup of this.cleanups.reverse()) await cleanup().catch((error) => this.say(`cleanup failed: ${String(error)}`));
    this.say('stopped');
    return code;
  }
}
