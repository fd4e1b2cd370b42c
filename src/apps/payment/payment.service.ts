import { Container } from 'inversify';
import { z } from 'zod';
import { parseConfig } from '../../shared/infrastructure/config.js';
import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { PAYMENT, PAYMENT_INPUTS, paymentModule } from '../../contexts/payment/payment.module.js';
import { paymentRoutes } from '../../contexts/payment/infrastructure/http/payment.routes.js';
import { paymentMigrations } from '../../contexts/payment/infrastructure/persistence/migrations/index.js';
import { mathRandom, timerSleeper } from '../../contexts/payment/infrastructure/simulator/simulator.adapters.js';
import { SimulatorSettings } from '../../contexts/payment/domain/simulator-settings.value.js';

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

/** Composition root of the payment deployable. */
export const paymentService: ContextServiceDefinition = {
  name: 'payment',
  migrations: paymentMigrations,
  compose(knex, logger, env) {
    const settings = parseConfig(paymentSimulatorConfigSchema, env);
    logger.info({ simulator: settings.toJSON() }, 'card simulator settings');
    const container = new Container();
    container.bind(PAYMENT_INPUTS.Knex).toConstantValue(knex);
    container.bind(PAYMENT_INPUTS.Clock).toConstantValue(systemClock);
    container.bind(PAYMENT_INPUTS.Sleeper).toConstantValue(timerSleeper);
    container.bind(PAYMENT_INPUTS.RandomSource).toConstantValue(mathRandom);
    container.bind(PAYMENT_INPUTS.InitialSimulatorSettings).toConstantValue(settings);
    container.load(paymentModule);
    return [
      paymentRoutes({
        createPaymentMethod: container.get(PAYMENT.CreatePaymentMethod),
        getPaymentMethod: container.get(PAYMENT.GetPaymentMethod),
        chargePayment: container.get(PAYMENT.ChargePayment),
        confirmPayment: container.get(PAYMENT.ConfirmPayment),
        refundPayment: container.get(PAYMENT.RefundPayment),
        getPayment: container.get(PAYMENT.GetPayment),
        getSimulatorSettings: container.get(PAYMENT.GetSimulatorSettings),
        updateSimulatorSettings: container.get(PAYMENT.UpdateSimulatorSettings),
      }),
    ];
  },
};
