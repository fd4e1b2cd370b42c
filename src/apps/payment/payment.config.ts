import { z } from 'zod';
import { parseConfig } from '../../shared/infrastructure/config.js';
import { contextConfigSchema, type ContextConfig } from '../../shared/infrastructure/context-service.js';
import { SimulatorSettings } from '../../contexts/payment/domain/simulator-settings.value.js';

/** What every context service reads (PAYMENT_DATABASE_URL, PAYMENT_PORT, HOST, LOG_LEVEL). */
export const paymentServiceConfigSchema = contextConfigSchema('payment');

// An empty variable means "not set" (so `PAYMENT_TRANSIENT_FAILURES_BEFORE_SUCCESS=` switches back to the rate).
const blankAsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Start-up values of the card simulator; GET/PUT /simulator/settings reads and changes them at runtime. */
export const paymentSimulatorConfigSchema = z
  .object({
    PAYMENT_TRANSIENT_FAILURE_RATE: z.preprocess(blankAsUnset, z.coerce.number().min(0).max(1).default(0.5)),
    PAYMENT_TRANSIENT_FAILURES_BEFORE_SUCCESS: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(1000).optional()),
    PAYMENT_SLOW_CARD_DELAY_MS: z.preprocess(blankAsUnset, z.coerce.number().int().min(0).max(60_000).default(3000)),
  })
  .transform((env) =>
    SimulatorSettings.of({
      transientFailureRate: env.PAYMENT_TRANSIENT_FAILURE_RATE,
      transientFailuresBeforeSuccess: env.PAYMENT_TRANSIENT_FAILURES_BEFORE_SUCCESS ?? null,
      slowCardDelayMs: env.PAYMENT_SLOW_CARD_DELAY_MS,
    }),
  );

export type PaymentConfig = ContextConfig & { simulator: SimulatorSettings };

/** A bad value stops the process with a message that names the variable. */
export function loadPaymentConfig(env: NodeJS.ProcessEnv): PaymentConfig {
  return { ...parseConfig(paymentServiceConfigSchema, env), simulator: parseConfig(paymentSimulatorConfigSchema, env) };
}
