import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { compose } from '../../contexts/order/order.module.js';
import { orderRoutes } from '../../contexts/order/infrastructure/http/order.routes.js';
import { orderMigrations } from '../../contexts/order/infrastructure/persistence/migrations/index.js';
import { loadOrderConfig } from './order.config.js';

/** Composition root of the order deployable. */
export const orderService: ContextServiceDefinition = {
  name: 'order',
  migrations: orderMigrations,
  loadConfig: loadOrderConfig,
  compose(knex) {
    const { useCases } = compose({ knex, clock: systemClock });
    return [orderRoutes(useCases)];
  },
};
