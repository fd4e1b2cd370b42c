import { Container, ContainerModule } from 'inversify';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/kernel/clock.js';
import { ChangeCustomerRole } from './application/change-customer-role.use-case.js';
import { CheckOrderEligibility } from './application/check-order-eligibility.use-case.js';
import { DeactivateCustomer } from './application/deactivate-customer.use-case.js';
import { FindCustomerByEmail } from './application/find-customer-by-email.use-case.js';
import { GetCustomer } from './application/get-customer.use-case.js';
import { LookupCredentials } from './application/lookup-credentials.use-case.js';
import { RegisterCustomer } from './application/register-customer.use-case.js';
import { UpdateCustomerProfile } from './application/update-customer-profile.use-case.js';
import type { CustomerRepository } from './domain/customer.repository.js';
import { ObjectionCustomerRepository } from './infrastructure/persistence/objection-customer.repository.js';

/** What the composition root must bind before loading the module. */
export const CUSTOMER_INPUTS = {
  Knex: Symbol.for('customer.Knex'),
  Clock: Symbol.for('customer.Clock'),
};

export const CUSTOMER = {
  CustomerRepository: Symbol.for('customer.CustomerRepository'),
  RegisterCustomer: Symbol.for('customer.RegisterCustomer'),
  GetCustomer: Symbol.for('customer.GetCustomer'),
  FindCustomerByEmail: Symbol.for('customer.FindCustomerByEmail'),
  UpdateCustomerProfile: Symbol.for('customer.UpdateCustomerProfile'),
  DeactivateCustomer: Symbol.for('customer.DeactivateCustomer'),
  CheckOrderEligibility: Symbol.for('customer.CheckOrderEligibility'),
  LookupCredentials: Symbol.for('customer.LookupCredentials'),
  ChangeCustomerRole: Symbol.for('customer.ChangeCustomerRole'),
};

/**
 * Domain and application classes stay free of decorators: every binding is a factory that
 * names its dependencies explicitly (no reflection metadata needed, works under tsx/esbuild).
 */
export const customerModule = new ContainerModule(({ bind }) => {
  bind<CustomerRepository>(CUSTOMER.CustomerRepository)
    .toDynamicValue((ctx) => new ObjectionCustomerRepository(ctx.get<Knex>(CUSTOMER_INPUTS.Knex)))
    .inSingletonScope();
  const repo = (ctx: { get<T>(id: symbol): T }) => ctx.get<CustomerRepository>(CUSTOMER.CustomerRepository);
  const clock = (ctx: { get<T>(id: symbol): T }) => ctx.get<Clock>(CUSTOMER_INPUTS.Clock);
  bind(CUSTOMER.RegisterCustomer)
    .toDynamicValue((ctx) => new RegisterCustomer(repo(ctx), clock(ctx)))
    .inSingletonScope();
  bind(CUSTOMER.GetCustomer)
    .toDynamicValue((ctx) => new GetCustomer(repo(ctx)))
    .inSingletonScope();
  bind(CUSTOMER.FindCustomerByEmail)
    .toDynamicValue((ctx) => new FindCustomerByEmail(repo(ctx)))
    .inSingletonScope();
  bind(CUSTOMER.UpdateCustomerProfile)
    .toDynamicValue((ctx) => new UpdateCustomerProfile(repo(ctx), clock(ctx)))
    .inSingletonScope();
  bind(CUSTOMER.DeactivateCustomer)
    .toDynamicValue((ctx) => new DeactivateCustomer(repo(ctx), clock(ctx)))
    .inSingletonScope();
  bind(CUSTOMER.CheckOrderEligibility)
    .toDynamicValue((ctx) => new CheckOrderEligibility(repo(ctx)))
    .inSingletonScope();
  bind(CUSTOMER.LookupCredentials)
    .toDynamicValue((ctx) => new LookupCredentials(repo(ctx)))
    .inSingletonScope();
  bind(CUSTOMER.ChangeCustomerRole)
    .toDynamicValue((ctx) => new ChangeCustomerRole(repo(ctx), clock(ctx)))
    .inSingletonScope();
});

export interface CustomerInputs {
  knex: Knex;
  clock: Clock;
}

/** The shape every context's compose() returns: use cases and repositories by camelCase name. */
export interface CustomerComposition {
  useCases: {
    registerCustomer: RegisterCustomer;
    getCustomer: GetCustomer;
    findCustomerByEmail: FindCustomerByEmail;
    updateCustomerProfile: UpdateCustomerProfile;
    deactivateCustomer: DeactivateCustomer;
    checkOrderEligibility: CheckOrderEligibility;
    lookupCredentials: LookupCredentials;
    changeCustomerRole: ChangeCustomerRole;
  };
  repositories: { customer: CustomerRepository };
}

export type CustomerUseCases = CustomerComposition['useCases'];

/** Builds the context on its inputs; the app hands the use cases to its routes. */
export function compose(inputs: CustomerInputs): CustomerComposition {
  const container = new Container();
  container.bind(CUSTOMER_INPUTS.Knex).toConstantValue(inputs.knex);
  container.bind(CUSTOMER_INPUTS.Clock).toConstantValue(inputs.clock);
  container.load(customerModule);
  return {
    useCases: {
      registerCustomer: container.get(CUSTOMER.RegisterCustomer),
      getCustomer: container.get(CUSTOMER.GetCustomer),
      findCustomerByEmail: container.get(CUSTOMER.FindCustomerByEmail),
      updateCustomerProfile: container.get(CUSTOMER.UpdateCustomerProfile),
      deactivateCustomer: container.get(CUSTOMER.DeactivateCustomer),
      checkOrderEligibility: container.get(CUSTOMER.CheckOrderEligibility),
      lookupCredentials: container.get(CUSTOMER.LookupCredentials),
      changeCustomerRole: container.get(CUSTOMER.ChangeCustomerRole),
    },
    repositories: { customer: container.get(CUSTOMER.CustomerRepository) },
  };
}
