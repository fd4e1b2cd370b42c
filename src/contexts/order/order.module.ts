import { Container, ContainerModule } from 'inversify';
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
  OrderRepository: Symbol.for('order.OrderRepository'),
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
  bind<OrderRepository>(ORDER.OrderRepository)
    .toDynamicValue((ctx) => new ObjectionOrderRepository(ctx.get<Knex>(ORDER_INPUTS.Knex)))
    .inSingletonScope();
  const repo = (ctx: { get<T>(id: symbol): T }) => ctx.get<OrderRepository>(ORDER.OrderRepository);
  const clock = (ctx: { get<T>(id: symbol): T }) => ctx.get<Clock>(ORDER_INPUTS.Clock);
  bind(ORDER.CreateOrder)
    .toDynamicValue((ctx) => new CreateOrder(repo(ctx), clock(ctx)))
    .inSingletonScope();
  bind(ORDER.GetOrder)
    .toDynamicValue((ctx) => new GetOrder(repo(ctx)))
    .inSingletonScope();
  bind(ORDER.ListCustomerOrders)
    .toDynamicValue((ctx) => new ListCustomerOrders(repo(ctx)))
    .inSingletonScope();
  bind(ORDER.TransitionOrder)
    .toDynamicValue((ctx) => new TransitionOrder(repo(ctx), clock(ctx)))
    .inSingletonScope();
});

export interface OrderInputs {
  knex: Knex;
  clock: Clock;
}

/** The shape every context's compose() returns: use cases and repositories by camelCase name. */
export interface OrderComposition {
  useCases: {
    createOrder: CreateOrder;
    getOrder: GetOrder;
    listCustomerOrders: ListCustomerOrders;
    transitionOrder: TransitionOrder;
  };
  repositories: { order: OrderRepository };
}

export type OrderUseCases = OrderComposition['useCases'];

/** Builds the context on its inputs; the app hands the use cases to its routes. */
export function compose(inputs: OrderInputs): OrderComposition {
  const container = new Container();
  container.bind(ORDER_INPUTS.Knex).toConstantValue(inputs.knex);
  container.bind(ORDER_INPUTS.Clock).toConstantValue(inputs.clock);
  container.load(orderModule);
  return {
    useCases: {
      createOrder: container.get(ORDER.CreateOrder),
      getOrder: container.get(ORDER.GetOrder),
      listCustomerOrders: container.get(ORDER.ListCustomerOrders),
      transitionOrder: container.get(ORDER.TransitionOrder),
    },
    repositories: { order: container.get(ORDER.OrderRepository) },
  };
}
