import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { idempotencyHmacKey, loadGatewayConfig } from '../../../../src/apps/gateway/gateway.config.js';
import {
  type Client,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  OrderWorkflows,
  OrderWorkflowsUnavailable,
  deterministicOrderId,
  hashRequest,
  type PlaceOrderRequest,
} from '../../../../src/apps/gateway/order-workflows.js';
import { SAGA_ERRORS, type SagaProgress } from '../../../../src/workflows/order-saga.messages.js';
import { TEST_CARDS } from '../../../../src/contexts/payment/contract.js';

const SECRET = 'a-jwt-secret-of-at-least-32-bytes-0123456789';
const request: PlaceOrderRequest = {
  customerId: '0b7e2d3a-1c4f-4e5a-9b6c-7d8e9f0a1b2c',
  lines: [
    { sku: 'SKU-1', quantity: 2 },
    { sku: 'SKU-2', quantity: 1 },
  ],
  cardNumber: TEST_CARDS.APPROVE.number,
};

describe('idempotency request hash', () => {
  const key = idempotencyHmacKey({ JWT_SECRET: SECRET, IDEMPOTENCY_HMAC_SECRET: undefined });

  it('is an HMAC: without the secret, no plain SHA-256 of the request (or of the card) reproduces it', () => {
    const hash = hashRequest(request, key);
    assert.match(hash, /^hmac-sha256:[0-9a-f]{64}$/);
    const digest = hash.slice('hmac-sha256:'.length);
    for (const guess of [
      JSON.stringify(request),
      request.cardNumber,
      JSON.stringify({
        customerId: request.customerId,
        cardNumber: request.cardNumber,
        lines: [
          ['SKU-1', 2],
          ['SKU-2', 1],
        ],
      }),
    ]) {
      assert.notEqual(createHash('sha256').update(guess).digest('hex'), digest);
    }
    const otherKey = idempotencyHmacKey({ JWT_SECRET: `${SECRET}-other`, IDEMPOTENCY_HMAC_SECRET: undefined });
    assert.notEqual(hashRequest(request, otherKey), hash, 'another secret, another hash');
  });

  it('is stable for the same request (any key order) and changes with any field', () => {
    const reordered = {
      cardNumber: request.cardNumber,
      lines: request.lines.map(({ quantity, sku }) => ({ quantity, sku })),
      customerId: request.customerId,
    };
    assert.equal(hashRequest(reordered, key), hashRequest(request, key));
    assert.notEqual(hashRequest({ ...request, cardNumber: TEST_CARDS.DECLINE.number }, key), hashRequest(request, key));
    assert.notEqual(hashRequest({ ...request, lines: [...request.lines].reverse() }, key), hashRequest(request, key));
    assert.notEqual(hashRequest({ ...request, lines: [{ sku: 'SKU-1', quantity: 3 }] }, key), hashRequest(request, key));
  });

  it('derives its key from IDEMPOTENCY_HMAC_SECRET, else from JWT_SECRET under its own label', () => {
    assert.notDeepEqual(key, Buffer.from(SECRET), 'never the signing key itself');
    assert.equal(key.length, 32);
    const dedicated = idempotencyHmacKey({ JWT_SECRET: SECRET, IDEMPOTENCY_HMAC_SECRET: 'a-dedicated-secret-of-32-bytes-or-more-xyz' });
    assert.notDeepEqual(dedicated, key);
    // Rotating JWT_SECRET keeps the hashes when the dedicated secret is set.
    assert.deepEqual(
      idempotencyHmacKey({ JWT_SECRET: `${SECRET}-rotated`, IDEMPOTENCY_HMAC_SECRET: 'a-dedicated-secret-of-32-bytes-or-more-xyz' }),
      dedicated,
    );
  });

  it('production refuses a short IDEMPOTENCY_HMAC_SECRET, naming the variable but not the value', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: SECRET };
    assert.throws(
      () => loadGatewayConfig({ ...production, IDEMPOTENCY_HMAC_SECRET: 'short-hmac-secret' }),
      (error: Error) =>
        /IDEMPOTENCY_HMAC_SECRET: must be at least 32 bytes/.test(error.message) && !error.message.includes('short-hmac-secret'),
    );
    assert.equal(loadGatewayConfig(production).IDEMPOTENCY_HMAC_SECRET, undefined);
  });
});

/**
 * A Temporal client that answers with what the SDK raises (its typed errors), so each outcome of
 * the adapter is pinned without a server. The real-server answers are covered by the gateway's
 * integration tests (409 ALREADY_FINISHED, 422 KEY_REUSED, 404).
 */
function stubClient(behaviour: {
  start?: () => Promise<unknown>;
  describe?: () => Promise<unknown>;
  executeUpdate?: () => Promise<unknown>;
}): Client {
  const refuse = () => Promise.reject(new Error('not expected in this test'));
  const handle = { describe: behaviour.describe ?? refuse, executeUpdate: behaviour.executeUpdate ?? refuse, query: refuse };
  return {
    workflow: { start: behaviour.start ?? refuse, getHandle: () => handle },
    // The real client sets a gRPC deadline for the calls inside; the stubs answer at once.
    withDeadline: (_deadline: number, call: () => Promise<unknown>) => call(),
  } as unknown as Client;
}

describe('order workflows adapter: outcomes, not HTTP', () => {
  const key = idempotencyHmacKey({ JWT_SECRET: SECRET, IDEMPOTENCY_HMAC_SECRET: undefined });
  const adapter = (behaviour: Parameters<typeof stubClient>[0]) => new OrderWorkflows(stubClient(behaviour), 'orders', key);
  const payment = { paymentMethodId: 'pm_test' };
  const notFound = () => Promise.reject(new WorkflowNotFoundError('workflow not found', 'order-x', undefined));
  const alreadyStarted = () => Promise.reject(new WorkflowExecutionAlreadyStartedError('already started', 'order-x', 'orderSagaWorkflow'));
  const finished = () => Promise.resolve({ status: { name: 'COMPLETED' }, memo: {} });

  it('place: started; with a key already used, replayed for the same request and key-reused for another', async () => {
    assert.equal((await adapter({ start: () => Promise.resolve({}) }).place(request, payment)).kind, 'started');
    const sameRequest = () => Promise.resolve({ memo: { requestHash: hashRequest(request, key) } });
    const replayed = await adapter({ start: alreadyStarted, describe: sameRequest }).place(request, payment, 'key-1');
    assert.deepEqual(replayed, { kind: 'replayed', orderId: deterministicOrderId(request.customerId, 'key-1') });
    const otherRequest = () => Promise.resolve({ memo: { requestHash: 'hmac-sha256:another' } });
    const reused = await adapter({ start: alreadyStarted, describe: otherRequest }).place(request, payment, 'key-1');
    assert.deepEqual(reused, { kind: 'key-reused', orderId: deterministicOrderId(request.customerId, 'key-1') });
  });

  it("update: ok with the progress; rejected with the saga validator's code", async () => {
    const progress = { orderId: 'o-1' } as unknown as SagaProgress;
    assert.deepEqual(await adapter({ executeUpdate: () => Promise.resolve(progress) }).cancel('o-1'), { kind: 'ok', progress });
    const refusal = new WorkflowUpdateFailedError(
      'update failed',
      ApplicationFailure.nonRetryable('too late', SAGA_ERRORS.CANCEL_TOO_LATE),
    );
    assert.deepEqual(await adapter({ executeUpdate: () => Promise.reject(refusal) }).cancel('o-1'), {
      kind: 'rejected',
      code: SAGA_ERRORS.CANCEL_TOO_LATE,
      message: 'too late',
    });
  });

  it('update: NOT_FOUND from the server is already-finished when the saga can still be described, not-found otherwise', async () => {
    // What the server says to an update of a completed saga: NOT_FOUND, like a missing one.
    const completed = () => Promise.reject(new WorkflowNotFoundError('workflow execution already completed', 'order-x', undefined));
    assert.deepEqual(await adapter({ executeUpdate: completed, describe: finished }).confirmPayment('o-1'), { kind: 'already-finished' });
    assert.deepEqual(await adapter({ executeUpdate: notFound, describe: notFound }).confirmPayment('o-1'), { kind: 'not-found' });
  });

  it('Temporal unreachable or timing out: OrderWorkflowsUnavailable from every method; a bug stays a bug', async () => {
    const down = () => Promise.reject(new ServiceError('Failed to start Workflow', { cause: new Error('14 UNAVAILABLE') }));
    const timedOut = () => Promise.reject(new WorkflowUpdateRPCTimeoutOrCancelledError('update call timeout'));
    await assert.rejects(adapter({ start: down }).place(request, payment), OrderWorkflowsUnavailable);
    await assert.rejects(adapter({ describe: down }).progress('o-1'), OrderWorkflowsUnavailable);
    await assert.rejects(adapter({ executeUpdate: timedOut }).cancel('o-1'), OrderWorkflowsUnavailable);
    await assert.rejects(adapter({ executeUpdate: notFound, describe: down }).cancel('o-1'), OrderWorkflowsUnavailable);
    await assert.rejects(adapter({ executeUpdate: () => Promise.reject(new TypeError('a bug')) }).cancel('o-1'), TypeError);
  });
});
