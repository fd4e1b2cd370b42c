import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { MODULE_EXTENSION } from '../paths.js';
import { AesGcmPayloadCodec, type CodecKeyring } from './payload-codec.js';

/** For `bundleWorkflowCode`: the workflow sandbox converts its own failures (.js when running from dist/). */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL(`./failure-converter${MODULE_EXTENSION}`, import.meta.url));

/**
 * The one data converter of every Temporal client, worker and replayer: a process that talks
 * to Temporal without it writes plaintext, or cannot read what the others wrote.
 */
export function temporalDataConverter(keyring: CodecKeyring): DataConverter {
  return {
    payloadCodecs: [new AesGcmPayloadCodec(keyring)],
    failureConverterPath: FAILURE_CONVERTER_PATH,
  };
}
