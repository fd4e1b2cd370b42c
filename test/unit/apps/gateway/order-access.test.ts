import assert from 'node:assert/strict';
import { OrderWorkflowsUnavailable } from '../../../../src/apps/gateway/order-workflows.js';
import {
  ORDER_ACCESS_ERRORS,
  ownOrder,
  placedOrder,
  sagaCall,
  updatedSaga,
  type OrderSources,
} from '../../../../src/apps/gateway/routes/order-access.js';
import type { OrderDto } from '../../../../src/contexts/order/contract.js';
import { HttpError } from '../../../../src/shared/infrastructure/http/errors.js';
import { SAGA_ERRORS, type SagaProgress } from '../../../../src/workflows/order-saga.messages.js';

/** The one place the order workflows' outcomes become HTTP. */
describe('order access: saga outcomes as HTTP', () => {
  const httpError = (status: number, code: string) => (error: unknown) =>
    error instanceof HttpError && error.status === status && error.code === code;

  it('placement: started and replayed are the order; a reused key is a 422 naming the order', () => {
    assert.deepEqual(placedOrder({ kind: 'started', orderId: 'o-1' }), { orderId: 'o-1', replayed: false });
    assert.deepEqual(placedOrder({ kind: 'replayed', orderId: 'o-1' }), { orderId: 'o-1', replayed: true });
    assert.throws(
      () => placedOrder({ kind: 'key-reused', orderId: 'o-1' }),
      (error: unknown) => httpError(422, ORDER_ACCESS_ERRORS.KEY_REUSED)(error) && (error as HttpError).details !== undefined,
    );
  });

  it("updates: the progress, a 409 with the saga's code, a 409 for a finished order, a 404 for a missing one", () => {
    const progress = { orderId: 'o-1' } as unknown as SagaProgress;
    assert.equal(updatedSaga('o-1', { kind: 'ok', progress }), progress);
    assert.throws(
      () => updatedSaga('o-1', { kind: 'rejected', code: SAGA_ERRORS.CANCEL_TOO_LATE, message: 'too late' }),
      httpError(409, SAGA_ERRORS.CANCEL_TOO_LATE),
    );
    assert.throws(() => updatedSaga('o-1', { kind: 'already-finished' }), httpError(409, ORDER_ACCESS_ERRORS.ALREADY_FINISHED));
    assert.throws(() => updatedSaga('o-1', { kind: 'not-found' }), httpError(404, ORDER_ACCESS_ERRORS.NOT_FOUND));
  });

  it('Temporal unavailable is a 503 with Retry-After; any other error passes through', async () => {
    await assert.rejects(
      sagaCall(() => Promise.reject(new OrderWorkflowsUnavailable())),
      (error: unknown) => httpError(503, 'SERVICE_UNAVAILABLE')(error) && (error as HttpError).headers['Retry-After'] === '5',
    );
    await assert.rejects(
      sagaCall(() => Promise.reject(new TypeError('a bug'))),
      TypeError,
    );
  });

  it("Temporal unreachable: the owner still gets the order service's record (without the saga); no record yet is a 503", async () => {
    const order = { id: 'o-1', customerId: 'c-1', status: 'PAID' } as unknown as OrderDto;
    const sources = (record: OrderDto | undefined) =>
      ({
        orders: { get: () => Promise.resolve(record) },
        workflows: { progress: () => Promise.reject(new OrderWorkflowsUnavailable()) },
      }) as unknown as OrderSources;
    assert.deepEqual(await ownOrder(sources(order), 'o-1', 'c-1'), { order, saga: undefined });
    await assert.rejects(ownOrder(sources(order), 'o-1', 'c-2'), httpError(404, ORDER_ACCESS_ERRORS.NOT_FOUND));
    await assert.rejects(ownOrder(sources(undefined), 'o-1', 'c-1'), httpError(503, 'SERVICE_UNAVAILABLE'));
  });
});
