import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { compose } from '../../contexts/inventory/inventory.module.js';
import { inventoryRoutes } from '../../contexts/inventory/infrastructure/http/inventory.routes.js';
import { inventoryMigrations } from '../../contexts/inventory/infrastructure/persistence/migrations/index.js';
import { seedDemoCatalog } from '../../contexts/inventory/infrastructure/persistence/demo-catalog.seed.js';
import { StockChangeFeed } from '../../contexts/inventory/infrastructure/persistence/stock-change.feed.js';
import { loadInventoryConfig } from './inventory.config.js';

/** Composition root of the inventory deployable. */
export const inventoryService: ContextServiceDefinition = {
  name: 'inventory',
  migrations: inventoryMigrations,
  loadConfig: loadInventoryConfig,
  async seed(knex, logger) {
    const inserted = await seedDemoCatalog(knex);
    if (inserted > 0) logger.info({ inserted }, 'demo catalog seeded');
  },
  async compose(knex, logger) {
    const { useCases } = compose({ knex, clock: systemClock });
    const stockChanges = StockChangeFeed.on(knex, logger.child({ component: 'stock-changes' }));
    await stockChanges.start();
    return { routers: [inventoryRoutes(useCases, stockChanges)], dispose: () => stockChanges.close() };
  },
};
