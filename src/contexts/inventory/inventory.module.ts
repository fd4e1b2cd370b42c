import { Container, ContainerModule } from 'inversify';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/kernel/clock.js';
import { AddProduct } from './application/add-product.use-case.js';
import { CommitStock } from './application/commit-stock.use-case.js';
import { GetProduct } from './application/get-product.use-case.js';
import { ListProducts } from './application/list-products.use-case.js';
import { ReleaseStock } from './application/release-stock.use-case.js';
import { ReserveStock } from './application/reserve-stock.use-case.js';
import { SetStock } from './application/set-stock.use-case.js';
import type { ProductRepository } from './domain/product.repository.js';
import type { ReservationRepository } from './domain/reservation.repository.js';
import { ObjectionProductRepository } from './infrastructure/persistence/objection-product.repository.js';
import { ObjectionReservationRepository } from './infrastructure/persistence/objection-reservation.repository.js';

/** What the composition root must bind before loading the module. */
export const INVENTORY_INPUTS = {
  Knex: Symbol.for('inventory.Knex'),
  Clock: Symbol.for('inventory.Clock'),
};

export const INVENTORY = {
  ProductRepository: Symbol.for('inventory.ProductRepository'),
  ReservationRepository: Symbol.for('inventory.ReservationRepository'),
  ListProducts: Symbol.for('inventory.ListProducts'),
  GetProduct: Symbol.for('inventory.GetProduct'),
  AddProduct: Symbol.for('inventory.AddProduct'),
  SetStock: Symbol.for('inventory.SetStock'),
  ReserveStock: Symbol.for('inventory.ReserveStock'),
  ReleaseStock: Symbol.for('inventory.ReleaseStock'),
  CommitStock: Symbol.for('inventory.CommitStock'),
};

type Resolver = { get<T>(id: symbol): T };

/**
 * Domain and application classes stay free of decorators: every binding is a factory that
 * names its dependencies explicitly (no reflection metadata needed, works under tsx/esbuild).
 */
export const inventoryModule = new ContainerModule(({ bind }) => {
  bind<ProductRepository>(INVENTORY.ProductRepository)
    .toDynamicValue((ctx) => new ObjectionProductRepository(ctx.get<Knex>(INVENTORY_INPUTS.Knex)))
    .inSingletonScope();
  bind<ReservationRepository>(INVENTORY.ReservationRepository)
    .toDynamicValue((ctx) => new ObjectionReservationRepository(ctx.get<Knex>(INVENTORY_INPUTS.Knex)))
    .inSingletonScope();
  const products = (ctx: Resolver) => ctx.get<ProductRepository>(INVENTORY.ProductRepository);
  const reservations = (ctx: Resolver) => ctx.get<ReservationRepository>(INVENTORY.ReservationRepository);
  const clock = (ctx: Resolver) => ctx.get<Clock>(INVENTORY_INPUTS.Clock);
  bind(INVENTORY.ListProducts)
    .toDynamicValue((ctx) => new ListProducts(products(ctx)))
    .inSingletonScope();
  bind(INVENTORY.GetProduct)
    .toDynamicValue((ctx) => new GetProduct(products(ctx)))
    .inSingletonScope();
  bind(INVENTORY.AddProduct)
    .toDynamicValue((ctx) => new AddProduct(products(ctx)))
    .inSingletonScope();
  bind(INVENTORY.SetStock)
    .toDynamicValue((ctx) => new SetStock(products(ctx)))
    .inSingletonScope();
  bind(INVENTORY.ReserveStock)
    .toDynamicValue((ctx) => new ReserveStock(reservations(ctx), clock(ctx)))
    .inSingletonScope();
  bind(INVENTORY.ReleaseStock)
    .toDynamicValue((ctx) => new ReleaseStock(reservations(ctx), clock(ctx)))
    .inSingletonScope();
  bind(INVENTORY.CommitStock)
    .toDynamicValue((ctx) => new CommitStock(reservations(ctx), clock(ctx)))
    .inSingletonScope();
});

export interface InventoryInputs {
  knex: Knex;
  clock: Clock;
}

/** The shape every context's compose() returns: use cases and repositories by camelCase name. */
export interface InventoryComposition {
  useCases: {
    listProducts: ListProducts;
    getProduct: GetProduct;
    addProduct: AddProduct;
    setStock: SetStock;
    reserveStock: ReserveStock;
    releaseStock: ReleaseStock;
    commitStock: CommitStock;
  };
  repositories: { product: ProductRepository; reservation: ReservationRepository };
}

export type InventoryUseCases = InventoryComposition['useCases'];

/** Builds the context on its inputs; the app hands the use cases to its routes. */
export function compose(inputs: InventoryInputs): InventoryComposition {
  const container = new Container();
  container.bind(INVENTORY_INPUTS.Knex).toConstantValue(inputs.knex);
  container.bind(INVENTORY_INPUTS.Clock).toConstantValue(inputs.clock);
  container.load(inventoryModule);
  return {
    useCases: {
      listProducts: container.get(INVENTORY.ListProducts),
      getProduct: container.get(INVENTORY.GetProduct),
      addProduct: container.get(INVENTORY.AddProduct),
      setStock: container.get(INVENTORY.SetStock),
      reserveStock: container.get(INVENTORY.ReserveStock),
      releaseStock: container.get(INVENTORY.ReleaseStock),
      commitStock: container.get(INVENTORY.CommitStock),
    },
    repositories: {
      product: container.get(INVENTORY.ProductRepository),
      reservation: container.get(INVENTORY.ReservationRepository),
    },
  };
}
