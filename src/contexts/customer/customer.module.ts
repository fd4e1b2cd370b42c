import { ContainerModule } from 'inversify';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/kernel/clock.js';
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
  Repository: Symbol.for('customer.Repository'),
  RegisterCustomer: Symbol.for('customer.RegisterCustomer'),
  GetCustomer: Symbol.for('customer.GetCustomer'),
  FindCustomerByEmail: Symbol.for('customer.FindCustomerByEmail'),
  UpdateCustomerProfile: Symbol.for('customer.UpdateCustomerProfile'),
  DeactivateCustomer: Symbol.for('customer.DeactivateCustomer'),
  CheckOrderEligibility: Symbol.for('customer.CheckOrderEligibility'),
  LookupCredentials: Symbol.for('customer.LookupCredentials'),
};

/**
 * Domain and application classes stay free of decorators: every binding is a factory that
 * names its dependencies explicitly (no reflection metadata needed, works under tsx/esbuild).
 */
export const customerModule = new ContainerModule(({ bind }) => {
  bind<CustomerRepository>(CUSTOMER.Repository)
    .toDynamicValue((ctx) => new ObjectionCustomerRepository(ctx.get<Knex>(CUSTOMER_INPUTS.Knex)))
    .inSingletonScope();
  const repo = (ctx: { get<T>(id: symbol): T }) => ctx.get<CustomerRepository>(CUSTOMER.Repository);
  const clock = (ctx: { get<T>(id: symbol): T }) => ctx.get<Clock>(CUSTOMER_INPUTS.Clock);
  bind(CUSTOMER.RegisterCustomer).toDynamicValue((ctx) => new RegisterCustomer(repo(ctx), clock(ctx))).inSingletonScope();
  bind(CUSTOMER.GetCustomer).toDynamicValue((ctx) => new GetCustomer(repo(ctx))).inSingletonScope();
  bind(CUSTOMER.FindCustomerByEmail).toDynamicValue((ctx) => new FindCustomerByEmail(repo(ctx))).inSingletonScope();
  bind(CUSTOMER.UpdateCustomerProfile).toDynamicValue((ctx) => new UpdateCustomerProfile(repo(ctx), clock(ctx))).inSingletonScope();
  bind(CUSTOMER.DeactivateCustomer).toDynamicValue((ctx) => new DeactivateCustomer(repo(ctx), clock(ctx))).inSingletonScope();
  bind(CUSTOMER.CheckOrderEligibility).toDynamicValue((ctx) => new CheckOrderEligibility(repo(ctx))).inSingletonScope();
  bind(CUSTOMER.LookupCredentials).toDynamicValue((ctx) => new LookupCredentials(repo(ctx))).inSingletonScope();
});
