import { ContainerModule } from 'inversify';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/kernel/clock.js';
import { CreateOrder } from './application/create-order.use-case.js';
import { GetOrder } from './application/get-order.use-case.js';
import { ListCustomerOrders } from './application/list-customer-orders.use-case.js';
import { TransitionOrder } from './application/transition-order.use-case.js';
import type { OrderRepository } from './domain/order.repository.js';
import { ObjectionOrderRepository } from './infrastructure/persistence/objection-order.repository.js';

/** What the composition root must bind before loading the module. */
export const ORDER_INPUTS = {
  Knex: Symbol.for('order.Knex'),
  Clock: Symbol.for('order.Clock'),
};

export const ORDER = {
  Repository: Symbol.for('order.Repository'),
  CreateOrder: Symbol.for('order.CreateOrder'),
  GetOrder: Symbol.for('order.GetOrder'),
  ListCustomerOrders: Symbol.for('order.ListCustomerOrders'),
  TransitionOrder: Symbol.for('order.TransitionOrder'),
};

/**
 * Domain and application classes stay free of decorators: every binding is a factory that
 * names its dependencies explicitly (no reflection metadata needed, works under tsx/esbuild).
 */
export const orderModule = new ContainerModule(({ bind }) => {
  bind<OrderRepository>(ORDER.Repository)
    .toDynamicValue((ctx) => new ObjectionOrderRepository(ctx.get<Knex>(ORDER_INPUTS.Knex)))
    .inSingletonScope();
  const repo = (ctx: { get<T>(id: symbol): T }) => ctx.get<OrderRepository>(ORDER.Repository);
  const clock = (ctx: { get<T>(id: symbol): T }) => ctx.get<Clock>(ORDER_INPUTS.Clock);
  bind(ORDER.CreateOrder).toDynamicValue((ctx) => new CreateOrder(repo(ctx), clock(ctx))).inSingletonScope();
  bind(ORDER.GetOrder).toDynamicValue((ctx) => new GetOrder(repo(ctx))).inSingletonScope();
  bind(ORDER.ListCustomerOrders).toDynamicValue((ctx) => new ListCustomerOrders(repo(ctx))).inSingletonScope();
  bind(ORDER.TransitionOrder).toDynamicValue((ctx) => new TransitionOrder(repo(ctx), clock(ctx))).inSingletonScope();
});
