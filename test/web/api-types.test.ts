/**
 * The storefront keeps its own copy of the API's types (it is a separate deployable). These
 * assignments fail the type check (`npm run typecheck`) when the server's contract drifts away.
 */
import assert from 'node:assert/strict';
import type {
  NotificationCreatedEvent as ServerNotificationCreated,
  OrderProgressEvent as ServerProgress,
} from '../../src/shared/infrastructure/realtime/realtime.contract.js';
import { REALTIME_EVENTS } from '../../src/shared/infrastructure/realtime/realtime.contract.js';
import type { OrderDto } from '../../src/contexts/order/contract.js';
import type { ProductDto } from '../../src/contexts/inventory/contract.js';
import type { NotificationDto } from '../../src/contexts/notification/contract.js';
import type { StepRecord } from '../../src/workflows/order-saga.messages.js';
import { TEST_CARDS } from '../../src/contexts/payment/contract.js';
import type { z } from 'zod';
import type { OrderViewSchema } from '../../src/apps/gateway/schemas/order.schemas.js';
import type {
  Notification,
  NotificationCreatedEvent,
  Order,
  OrderProgressEvent,
  OrderView,
  Product,
  SagaStep,
} from '../../web/src/lib/api-types.js';
import { FALLBACK_TEST_CARDS } from '../../web/src/lib/test-cards.js';
import { ORDER_PROGRESS_EVENT, NOTIFICATION_CREATED_EVENT } from '../../web/src/lib/realtime-events.js';

type Fits<Server, Web> = Server extends Web ? true : false;
const checks: [
  Fits<ServerProgress, OrderProgressEvent>,
  Fits<ServerNotificationCreated, NotificationCreatedEvent>,
  Fits<OrderDto, Order>,
  Fits<ProductDto, Product>,
  Fits<NotificationDto, Notification>,
  Fits<StepRecord, SagaStep>,
  // What GET /api/orders/:id answers (order and saga may be null) fits what the order page reads.
  Fits<z.output<typeof OrderViewSchema>, OrderView>,
] = [true, true, true, true, true, true, true];

describe('storefront API types', () => {
  it('match the server contract (checked by the compiler)', () => {
    assert.ok(checks.every(Boolean));
  });

  it('listen to the events the server emits', () => {
    assert.equal(ORDER_PROGRESS_EVENT, REALTIME_EVENTS.orderProgress);
    assert.equal(NOTIFICATION_CREATED_EVENT, REALTIME_EVENTS.notificationCreated);
  });

  it('fall back to the provider test cards', () => {
    assert.deepEqual(
      FALLBACK_TEST_CARDS.map((card) => card.number).sort(),
      Object.values(TEST_CARDS)
        .map((card) => card.number)
        .sort(),
    );
  });
});
