import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../../../src/shared/infrastructure/config.js';
import {
  DEV_KEY_FILE,
  generateCodecKeyEntry,
  loadCodecKeyring,
  parseCodecKeyring,
} from '../../../../../src/shared/infrastructure/temporal/codec-keys.js';

const key = () => randomBytes(32).toString('base64');

/** The error's message, checked to name the variable and never to echo any key material. */
function configError(run: () => unknown, secrets: string[] = []): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    for (const secret of secrets) assert.ok(!error.message.includes(secret), `the message echoes a key: ${error.message}`);
    return error.message;
  }
  assert.fail('expected a ConfigError');
}

describe('codec keyring configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sagashop-codec-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads id:base64 entries; a single key is the current one, several need TEMPORAL_CODEC_KEY_ID', () => {
    const [a, b] = [key(), key()];
    const single = parseCodecKeyring(` main:${a} `, undefined);
    assert.equal(single.currentKeyId, 'main');
    assert.deepEqual(Buffer.from(single.keys.get('main')!), Buffer.from(a, 'base64'));

    const rotated = loadCodecKeyring({ TEMPORAL_CODEC_KEYS: `old:${a},new:${b}`, TEMPORAL_CODEC_KEY_ID: 'new', NODE_ENV: 'production' });
    assert.equal(rotated.source, 'env');
    assert.equal(rotated.keyring.currentKeyId, 'new');
    assert.deepEqual([...rotated.keyring.keys.keys()], ['old', 'new']);

    assert.match(
      configError(() => parseCodecKeyring(`old:${a},new:${b}`, undefined), [a, b]),
      /TEMPORAL_CODEC_KEY_ID: must name the current key/,
    );
    assert.match(
      configError(() => parseCodecKeyring(`old:${a}`, 'other'), [a]),
      /TEMPORAL_CODEC_KEY_ID: 'other' is not one of the ids in TEMPORAL_CODEC_KEYS \(old\)/,
    );
  });

  it('names the variable and the entry of a bad key, never the key', () => {
    const short = randomBytes(16).toString('base64');
    assert.match(
      configError(() => parseCodecKeyring(`a:${key()},b:${short}`, 'a'), [short]),
      /TEMPORAL_CODEC_KEYS: entry 2 \('b'\): the key must be 32 bytes/,
    );
    const secret = key();
    assert.match(
      configError(() => parseCodecKeyring(secret, undefined), [secret]),
      /TEMPORAL_CODEC_KEYS: entry 1: must be id:base64key/,
    );
    assert.match(
      configError(() => parseCodecKeyring(`a:${secret},a:${key()}`, 'a'), [secret]),
      /entry 2: key id 'a' is listed twice/,
    );
    assert.match(
      configError(() => parseCodecKeyring(`a:not base64!!`, 'a')),
      /entry 1 \('a'\): the key must be 32 bytes in base64/,
    );
    assert.match(
      configError(() => parseCodecKeyring(' , ', undefined)),
      /TEMPORAL_CODEC_KEYS: must list at least one key/,
    );
  });

  it('refuses to start in production without keys, naming the variable', () => {
    assert.match(
      configError(() => loadCodecKeyring({ NODE_ENV: 'production' }, { dataDir: dir })),
      /TEMPORAL_CODEC_KEYS: must be set in production/,
    );
    assert.match(
      configError(() => loadCodecKeyring({ NODE_ENV: 'production', TEMPORAL_CODEC_KEYS: '  ' }, { dataDir: dir })),
      /TEMPORAL_CODEC_KEYS: must be set/,
    );
    assert.throws(() => statSync(path.join(dir, DEV_KEY_FILE)), /ENOENT/, 'production never writes a key of its own');
  });

  it('outside production, generates one key under the data directory (mode 0600) and reuses it', () => {
    const first = loadCodecKeyring({}, { dataDir: dir });
    const file = path.join(dir, DEV_KEY_FILE);
    assert.equal(first.source, 'dev-file');
    assert.equal(first.file, file);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(first.keyring.currentKeyId, /^dev-\d{8}$/);

    const second = loadCodecKeyring({ NODE_ENV: 'development' }, { dataDir: dir });
    assert.equal(second.keyring.currentKeyId, first.keyring.currentKeyId);
    assert.deepEqual(
      Buffer.from(second.keyring.keys.get(second.keyring.currentKeyId)!),
      Buffer.from(first.keyring.keys.get(first.keyring.currentKeyId)!),
    );
    // The file has the env's format: TEMPORAL_CODEC_KEYS=$(cat .data/temporal-codec-keys) shares it.
    assert.deepEqual(parseCodecKeyring(readFileSync(file, 'utf8'), undefined), second.keyring);
  });

  it('keeps a key file another process wrote first, and refuses a KEY_ID without KEYS', () => {
    const entry = generateCodecKeyEntry('dev-other');
    writeFileSync(path.join(dir, DEV_KEY_FILE), `${entry}\n`, { mode: 0o600 });
    assert.equal(loadCodecKeyring({}, { dataDir: dir }).keyring.currentKeyId, 'dev-other');
    assert.match(
      configError(() => loadCodecKeyring({ TEMPORAL_CODEC_KEY_ID: 'x' }, { dataDir: dir })),
      /TEMPORAL_CODEC_KEY_ID: is set but TEMPORAL_CODEC_KEYS is not/,
    );
  });
});
