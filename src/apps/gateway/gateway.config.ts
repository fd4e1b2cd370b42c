import { z } from 'zod';
import { DEFAULT_PORTS, logLevel, port } from '../../shared/infrastructure/config.js';
import { ORDER_TASK_QUEUE } from '../../workflows/order-saga.messages.js';
import type { SagaPolicyOverrides } from '../../workflows/order-saga.policy.js';

const serviceUrl = (name: keyof typeof DEFAULT_PORTS) => z.url().default(`http://127.0.0.1:${DEFAULT_PORTS[name]}`);

const retryPolicy = z.strictObject({
  initialInterval: z.union([z.string(), z.number()]).optional(),
  backoffCoefficient: z.number().min(1).optional(),
  maximumInterval: z.union([z.string(), z.number()]).optional(),
  maximumAttempts: z.number().int().min(0).optional(),
});

/** Overrides of the saga's retries and timeouts (tests and demos); unset means production defaults. */
const sagaPolicyJson = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .strictObject({
        activityStartToClose: z.union([z.string(), z.number()]).optional(),
        paymentStartToClose: z.union([z.string(), z.number()]).optional(),
        forwardRetry: retryPolicy.optional(),
        paymentRetry: retryPolicy.optional(),
        compensationRetry: retryPolicy.optional(),
        paymentConfirmationTimeout: z.union([z.string(), z.number()]).optional(),
      })
      .optional(),
  )
  // Temporal validates the duration strings themselves when the workflow uses them.
  .transform((policy) => policy as SagaPolicyOverrides | undefined);

export const gatewayConfigSchema = z.object({
  GATEWAY_PORT: port(DEFAULT_PORTS.gateway),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: logLevel,
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(ORDER_TASK_QUEUE),
  CUSTOMER_URL: serviceUrl('customer'),
  INVENTORY_URL: serviceUrl('inventory'),
  ORDER_URL: serviceUrl('order'),
  PAYMENT_URL: serviceUrl('payment'),
  NOTIFICATION_URL: serviceUrl('notification'),
  HTTP_CLIENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
  SAGA_POLICY_JSON: sagaPolicyJson,
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
