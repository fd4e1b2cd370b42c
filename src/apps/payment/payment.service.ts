import type { ContextServiceDefinition } from '../../shared/infrastructure/context-service.js';
import { systemClock } from '../../shared/kernel/clock.js';
import { paymentRoutes } from '../../contexts/payment/infrastructure/http/payment.routes.js';
import { paymentMigrations } from '../../contexts/payment/infrastructure/persistence/migrations/index.js';
import { mathRandom } from '../../contexts/payment/infrastructure/simulator/math-random.source.js';
import { timerSleeper } from '../../contexts/payment/infrastructure/simulator/timer.sleeper.js';
import { compose } from '../../contexts/payment/payment.module.js';
import { loadPaymentConfig } from './payment.config.js';

/** Composition root of the payment deployable. */
export const paymentService: ContextServiceDefinition = {
  name: 'payment',
  migrations: paymentMigrations,
  loadConfig: loadPaymentConfig,
  compose(knex, logger, env) {
    // Checked at start by loadConfig already; read again here for the simulator's part.
    const { simulator } = loadPaymentConfig(env);
    logger.info({ simulator: simulator.toJSON() }, 'card simulator settings');
    const { useCases } = compose({
      knex,
      clock: systemClock,
      sleeper: timerSleeper,
      random: mathRandom,
      initialSimulatorSettings: simulator,
    });
    return [paymentRoutes(useCases)];
  },
};
