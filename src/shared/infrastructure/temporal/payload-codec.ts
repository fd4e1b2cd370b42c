import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

/** Metadata of an encrypted payload; the same names as Temporal's samples in every language. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA_KEY = 'encryption-key-id';

export const CODEC_KEY_BYTES = 32; // AES-256
const NONCE_BYTES = 12; // GCM's standard IV length; random per payload
const TAG_BYTES = 16;
const CIPHER = 'aes-256-gcm';

const ProtoPayload = proto.temporal.api.common.v1.Payload;

/** Every key that may have encrypted a stored payload, and the one new payloads get. */
export interface CodecKeyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Uint8Array>;
}

export type PayloadCodecErrorCode = 'CODEC.UNKNOWN_KEY_ID' | 'CODEC.UNDECRYPTABLE' | 'CODEC.MALFORMED_PAYLOAD';

/**
 * A payload this codec cannot turn back into its original. Never retried away: the data or the
 * key configuration is wrong, and the message says which (never any key material).
 */
export class PayloadCodecError extends Error {
  constructor(
    readonly code: PayloadCodecErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PayloadCodecError';
  }
}

/**
 * Encrypts every payload with AES-256-GCM before it leaves the process, so Temporal stores only
 * ciphertext (workflow inputs, results, memos, failure messages and stacks once the failure
 * converter encodes them). The whole original payload (its metadata included) is the plaintext,
 * as in Temporal's own samples, so the stored encoding reveals nothing about the content type.
 *
 * Decoding picks the key named by the payload, so a rotation only changes `currentKeyId`: old
 * histories stay readable while the old key stays in the keyring. Payloads that are not
 * encrypted pass through unchanged (histories written before the codec existed still replay).
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly currentKey: KeyObject;
  private readonly currentKeyIdBytes: Uint8Array;
  /** Key objects made once: a raw key given to createCipheriv is imported again on every payload. */
  private readonly keyObjects = new Map<string, KeyObject>();

  constructor(private readonly keyring: CodecKeyring) {
    for (const [id, key] of keyring.keys) {
      if (key.length !== CODEC_KEY_BYTES) throw new RangeError(`codec key '${id}' must be ${CODEC_KEY_BYTES} bytes, got ${key.length}`);
      this.keyObjects.set(id, createSecretKey(key));
    }
    const current = this.keyObjects.get(keyring.currentKeyId);
    if (!current) throw new RangeError(`the current codec key id '${keyring.currentKeyId}' is not in the keyring`);
    this.currentKey = current;
    this.currentKeyIdBytes = Buffer.from(keyring.currentKeyId, 'utf8');
  }

  // Nothing to wait for, but a payload that cannot be encrypted or decrypted still rejects the
  // promise rather than throwing at the call (a Promise executor turns the throw into a rejection).
  encode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.encrypt(payload))));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.decrypt(payload))));
  }

  private encrypt(payload: Payload): Payload {
    const plaintext = ProtoPayload.encode(payload).finish();
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(CIPHER, this.currentKey, nonce, { authTagLength: TAG_BYTES });
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING, 'utf8'),
        [KEY_ID_METADATA_KEY]: this.currentKeyIdBytes,
      },
      data: Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]),
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || Buffer.from(encoding).toString('utf8') !== ENCRYPTED_ENCODING) return payload;

    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA_KEY];
    if (!keyIdBytes)
      throw new PayloadCodecError('CODEC.MALFORMED_PAYLOAD', `An encrypted payload has no '${KEY_ID_METADATA_KEY}' metadata`);
    const keyId = Buffer.from(keyIdBytes).toString('utf8');
    const key = this.keyObjects.get(keyId);
    if (!key) {
      throw new PayloadCodecError(
        'CODEC.UNKNOWN_KEY_ID',
        `Payload was encrypted with key id '${keyId}', which is not in the keyring (known: ${[...this.keyring.keys.keys()].join(', ')}); ` +
          'keep retired keys in TEMPORAL_CODEC_KEYS while histories encrypted with them exist',
      );
    }

    const data = payload.data ?? new Uint8Array();
    if (data.length < NONCE_BYTES + TAG_BYTES) {
      throw new PayloadCodecError('CODEC.MALFORMED_PAYLOAD', 'An encrypted payload is shorter than its nonce and tag');
    }
    let plaintext: Buffer;
    try {
      const decipher = createDecipheriv(CIPHER, key, data.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      plaintext = Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      // GCM authenticates: a flipped bit, a truncated payload or another key under this id all land here.
      throw new PayloadCodecError(
        'CODEC.UNDECRYPTABLE',
        `An encrypted payload failed authentication with key '${keyId}' (tampered, or not this key)`,
      );
    }
    try {
      return ProtoPayload.decode(plaintext);
    } catch {
      throw new PayloadCodecError('CODEC.MALFORMED_PAYLOAD', 'A decrypted payload is not a Temporal Payload');
    }
  }
}
