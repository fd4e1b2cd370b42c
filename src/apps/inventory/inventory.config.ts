import type { z } from 'zod';
import { parseConfig } from '../../shared/infrastructure/config.js';
import { contextConfigSchema } from '../../shared/infrastructure/context-service.js';

/** The inventory service's env: only what every context service reads (INVENTORY_DATABASE_URL, INVENTORY_PORT, HOST, LOG_LEVEL). */
export const inventoryConfigSchema = contextConfigSchema('inventory');

export type InventoryConfig = z.output<typeof inventoryConfigSchema>;

/** A bad value stops the process with a message that names the variable. */
export function loadInventoryConfig(env: NodeJS.ProcessEnv): InventoryConfig {
  return parseConfig(inventoryConfigSchema, env);
}
