import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { ConfigError } from '../config.js';
import { dataDir } from '../paths.js';
import { CODEC_KEY_BYTES, type CodecKeyring } from './payload-codec.js';

/** The env of the keyring (declared once in `temporalClientEnv`). */
export interface CodecKeyEnv {
  NODE_ENV?: string;
  /** `id:base64key[,id:base64key...]`, each key 32 random bytes. */
  TEMPORAL_CODEC_KEYS?: string;
  /** The key new payloads are encrypted with; may be omitted when only one key is listed. */
  TEMPORAL_CODEC_KEY_ID?: string;
}

export interface LoadedCodecKeyring {
  keyring: CodecKeyring;
  /** `dev-file`: no keys in the env, so a key generated once for this machine (refused in production). */
  source: 'env' | 'dev-file';
  file?: string;
}

export const DEV_KEY_FILE = 'temporal-codec-keys';
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A fresh key entry in the TEMPORAL_CODEC_KEYS format (what `openssl rand -base64 32` would give). */
export function generateCodecKeyEntry(id: string): string {
  return `${id}:${randomBytes(CODEC_KEY_BYTES).toString('base64')}`;
}

/**
 * The keyring from the env. Parsed here rather than in the zod schema because a schema failure
 * echoes the offending value, and these values are keys: every message names the variable and
 * the entry's position, never its content.
 */
export function parseCodecKeyring(keys: string, currentKeyId: string | undefined, variable = 'TEMPORAL_CODEC_KEYS'): CodecKeyring {
  const fail = (problem: string): never => {
    throw new ConfigError(`Invalid configuration:\n  ${problem}`);
  };
  const entries = keys
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) fail(`${variable}: must list at least one key as id:base64key`);
  const ring = new Map<string, Uint8Array>();
  entries.forEach((entry, index) => {
    const where = `${variable}: entry ${index + 1}`;
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const encoded = colon > 0 ? entry.slice(colon + 1) : '';
    if (!KEY_ID.test(id)) fail(`${where}: must be id:base64key with an id of letters, digits, '.', '_' or '-' (at most 64)`);
    if (ring.has(id)) fail(`${where}: key id '${id}' is listed twice`);
    const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : undefined;
    if (key?.length !== CODEC_KEY_BYTES) {
      fail(`${where} ('${id}'): the key must be ${CODEC_KEY_BYTES} bytes in base64 (e.g. openssl rand -base64 ${CODEC_KEY_BYTES})`);
    }
    ring.set(id, key!);
  });
  const current = currentKeyId || (ring.size === 1 ? [...ring.keys()][0] : undefined);
  if (!current) fail(`TEMPORAL_CODEC_KEY_ID: must name the current key when ${variable} lists more than one`);
  if (!ring.has(current!))
    fail(`TEMPORAL_CODEC_KEY_ID: '${current}' is not one of the ids in ${variable} (${[...ring.keys()].join(', ')})`);
  return { currentKeyId: current!, keys: ring };
}

/**
 * Keys from TEMPORAL_CODEC_KEYS, or else (outside production) a key generated once under the
 * data directory, so `npm start` encrypts too with no env at all. Production refuses to run on a
 * key it made up itself: every worker and client must share the keys, and losing one makes its
 * histories unreadable.
 */
export function loadCodecKeyring(env: CodecKeyEnv, options: { dataDir?: string } = {}): LoadedCodecKeyring {
  const keys = env.TEMPORAL_CODEC_KEYS?.trim();
  const currentKeyId = env.TEMPORAL_CODEC_KEY_ID?.trim() || undefined;
  if (keys) return { keyring: parseCodecKeyring(keys, currentKeyId), source: 'env' };
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(
      'Invalid configuration:\n  TEMPORAL_CODEC_KEYS: must be set in production ' +
        '(id:base64key, 32-byte keys shared by every worker and client; e.g. main:$(openssl rand -base64 32))',
    );
  }
  if (currentKeyId) throw new ConfigError('Invalid configuration:\n  TEMPORAL_CODEC_KEY_ID: is set but TEMPORAL_CODEC_KEYS is not');
  const file = path.join(options.dataDir ?? dataDir(), DEV_KEY_FILE);
  return { keyring: parseCodecKeyring(readOrCreateDevKeys(file), undefined, file), source: 'dev-file', file };
}

/**
 * The worker and the gateway start side by side under `npm start`: the key file is written to a
 * private temporary name and linked into place, so exactly one key wins and nobody reads half a file.
 */
function readOrCreateDevKeys(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  const today = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  writeFileSync(temporary, `${generateCodecKeyEntry(`dev-${today}`)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readFileSync(file, 'utf8');
}
