import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ApplicationFailure, METADATA_ENCODING_KEY, defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow/index.js';
import proto from '@temporalio/proto';
import { temporalDataConverter } from '../../../../../src/shared/infrastructure/temporal/data-converter.js';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA_KEY,
  PayloadCodecError,
  type CodecKeyring,
} from '../../../../../src/shared/infrastructure/temporal/payload-codec.js';
import { TEST_CARDS } from '../../../../../src/contexts/payment/contract.js';

const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);
const ring = (currentKeyId: string, keys: Record<string, Uint8Array>): CodecKeyring => ({
  currentKeyId,
  keys: new Map(Object.entries(keys)),
});

const value = {
  orderId: '6f1c9a4e-2b7d-4c1e-9f3a-1d2e3f4a5b6c',
  paymentMethodId: 'pm_secret-token-value-0123',
  lines: [{ sku: 'SKU-1', quantity: 2 }],
};
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const metadataText = (payload: Payload, key: string) => text(payload.metadata?.[key]);

async function codecError(run: () => Promise<unknown>): Promise<PayloadCodecError> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof PayloadCodecError, `expected a PayloadCodecError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the codec to refuse');
}

describe('AES-256-GCM payload codec', () => {
  const codec = new AesGcmPayloadCodec(ring('k1', { k1: OLD_KEY }));

  it('encrypts the whole payload (its metadata too) and decodes it back to the same value', async () => {
    const original = defaultPayloadConverter.toPayload(value);
    const [encrypted] = await codec.encode([original]);

    assert.equal(metadataText(encrypted, METADATA_ENCODING_KEY), ENCRYPTED_ENCODING);
    assert.equal(metadataText(encrypted, KEY_ID_METADATA_KEY), 'k1');
    assert.deepEqual(Object.keys(encrypted.metadata ?? {}).sort(), [METADATA_ENCODING_KEY, KEY_ID_METADATA_KEY].sort());
    assert.ok(!text(encrypted.data).includes('pm_secret'), 'the stored bytes hold no plaintext');
    assert.ok(!text(encrypted.data).includes('json/plain'), 'nor the original encoding');

    const [decoded] = await codec.decode([encrypted]);
    assert.deepEqual(defaultPayloadConverter.fromPayload(decoded), value);
    assert.equal(metadataText(decoded, METADATA_ENCODING_KEY), 'json/plain');
  });

  it('uses a fresh nonce per payload: the same value never encrypts to the same bytes', async () => {
    const original = defaultPayloadConverter.toPayload(value);
    const [a, b] = await codec.encode([original, original]);
    assert.notDeepEqual(Buffer.from(a.data!), Buffer.from(b.data!));
  });

  it('passes payloads that are not encrypted through (histories from before the codec)', async () => {
    const plain = defaultPayloadConverter.toPayload(value);
    assert.deepEqual(await codec.decode([plain]), [plain]);
    assert.deepEqual(await codec.encode([]), []);
  });

  it('rotation: payloads from the old key still decode after the current key changed; new ones use the new key', async () => {
    const [fromOldKey] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
    const rotated = new AesGcmPayloadCodec(ring('k2', { k1: OLD_KEY, k2: NEW_KEY }));

    const [decoded] = await rotated.decode([fromOldKey]);
    assert.deepEqual(defaultPayloadConverter.fromPayload(decoded), value);
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload(value)]);
    assert.equal(metadataText(fresh, KEY_ID_METADATA_KEY), 'k2');
    // The old codec cannot read what the new key wrote: k2 is unknown to it.
    assert.equal((await codecError(() => codec.decode([fresh]))).code, 'CODEC.UNKNOWN_KEY_ID');
  });

  it('refuses tampered ciphertext, a tampered tag and a payload relabelled with another key', async () => {
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
    const flipped = (index: number) => {
      const data = Buffer.from(encrypted.data!);
      data[index] ^= 0x01;
      return { ...encrypted, data };
    };
    const length = encrypted.data!.length;
    for (const [label, payload] of [
      ['nonce', flipped(0)],
      ['ciphertext', flipped(20)],
      ['tag', flipped(length - 1)],
      ['truncated', { ...encrypted, data: encrypted.data!.subarray(0, length - 1) }],
    ] as const) {
      const error = await codecError(() => codec.decode([payload]));
      assert.equal(error.code, 'CODEC.UNDECRYPTABLE', label);
    }

    const twoKeys = new AesGcmPayloadCodec(ring('k1', { k1: OLD_KEY, k2: NEW_KEY }));
    const relabelled = { ...encrypted, metadata: { ...encrypted.metadata, [KEY_ID_METADATA_KEY]: Buffer.from('k2') } };
    assert.equal((await codecError(() => twoKeys.decode([relabelled]))).code, 'CODEC.UNDECRYPTABLE');

    const tooShort = { ...encrypted, data: encrypted.data!.subarray(0, 10) };
    assert.equal((await codecError(() => codec.decode([tooShort]))).code, 'CODEC.MALFORMED_PAYLOAD');
  });

  it('names an unknown key id (and the known ones) in a clear error', async () => {
    const [encrypted] = await new AesGcmPayloadCodec(ring('retired-2024', { 'retired-2024': NEW_KEY })).encode([
      defaultPayloadConverter.toPayload(value),
    ]);
    const error = await codecError(() => codec.decode([encrypted]));
    assert.equal(error.code, 'CODEC.UNKNOWN_KEY_ID');
    assert.match(error.message, /'retired-2024'.*not in the keyring \(known: k1\)/);
    assert.ok(!error.message.includes(NEW_KEY.toString('base64')));

    const noKeyId = { ...encrypted, metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING) } };
    assert.equal((await codecError(() => codec.decode([noKeyId]))).code, 'CODEC.MALFORMED_PAYLOAD');
  });

  it('refuses a keyring whose current key is missing or not 32 bytes', () => {
    assert.throws(() => new AesGcmPayloadCodec(ring('k2', { k1: OLD_KEY })), /current codec key id 'k2'/);
    assert.throws(() => new AesGcmPayloadCodec(ring('k1', { k1: randomBytes(16) })), /must be 32 bytes/);
  });

  it('the data converter also encrypts failure messages and stack traces', async () => {
    const converter = loadDataConverter(temporalDataConverter(ring('k1', { k1: OLD_KEY })));
    const failure = await encodeErrorToFailure(
      converter,
      ApplicationFailure.nonRetryable('card 4000000000000002 declined for order 42', 'PAYMENT.DECLINED'),
    );

    const stored = Buffer.from(proto.temporal.api.failure.v1.Failure.encode(failure).finish()).toString('latin1');
    assert.ok(!stored.includes(TEST_CARDS.DECLINE.number), 'no message in the stored failure');
    assert.ok(!stored.includes('payload-codec.test'), 'no stack trace in the stored failure');
    assert.equal(failure.message, 'Encoded failure');
    assert.equal(metadataText(failure.encodedAttributes!, METADATA_ENCODING_KEY), ENCRYPTED_ENCODING);

    const error = await decodeOptionalFailureToOptionalError(converter, failure);
    assert.ok(error instanceof ApplicationFailure);
    assert.equal(error.message, 'card 4000000000000002 declined for order 42');
    assert.equal(error.type, 'PAYMENT.DECLINED');
  });
});
