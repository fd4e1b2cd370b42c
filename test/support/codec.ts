import type { DataConverter } from '@temporalio/common';
import { parseCodecKeyring } from '../../src/shared/infrastructure/temporal/codec-keys.js';
import { temporalDataConverter } from '../../src/shared/infrastructure/temporal/data-converter.js';

/**
 * The payload key of every test system, fixed and public (test only): the recorded histories under
 * test/workflows/histories are encrypted with it, so CI replays them with this same keyring.
 * Changing it means re-recording them (`npm run record:histories`).
 */
export const TEST_CODEC_KEY_ID = 'test-2026-01';
export const TEST_CODEC_ENV = {
  TEMPORAL_CODEC_KEYS: `${TEST_CODEC_KEY_ID}:L1ujCj+Vl4SZ7L99HMWcMS+z66pn3xNLotPqyLwv4Uc=`,
  TEMPORAL_CODEC_KEY_ID: TEST_CODEC_KEY_ID,
} as const;

export const TEST_CODEC_KEYRING = parseCodecKeyring(TEST_CODEC_ENV.TEMPORAL_CODEC_KEYS, TEST_CODEC_ENV.TEMPORAL_CODEC_KEY_ID);

/** What every test client, worker and replayer uses (the apps get TEST_CODEC_ENV instead). */
export function testDataConverter(): DataConverter {
  return temporalDataConverter(TEST_CODEC_KEYRING);
}
