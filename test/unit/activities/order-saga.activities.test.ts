import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { CircuitBreakers, CircuitOpen } from '../../../src/activities/adapters/circuit-breaker.js';
import { createOrderSagaActivities, type SagaPorts } from '../../../src/activities/order-saga.activities.js';
import { sagaProgressInterceptors } from '../../../src/activities/saga-progress.interceptor.js';
import {
  RecordNotificationRequestSchema,
  type NotificationDto,
  type RecordNotificationRequest,
} from '../../../src/contexts/notification/contract.js';
import {
  TransitionOrderRequestSchema,
  type OrderDto,
  type OrderStatus,
  type TransitionOrderRequest,
} from '../../../src/contexts/order/contract.js';
import type { OrderProgressEvent } from '../../../src/shared/infrastructure/realtime/realtime.contract.js';
import { createLogger } from '../../../src/shared/infrastructure/logger.js';
import { RemoteServiceError, RemoteServiceUnavailable } from '../../../src/shared/infrastructure/http/json-client.js';

const ref = { orderId: '6f1c9a4e-2b7d-4c1e-9f3a-1d2e3f4a5b6c', customerId: '0b7e2d3a-1c4f-4e5a-9b6c-7d8e9f0a1b2c' };
const silent = createLogger('test', 'silent');

/** Ports that fail the test if the activity touches something it should not. */
function ports(overrides: Partial<{ [K in keyof SagaPorts]: Partial<SagaPorts[K]> }>): SagaPorts {
  const untouched = (name: string) =>
    new Proxy({}, { get: (_t, method) => () => Promise.reject(new Error(`unexpected call ${name}.${String(method)}`)) });
  return {
    customers: { ...untouched('customers'), ...overrides.customers },
    inventory: { ...untouched('inventory'), ...overrides.inventory },
    orders: { ...untouched('orders'), ...overrides.orders },
    payments: { ...untouched('payments'), ...overrides.payments },
    notifications: { ...untouched('notifications'), ...overrides.notifications },
  } as SagaPorts;
}

/** What the order service answers to a transition; the activities read only its status. */
function anOrderDto(status: OrderStatus): OrderDto {
  const zero = { amountMinor: 0, currency: 'EUR' };
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id: ref.orderId,
    customerId: ref.customerId,
    status,
    lines: [],
    total: zero,
    history: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** What the notification service answers to a record; the activities read only its id. */
function aNotificationDto(request: RecordNotificationRequest, id: string): NotificationDto {
  const { customerId, orderId = null, type } = request;
  return { id, customerId, orderId, type, title: 'title', message: 'message', createdAt: '2026-01-01T00:00:00.000Z', readAt: null };
}

async function failureOf(run: () => Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof ApplicationFailure, `expected an ApplicationFailure, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the activity to fail');
}

/** Activities whose order and notification services accept everything and remember what they were sent. */
function recordingActivities() {
  const recorded: RecordNotificationRequest[] = [];
  const transitions: TransitionOrderRequest[] = [];
  const activities = createOrderSagaActivities(
    ports({
      notifications: {
        record: (request) => {
          recorded.push(request);
          return Promise.resolve(aNotificationDto(request, 'n-1'));
        },
      },
      orders: {
        transition: (_id, request) => {
          transitions.push(request);
          return Promise.resolve(anOrderDto('CANCELLED'));
        },
      },
    }),
  );
  return { activities, recorded, transitions };
}

describe('order saga activities (translation of adapter errors into Temporal failures)', () => {
  const quiet = new DefaultLogger('ERROR', () => {});
  const env = () => new MockActivityEnvironment({ attempt: 3 }, { logger: quiet });

  it('a coded 4xx from a service is a non-retryable failure carrying the domain code', async () => {
    const activities = createOrderSagaActivities(
      ports({ payments: { charge: () => Promise.reject(new RemoteServiceError('payment', 422, 'PAYMENT.CARD_DECLINED', 'declined')) } }),
    );
    const charge = { amountMinor: 100, currency: 'EUR', paymentMethodId: 'pm_test' };
    const failure = await failureOf(() => env().run(activities.chargePayment.bind(activities), ref, charge));
    assert.equal(failure.type, 'PAYMENT.CARD_DECLINED');
    assert.equal(failure.nonRetryable, true);
  });

  it('an unreachable or failing service is retryable', async () => {
    const activities = createOrderSagaActivities(
      ports({ inventory: { reserve: () => Promise.reject(new RemoteServiceUnavailable('inventory', 'inventory unreachable')) } }),
    );
    const failure = await failureOf(() => env().run(activities.reserveStock.bind(activities), ref, [{ sku: 'A-1', quantity: 1 }]));
    assert.equal(failure.type, 'SERVICE_UNAVAILABLE');
    assert.equal(failure.nonRetryable, false);
  });

  it('an open breaker fails fast, retryable after exactly the time the breaker needs', async () => {
    let now = 1_000_000;
    const breakers = new CircuitBreakers({ consecutiveFailures: 2, halfOpenAfterMs: 5_000 }, silent, () => now);
    let calls = 0;
    const inventory = breakers.protect('inventory', {
      release: () => {
        calls++;
        return Promise.reject(new RemoteServiceUnavailable('inventory', 'down'));
      },
    });
    const activities = createOrderSagaActivities(ports({ inventory }));
    await failureOf(() => env().run(activities.releaseStock.bind(activities), ref));
    await failureOf(() => env().run(activities.releaseStock.bind(activities), ref));
    assert.equal(breakers.snapshot()[0].state, 'open');

    now += 1_500;
    const failure = await failureOf(() => env().run(activities.releaseStock.bind(activities), ref));
    assert.equal(calls, 2, 'the open breaker must not call the service');
    assert.equal(failure.type, 'CIRCUIT_OPEN');
    assert.equal(failure.nonRetryable, false);
    assert.equal(failure.nextRetryDelay, 3_500);
  });

  it('business errors do not trip the breaker', async () => {
    const breakers = new CircuitBreakers({ consecutiveFailures: 1, halfOpenAfterMs: 5_000 }, silent);
    const payments = breakers.protect('payment', {
      charge: () => Promise.reject(new RemoteServiceError('payment', 422, 'PAYMENT.CARD_DECLINED', 'declined')),
    });
    const activities = createOrderSagaActivities(ports({ payments }));
    const charge = { amountMinor: 1, currency: 'EUR', paymentMethodId: 'pm_test' };
    for (let i = 0; i < 3; i++) {
      await failureOf(() => env().run(activities.chargePayment.bind(activities), ref, charge));
    }
    assert.equal(breakers.snapshot()[0].state, 'closed');
  });

  it('an ineligible customer is a non-retryable refusal', async () => {
    const ineligible = { customerId: ref.customerId, eligible: false, reason: 'DEACTIVATED' as const };
    const activities = createOrderSagaActivities(ports({ customers: { checkOrderEligibility: () => Promise.resolve(ineligible) } }));
    const failure = await failureOf(() => env().run(activities.verifyCustomer.bind(activities), ref));
    assert.equal(failure.type, 'CUSTOMER.NOT_ELIGIBLE');
    assert.equal(failure.nonRetryable, true);
  });

  it('reports the attempt, keys notifications by order and type, and bounds free text', async () => {
    const { activities, recorded, transitions } = recordingActivities();
    const result = await env().run(activities.notifyCustomer.bind(activities), ref, {
      type: 'ORDER_CANCELLED' as const,
      reason: 'x'.repeat(2000),
    });
    assert.deepEqual(result, { notificationId: 'n-1', attempt: 3 });
    assert.equal(recorded[0].dedupeKey, `${ref.orderId}:ORDER_CANCELLED`);
    assert.equal(recorded[0].facts?.reason?.length, 500);

    await env().run(activities.transitionOrder.bind(activities), ref, 'CANCELLED' as const, 'y'.repeat(900));
    assert.equal(transitions[0].reason?.length, 500);
    assert.equal(transitions[0].by, 'saga');
  });

  it("shapes reasons to what the services take, so a shopper's wording cannot fail a step (a compensation included)", async () => {
    const { activities, recorded, transitions } = recordingActivities();
    // The order service refuses NUL (Postgres text cannot hold it); line breaks it keeps.
    await env().run(activities.cancelOrder.bind(activities), ref, 'changed\u0000 my\nmind');
    assert.equal(transitions[0].reason, 'changed my\nmind');
    assert.equal(TransitionOrderRequestSchema.safeParse(transitions[0]).success, true);
    // A notification's reason is one line of printable characters, or none at all.
    const notify = (reason: string) =>
      env().run(activities.notifyCustomer.bind(activities), ref, { type: 'ORDER_CANCELLED' as const, reason });
    await notify('changed\u0000 my\n\tmind ');
    await notify('\n\u0000\t ');
    assert.deepEqual(
      recorded.map((request) => request.facts?.reason),
      ['changed my mind', undefined],
    );
    for (const request of recorded) assert.equal(RecordNotificationRequestSchema.safeParse(request).success, true, JSON.stringify(request));
  });

  it('cancelling an order that was never created is a recorded no-op; other refusals still fail', async () => {
    const missing = createOrderSagaActivities(
      ports({ orders: { transition: () => Promise.reject(new RemoteServiceError('order', 404, 'ORDER.NOT_FOUND', 'No order')) } }),
    );
    assert.deepEqual(await env().run(missing.cancelOrder.bind(missing), ref, 'INVENTORY.PRODUCT_NOT_FOUND: gone'), {
      status: 'NOT_CREATED',
      noOp: true,
      attempt: 3,
    });

    const existing = createOrderSagaActivities(ports({ orders: { transition: () => Promise.resolve(anOrderDto('CANCELLED')) } }));
    assert.deepEqual(await env().run(existing.cancelOrder.bind(existing), ref, 'declined'), {
      status: 'CANCELLED',
      noOp: false,
      attempt: 3,
    });

    const illegal = createOrderSagaActivities(
      ports({ orders: { transition: () => Promise.reject(new RemoteServiceError('order', 409, 'ORDER.ILLEGAL_TRANSITION', 'no')) } }),
    );
    const failure = await failureOf(() => env().run(illegal.cancelOrder.bind(illegal), ref, 'declined'));
    assert.equal(failure.type, 'ORDER.ILLEGAL_TRANSITION');
  });

  it('the live progress shows cancel-order as a compensation, moving the order only when one existed', async () => {
    const events: OrderProgressEvent[] = [];
    const interceptors = [sagaProgressInterceptors({ orderProgress: (e) => events.push(e) })];
    const withProgress = () => new MockActivityEnvironment({ attempt: 1, activityType: 'cancelOrder' }, { logger: quiet, interceptors });
    const missing = createOrderSagaActivities(
      ports({ orders: { transition: () => Promise.reject(new RemoteServiceError('order', 404, 'ORDER.NOT_FOUND', 'No order')) } }),
    );
    await withProgress().run(missing.cancelOrder.bind(missing), ref, 'gone');
    const existing = createOrderSagaActivities(ports({ orders: { transition: () => Promise.resolve(anOrderDto('CANCELLED')) } }));
    await withProgress().run(existing.cancelOrder.bind(existing), ref, 'declined');

    const completed = events.filter((e) => e.status === 'completed');
    assert.deepEqual(
      completed.map((e) => [e.step, e.kind, e.orderStatus]),
      [
        ['cancel-order', 'compensation', undefined],
        ['cancel-order', 'compensation', 'CANCELLED'],
      ],
    );
  });

  it('CircuitOpen names the service and the wait', () => {
    const open = new CircuitOpen('payment', 1234);
    assert.match(open.message, /payment circuit is open; next trial in 1234 ms/);
  });
});
