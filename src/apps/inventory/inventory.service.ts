import { Container } from 'inversify';
import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { INVENTORY, INVENTORY_INPUTS, inventoryModule } from '../../contexts/inventory/inventory.module.js';
import { inventoryRoutes } from '../../contexts/inventory/infrastructure/http/inventory.routes.js';
import { inventoryMigrations } from '../../contexts/inventory/infrastructure/persistence/migrations/index.js';
import { seedDemoCatalog } from '../../contexts/inventory/infrastructure/persistence/demo-catalog.seed.js';

/** Composition root of the inventory deployable. */
export const inventoryService: ContextServiceDefinition = {
  name: 'inventory',
  migrations: inventoryMigrations,
  async seed(knex, logger) {
    const inserted = await seedDemoCatalog(knex);
    if (inserted > 0) logger.info({ inserted }, 'demo catalog seeded');
  },
  compose(knex) {
    const container = new Container();
    container.bind(INVENTORY_INPUTS.Knex).toConstantValue(knex);
    container.bind(INVENTORY_INPUTS.Clock).toConstantValue(systemClock);
    container.load(inventoryModule);
    return [
      inventoryRoutes({
        listProducts: container.get(INVENTORY.ListProducts),
        getProduct: container.get(INVENTORY.GetProduct),
        addProduct: container.get(INVENTORY.AddProduct),
        setStock: container.get(INVENTORY.SetStock),
        reserveStock: container.get(INVENTORY.ReserveStock),
        releaseStock: container.get(INVENTORY.ReleaseStock),
        commitStock: container.get(INVENTORY.CommitStock),
      }),
    ];
  },
};
