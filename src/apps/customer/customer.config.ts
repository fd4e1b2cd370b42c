import type { z } from 'zod';
import { parseConfig } from '../../shared/infrastructure/config.js';
import { contextConfigSchema } from '../../shared/infrastructure/context-service.js';

/** The customer service's env: only what every context service reads (CUSTOMER_DATABASE_URL, CUSTOMER_PORT, HOST, LOG_LEVEL). */
export const customerConfigSchema = contextConfigSchema('customer');

export type CustomerConfig = z.output<typeof customerConfigSchema>;

/** A bad value stops the process with a message that names the variable. */
export function loadCustomerConfig(env: NodeJS.ProcessEnv): CustomerConfig {
  return parseConfig(customerConfigSchema, env);
}
