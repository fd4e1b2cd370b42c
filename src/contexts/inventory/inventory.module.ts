import { ContainerModule } from 'inversify';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/kernel/clock.js';
import { AddProduct } from './application/add-product.use-case.js';
import { CommitStock } from './application/commit-stock.use-case.js';
import { GetProduct } from './application/get-product.use-case.js';
import { ListProducts } from './application/list-products.use-case.js';
import { ReleaseStock } from './application/release-stock.use-case.js';
import { ReserveStock } from './application/reserve-stock.use-case.js';
import { SetStock } from './application/set-stock.use-case.js';
import type { InventoryRepository } from './domain/inventory.repository.js';
import { ObjectionInventoryRepository } from './infrastructure/persistence/objection-inventory.repository.js';

/** What the composition root must bind before loading the module. */
export const INVENTORY_INPUTS = {
  Knex: Symbol.for('inventory.Knex'),
  Clock: Symbol.for('inventory.Clock'),
};

export const INVENTORY = {
  Repository: Symbol.for('inventory.Repository'),
  ListProducts: Symbol.for('inventory.ListProducts'),
  GetProduct: Symbol.for('inventory.GetProduct'),
  AddProduct: Symbol.for('inventory.AddProduct'),
  SetStock: Symbol.for('inventory.SetStock'),
  ReserveStock: Symbol.for('inventory.ReserveStock'),
  ReleaseStock: Symbol.for('inventory.ReleaseStock'),
  CommitStock: Symbol.for('inventory.CommitStock'),
};

/**
 * Domain and application classes stay free of decorators: every binding is a factory that
 * names its dependencies explicitly (no reflection metadata needed, works under tsx/esbuild).
 */
export const inventoryModule = new ContainerModule(({ bind }) => {
  bind<InventoryRepository>(INVENTORY.Repository)
    .toDynamicValue((ctx) => new ObjectionInventoryRepository(ctx.get<Knex>(INVENTORY_INPUTS.Knex)))
    .inSingletonScope();
  const repo = (ctx: { get<T>(id: symbol): T }) => ctx.get<InventoryRepository>(INVENTORY.Repository);
  const clock = (ctx: { get<T>(id: symbol): T }) => ctx.get<Clock>(INVENTORY_INPUTS.Clock);
  bind(INVENTORY.ListProducts).toDynamicValue((ctx) => new ListProducts(repo(ctx))).inSingletonScope();
  bind(INVENTORY.GetProduct).toDynamicValue((ctx) => new GetProduct(repo(ctx))).inSingletonScope();
  bind(INVENTORY.AddProduct).toDynamicValue((ctx) => new AddProduct(repo(ctx))).inSingletonScope();
  bind(INVENTORY.SetStock).toDynamicValue((ctx) => new SetStock(repo(ctx))).inSingletonScope();
  bind(INVENTORY.ReserveStock).toDynamicValue((ctx) => new ReserveStock(repo(ctx), clock(ctx))).inSingletonScope();
  bind(INVENTORY.ReleaseStock).toDynamicValue((ctx) => new ReleaseStock(repo(ctx), clock(ctx))).inSingletonScope();
  bind(INVENTORY.CommitStock).toDynamicValue((ctx) => new CommitStock(repo(ctx), clock(ctx))).inSingletonScope();
});
