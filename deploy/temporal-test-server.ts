/**
 * Temporal's time-skipping test server for the fast workflow tests (test/workflows/*.branches.test.ts):
 * a 15-minute confirmation timer fires in milliseconds. @temporalio/testing would download it, which
 * this machine kind cannot; Maven Central serves the same server (io.temporal:temporal-test-server),
 * so Maven resolves it into ~/.m2 (outside the repo, once) and a small launcher runs it with Java.
 *
 * Returns the path of an executable that takes the port as its first argument, as the SDK expects
 * of `executable: { type: 'existing-path' }`; undefined (with the reason) when Java or Maven is missing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const POM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'temporal-test-server', 'pom.xml');
const MAIN_CLASS = 'io.temporal.testserver.TestServer';

function has(command: string): boolean {
  try {
    execFileSync(command, ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function cacheDir(): string {
  return process.env.SAGASHOP_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'sagashop');
}

export type TimeSkippingServer = { executable: string } | { unavailable: string };

let provided: Promise<TimeSkippingServer> | undefined;

export function provideTimeSkippingServer(): Promise<TimeSkippingServer> {
  provided ??= provide();
  return provided;
}

async function provide(): Promise<TimeSkippingServer> {
  if (process.env.TEMPORAL_TEST_SERVER_PATH) return { executable: process.env.TEMPORAL_TEST_SERVER_PATH };
  if (!has('java')) return { unavailable: 'no `java` on PATH (install a JDK 17+, or set TEMPORAL_TEST_SERVER_PATH)' };

  const pom = await readFile(POM, 'utf8');
  const key = createHash('sha256').update(pom).digest('hex').slice(0, 12);
  const dir = path.join(cacheDir(), `temporal-test-server-${key}`);
  const launcher = path.join(dir, 'temporal-test-server');
  if (existsSync(launcher)) return { executable: launcher };

  if (!has('mvn')) {
    return { unavailable: 'no `mvn` on PATH to resolve io.temporal:temporal-test-server (or set TEMPORAL_TEST_SERVER_PATH)' };
  }
  await mkdir(dir, { recursive: true });
  const classpathFile = path.join(dir, 'classpath.txt');
  try {
    const goals = ['dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`, '-Dmdep.includeScope=runtime'];
    execFileSync('mvn', ['-q', '-B', '-f', POM, ...goals], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  } catch (error) {
    // execFileSync's error carries the child's captured output: the last lines of Maven's say why.
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    const output = `${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`;
    const tail = output.trim().split('\n').slice(-3).join(' ');
    return { unavailable: `maven could not resolve the test server: ${tail || String(error)}` };
  }
  // The server's own jar and every dependency, all in ~/.m2.
  const classpath = (await readFile(classpathFile, 'utf8')).trim();
  // `exec` so that stopping the launcher stops the JVM; its stderr (SLF4J chatter) goes to a log beside it.
  const serverLog = path.join(dir, 'server.log');
  await writeFile(launcher, `#!/bin/sh\nexec java -XX:+UseSerialGC -cp '${classpath}' ${MAIN_CLASS} "$@" 2>>'${serverLog}'\n`);
  await chmod(launcher, 0o755);
  return { executable: launcher };
}
