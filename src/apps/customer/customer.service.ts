import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { compose } from '../../contexts/customer/customer.module.js';
import { customerRoutes } from '../../contexts/customer/infrastructure/http/customer.routes.js';
import { customerMigrations } from '../../contexts/customer/infrastructure/persistence/migrations/index.js';
import { loadCustomerConfig } from './customer.config.js';

/** Composition root of the customer deployable. */
export const customerService: ContextServiceDefinition = {
  name: 'customer',
  migrations: customerMigrations,
  loadConfig: loadCustomerConfig,
  compose(knex) {
    const { useCases } = compose({ knex, clock: systemClock });
    return [customerRoutes(useCases)];
  },
};
