import { Container } from 'inversify';
import { createOrderSagaActivities, type SagaPorts } from '../../activities/order-saga.activities.js';
import { CircuitBreakers } from '../../activities/adapters/circuit-breaker.js';
import { createSagaPolicyActivities } from '../../activities/saga-policy.activities.js';
import { HttpCustomerClient } from '../../clients/http-customer.client.js';
import { HttpInventoryClient } from '../../clients/http-inventory.client.js';
import { HttpNotificationClient } from '../../clients/http-notification.client.js';
import { HttpOrderClient } from '../../clients/http-order.client.js';
import { HttpPaymentClient } from '../../clients/http-payment.client.js';
import type { Logger } from '../../shared/infrastructure/logger.js';
import type { WorkerConfig } from './worker.config.js';

export const WORKER_TOKENS = {
  Config: Symbol.for('worker.Config'),
  Logger: Symbol.for('worker.Logger'),
  Breakers: Symbol.for('worker.Breakers'),
  Ports: Symbol.for('worker.SagaPorts'),
  Activities: Symbol.for('worker.Activities'),
};

/** Every activity the worker registers: the saga's steps and the sagaPolicy local activity. */
export type WorkerActivities = ReturnType<typeof createOrderSagaActivities> & ReturnType<typeof createSagaPolicyActivities>;

/** The activities' dependencies: HTTP adapters of each contract, each behind its own breaker. */
export function composeWorker(config: WorkerConfig, logger: Logger): Container {
  const container = new Container();
  container.bind(WORKER_TOKENS.Config).toConstantValue(config);
  container.bind(WORKER_TOKENS.Logger).toConstantValue(logger);
  container
    .bind(WORKER_TOKENS.Breakers)
    .toDynamicValue(
      () =>
        new CircuitBreakers(
          { consecutiveFailures: config.BREAKER_CONSECUTIVE_FAILURES, halfOpenAfterMs: config.BREAKER_HALF_OPEN_AFTER_MS },
          logger.child({ component: 'breaker' }),
        ),
    )
    .inSingletonScope();
  container
    .bind<SagaPorts>(WORKER_TOKENS.Ports)
    .toDynamicValue((ctx) => {
      const breakers = ctx.get<CircuitBreakers>(WORKER_TOKENS.Breakers);
      const timeoutMs = config.HTTP_CLIENT_TIMEOUT_MS;
      return {
        customers: breakers.protect('customer', new HttpCustomerClient({ baseUrl: config.CUSTOMER_URL, timeoutMs })),
        inventory: breakers.protect('inventory', new HttpInventoryClient({ baseUrl: config.INVENTORY_URL, timeoutMs })),
        orders: breakers.protect('order', new HttpOrderClient({ baseUrl: config.ORDER_URL, timeoutMs })),
        payments: breakers.protect('payment', new HttpPaymentClient({ baseUrl: config.PAYMENT_URL, timeoutMs })),
        notifications: breakers.protect('notification', new HttpNotificationClient({ baseUrl: config.NOTIFICATION_URL, timeoutMs })),
      };
    })
    .inSingletonScope();
  container
    .bind<WorkerActivities>(WORKER_TOKENS.Activities)
    .toDynamicValue((ctx) => ({
      ...createOrderSagaActivities(ctx.get<SagaPorts>(WORKER_TOKENS.Ports)),
      ...createSagaPolicyActivities({
        ...config.SAGA_POLICY_JSON,
        ...(config.SAGA_ACTIVITY_MODE && { activityMode: config.SAGA_ACTIVITY_MODE }),
      }),
    }))
    .inSingletonScope();
  return container;
}
