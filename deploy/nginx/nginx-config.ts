/**
 * nginx for `npm run start:cluster`: renders nginx.conf.template into a run directory and gives
 * the command line that runs it in the foreground (supervised like every other process).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../../src/shared/infrastructure/paths.js';

const TEMPLATE = path.join(REPO_ROOT, 'deploy/nginx/nginx.conf.template');

export interface NginxSetup {
  /** The nginx binary, from PATH or Debian's /usr/sbin. */
  command: string;
  args: string[];
  url: string;
}

/** The nginx binary, or undefined when it is not installed (apt-get install nginx). */
export function findNginx(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Renders the template: `{{NAME}}` placeholders only; an unknown one is an error, not an empty string. */
export function renderNginxConfig(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`nginx template: no value for {{${name}}}`);
    return value;
  });
}

export async function prepareNginx(options: { runDir: string; port: number; gateways: string[] }): Promise<NginxSetup> {
  const command = findNginx();
  if (!command) throw new Error('nginx is not installed: apt-get install -y nginx (Debian), or your system package manager');
  await mkdir(options.runDir, { recursive: true });
  // As root nginx's workers run as nobody, who must reach the temp directories it creates here.
  await chmod(options.runDir, 0o755);
  const config = renderNginxConfig(await readFile(TEMPLATE, 'utf8'), {
    RUN_DIR: options.runDir,
    LISTEN_PORT: String(options.port),
    GATEWAY_SERVERS: options.gateways.map((address) => `    server ${address} max_fails=1 fail_timeout=5s;`).join('\n'),
  });
  const file = path.join(options.runDir, 'nginx.conf');
  await writeFile(file, config);
  return {
    command,
    // -e: errors before the config is read go to stderr too, not to /var/log/nginx.
    args: ['-p', options.runDir, '-e', 'stderr', '-c', file, '-g', 'daemon off;'],
    url: `http://127.0.0.1:${options.port}`,
  };
}
