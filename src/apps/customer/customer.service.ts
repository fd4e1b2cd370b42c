import { Container } from 'inversify';
import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { CUSTOMER, CUSTOMER_INPUTS, customerModule } from '../../contexts/customer/customer.module.js';
import { customerRoutes } from '../../contexts/customer/infrastructure/http/customer.routes.js';
import { customerMigrations } from '../../contexts/customer/infrastructure/persistence/migrations/index.js';

/** Composition root of the customer deployable. */
export const customerService: ContextServiceDefinition = {
  name: 'customer',
  migrations: customerMigrations,
  compose(knex) {
    const container = new Container();
    container.bind(CUSTOMER_INPUTS.Knex).toConstantValue(knex);
    container.bind(CUSTOMER_INPUTS.Clock).toConstantValue(systemClock);
    container.load(customerModule);
    return [
      customerRoutes({
        registerCustomer: container.get(CUSTOMER.RegisterCustomer),
        getCustomer: container.get(CUSTOMER.GetCustomer),
        findCustomerByEmail: container.get(CUSTOMER.FindCustomerByEmail),
        updateCustomerProfile: container.get(CUSTOMER.UpdateCustomerProfile),
        deactivateCustomer: container.get(CUSTOMER.DeactivateCustomer),
        checkOrderEligibility: container.get(CUSTOMER.CheckOrderEligibility),
        lookupCredentials: container.get(CUSTOMER.LookupCredentials),
      }),
    ];
  },
};
