import type { z } from 'zod';
import { parseConfig } from '../../shared/infrastructure/config.js';
import { contextConfigSchema } from '../../shared/infrastructure/context-service.js';

/** The order service's env: only what every context service reads (ORDER_DATABASE_URL, ORDER_PORT, HOST, LOG_LEVEL). */
export const orderConfigSchema = contextConfigSchema('order');

export type OrderConfig = z.output<typeof orderConfigSchema>;

/** A bad value stops the process with a message that names the variable. */
export function loadOrderConfig(env: NodeJS.ProcessEnv): OrderConfig {
  return parseConfig(orderConfigSchema, env);
}
