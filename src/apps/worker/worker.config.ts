import { z } from 'zod';
import { DEFAULT_PORTS, logLevel, optionalUrl, port } from '../../shared/infrastructure/config.js';
import { ORDER_TASK_QUEUE } from '../../workflows/order-saga.messages.js';

const serviceUrl = (name: keyof typeof DEFAULT_PORTS) => z.url().default(`http://127.0.0.1:${DEFAULT_PORTS[name]}`);

export const workerConfigSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(ORDER_TASK_QUEUE),
  CUSTOMER_URL: serviceUrl('customer'),
  INVENTORY_URL: serviceUrl('inventory'),
  ORDER_URL: serviceUrl('order'),
  PAYMENT_URL: serviceUrl('payment'),
  NOTIFICATION_URL: serviceUrl('notification'),
  /** Per-request timeout of the HTTP adapters; the activity's own timeout bounds the whole attempt. */
  HTTP_CLIENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
  BREAKER_CONSECUTIVE_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  BREAKER_HALF_OPEN_AFTER_MS: z.coerce.number().int().min(50).max(3_600_000).default(10_000),
  /** Shared with the gateways' socket.io adapter; unset = the embedded Postgres. */
  EVENTS_DATABASE_URL: optionalUrl,
  WORKER_PORT: port(DEFAULT_PORTS.worker),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: logLevel,
});

export type WorkerConfig = z.infer<typeof workerConfigSchema>;
