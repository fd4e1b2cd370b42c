import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { idempotencyHmacKey, loadGatewayConfig } from '../../../../src/apps/gateway/gateway.config.js';
import { hashRequest, type PlaceOrderRequest } from '../../../../src/apps/gateway/order-workflows.js';

const SECRET = 'a-jwt-secret-of-at-least-32-bytes-0123456789';
const request: PlaceOrderRequest = {
  customerId: '0b7e2d3a-1c4f-4e5a-9b6c-7d8e9f0a1b2c',
  lines: [
    { sku: 'SKU-1', quantity: 2 },
    { sku: 'SKU-2', quantity: 1 },
  ],
  cardNumber: '4242424242424242',
};

describe('idempotency request hash', () => {
  const key = idempotencyHmacKey({ JWT_SECRET: SECRET, IDEMPOTENCY_HMAC_SECRET: undefined });

  it('is an HMAC: without the secret, no plain SHA-256 of the request (or of the card) reproduces it', () => {
    const hash = hashRequest(request, key);
    assert.match(hash, /^hmac-sha256:[0-9a-f]{64}$/);
    const digest = hash.slice('hmac-sha256:'.length);
    for (const guess of [JSON.stringify(request), request.cardNumber, JSON.stringify({ customerId: request.customerId, cardNumber: request.cardNumber, lines: [['SKU-1', 2], ['SKU-2', 1]] })]) {
      assert.notEqual(createHash('sha256').update(guess).digest('hex'), digest);
    }
    const otherKey = idempotencyHmacKey({ JWT_SECRET: `${SECRET}-other`, IDEMPOTENCY_HMAC_SECRET: undefined });
    assert.notEqual(hashRequest(request, otherKey), hash, 'another secret, another hash');
  });

  it('is stable for the same request (any key order) and changes with any field', () => {
    const reordered = { cardNumber: request.cardNumber, lines: request.lines.map(({ quantity, sku }) => ({ quantity, sku })), customerId: request.customerId };
    assert.equal(hashRequest(reordered, key), hashRequest(request, key));
    assert.notEqual(hashRequest({ ...request, cardNumber: '4000000000000002' }, key), hashRequest(request, key));
    assert.notEqual(hashRequest({ ...request, lines: [...request.lines].reverse() }, key), hashRequest(request, key));
    assert.notEqual(hashRequest({ ...request, lines: [{ sku: 'SKU-1', quantity: 3 }] }, key), hashRequest(request, key));
  });

  it('derives its key from IDEMPOTENCY_HMAC_SECRET, else from JWT_SECRET under its own label', () => {
    assert.notDeepEqual(key, Buffer.from(SECRET), 'never the signing key itself');
    assert.equal(key.length, 32);
    const dedicated = idempotencyHmacKey({ JWT_SECRET: SECRET, IDEMPOTENCY_HMAC_SECRET: 'a-dedicated-secret-of-32-bytes-or-more-xyz' });
    assert.notDeepEqual(dedicated, key);
    // Rotating JWT_SECRET keeps the hashes when the dedicated secret is set.
    assert.deepEqual(idempotencyHmacKey({ JWT_SECRET: `${SECRET}-rotated`, IDEMPOTENCY_HMAC_SECRET: 'a-dedicated-secret-of-32-bytes-or-more-xyz' }), dedicated);
  });

  it('production refuses a short IDEMPOTENCY_HMAC_SECRET, naming the variable but not the value', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: SECRET };
    assert.throws(
      () => loadGatewayConfig({ ...production, IDEMPOTENCY_HMAC_SECRET: 'short-hmac-secret' }),
      (error: Error) => /IDEMPOTENCY_HMAC_SECRET: must be at least 32 bytes/.test(error.message) && !error.message.includes('short-hmac-secret'),
    );
    assert.equal(loadGatewayConfig(production).IDEMPOTENCY_HMAC_SECRET, undefined);
  });
});
