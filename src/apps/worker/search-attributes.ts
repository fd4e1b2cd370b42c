import { registerSearchAttributes } from '../../shared/infrastructure/temporal-search-attributes.js';
import type { Logger } from '../../shared/infrastructure/logger.js';
import type { WorkerConfig } from './worker.config.js';

/**
 * A workflow that upserts an unknown search attribute fails its task: make sure they exist. Not
 * fatal when this worker may not check (no operator permission): the cluster may have them.
 */
export async function ensureSearchAttributes(
  config: Pick<WorkerConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>,
  logger: Logger,
): Promise<void> {
  const added = await registerSearchAttributes(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE).catch((error: unknown) => {
    logger.warn({ err: error }, 'could not check search attributes (no operator permission?); the saga needs OrderStatus and CustomerId');
    return [];
  });
  if (added.length > 0) logger.info({ added }, 'search attributes registered');
}
