import { z } from 'zod';
import { DEFAULT_PORTS, logLevel, optionalUrl, port, downstreamServicesEnv, temporalClientEnv } from '../../shared/infrastructure/config.js';
import { ORDER_TASK_QUEUE } from '../../workflows/order-saga.messages.js';

export const workerConfigSchema = z.object({
  ...temporalClientEnv,
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(ORDER_TASK_QUEUE),
  ...downstreamServicesEnv,
  BREAKER_CONSECUTIVE_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  BREAKER_HALF_OPEN_AFTER_MS: z.coerce.number().int().min(50).max(3_600_000).default(10_000),
  /** Shared with the gateways' socket.io adapter; unset = the embedded Postgres. */
  EVENTS_DATABASE_URL: optionalUrl,
  WORKER_PORT: port(DEFAULT_PORTS.worker),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: logLevel,
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
