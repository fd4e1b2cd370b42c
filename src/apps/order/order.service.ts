import { Container } from 'inversify';
import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { ORDER, ORDER_INPUTS, orderModule } from '../../contexts/order/order.module.js';
import { orderRoutes } from '../../contexts/order/infrastructure/http/order.routes.js';
import { orderMigrations } from '../../contexts/order/infrastructure/persistence/migrations/index.js';

/** Composition root of the order deployable. */
export const orderService: ContextServiceDefinition = {
  name: 'order',
  migrations: orderMigrations,
  compose(knex) {
    const container = new Container();
    container.bind(ORDER_INPUTS.Knex).toConstantValue(knex);
    container.bind(ORDER_INPUTS.Clock).toConstantValue(systemClock);
    container.load(orderModule);
    return [
      orderRoutes({
        createOrder: container.get(ORDER.CreateOrder),
        getOrder: container.get(ORDER.GetOrder),
        listCustomerOrders: container.get(ORDER.ListCustomerOrders),
        transitionOrder: container.get(ORDER.TransitionOrder),
      }),
    ];
  },
};
