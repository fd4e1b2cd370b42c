import { Container, ContainerModule } from 'inversify';
import type { Knex } from 'knex';
import type { Clock } from '../../shared/kernel/clock.js';
import { ChargePayment } from './application/charge-payment.use-case.js';
import { ConfirmPayment } from './application/confirm-payment.use-case.js';
import { CreatePaymentMethod } from './application/create-payment-method.use-case.js';
import { GetPaymentMethod } from './application/get-payment-method.use-case.js';
import { GetPayment } from './application/get-payment.use-case.js';
import { GetSimulatorSettings } from './application/get-simulator-settings.use-case.js';
import { RefundPayment } from './application/refund-payment.use-case.js';
import { UpdateSimulatorSettings } from './application/update-simulator-settings.use-case.js';
import type { CardProvider } from './domain/card.provider.js';
import { CardSimulator } from './domain/card-simulator.service.js';
import type { Sleeper } from './domain/delay.sleeper.js';
import type { PaymentMethodRepository } from './domain/payment-method.repository.js';
import type { PaymentRepository } from './domain/payment.repository.js';
import type { RandomSource } from './domain/random.source.js';
import type { SimulatorSettingsStore } from './domain/simulator-settings.store.js';
import type { SimulatorSettings } from './domain/simulator-settings.value.js';
import { ObjectionPaymentMethodRepository } from './infrastructure/persistence/objection-payment-method.repository.js';
import { ObjectionPaymentRepository } from './infrastructure/persistence/objection-payment.repository.js';
import { ObjectionSimulatorSettingsStore } from './infrastructure/persistence/objection-simulator-settings.store.js';

/** What the composition root must bind before loading the module. */
export const PAYMENT_INPUTS = {
  Knex: Symbol.for('payment.Knex'),
  Clock: Symbol.for('payment.Clock'),
  Sleeper: Symbol.for('payment.Sleeper'),
  RandomSource: Symbol.for('payment.RandomSource'),
  InitialSimulatorSettings: Symbol.for('payment.InitialSimulatorSettings'),
};

export const PAYMENT = {
  PaymentRepository: Symbol.for('payment.PaymentRepository'),
  PaymentMethodRepository: Symbol.for('payment.PaymentMethodRepository'),
  SimulatorSettingsStore: Symbol.for('payment.SimulatorSettingsStore'),
  CardProvider: Symbol.for('payment.CardProvider'),
  CreatePaymentMethod: Symbol.for('payment.CreatePaymentMethod'),
  GetPaymentMethod: Symbol.for('payment.GetPaymentMethod'),
  ChargePayment: Symbol.for('payment.ChargePayment'),
  ConfirmPayment: Symbol.for('payment.ConfirmPayment'),
  RefundPayment: Symbol.for('payment.RefundPayment'),
  GetPayment: Symbol.for('payment.GetPayment'),
  GetSimulatorSettings: Symbol.for('payment.GetSimulatorSettings'),
  UpdateSimulatorSettings: Symbol.for('payment.UpdateSimulatorSettings'),
};

type Resolver = { get<T>(id: symbol): T };

/**
 * Domain and application classes stay free of decorators: every binding is a factory that
 * names its dependencies explicitly (no reflection metadata needed, works under tsx/esbuild).
 */
export const paymentModule = new ContainerModule(({ bind }) => {
  bind<PaymentRepository>(PAYMENT.PaymentRepository)
    .toDynamicValue((ctx) => new ObjectionPaymentRepository(ctx.get<Knex>(PAYMENT_INPUTS.Knex)))
    .inSingletonScope();
  bind<PaymentMethodRepository>(PAYMENT.PaymentMethodRepository)
    .toDynamicValue((ctx) => new ObjectionPaymentMethodRepository(ctx.get<Knex>(PAYMENT_INPUTS.Knex)))
    .inSingletonScope();
  bind<SimulatorSettingsStore>(PAYMENT.SimulatorSettingsStore)
    .toDynamicValue(
      (ctx) =>
        new ObjectionSimulatorSettingsStore(
          ctx.get<Knex>(PAYMENT_INPUTS.Knex),
          ctx.get<SimulatorSettings>(PAYMENT_INPUTS.InitialSimulatorSettings),
        ),
    )
    .inSingletonScope();
  bind<CardProvider>(PAYMENT.CardProvider)
    .toDynamicValue(
      (ctx) =>
        new CardSimulator(
          ctx.get<SimulatorSettingsStore>(PAYMENT.SimulatorSettingsStore),
          ctx.get<RandomSource>(PAYMENT_INPUTS.RandomSource),
          ctx.get<Sleeper>(PAYMENT_INPUTS.Sleeper),
        ),
    )
    .inSingletonScope();

  const payments = (ctx: Resolver) => ctx.get<PaymentRepository>(PAYMENT.PaymentRepository);
  const methods = (ctx: Resolver) => ctx.get<PaymentMethodRepository>(PAYMENT.PaymentMethodRepository);
  const clock = (ctx: Resolver) => ctx.get<Clock>(PAYMENT_INPUTS.Clock);
  const settings = (ctx: Resolver) => ctx.get<SimulatorSettingsStore>(PAYMENT.SimulatorSettingsStore);
  bind(PAYMENT.CreatePaymentMethod)
    .toDynamicValue((ctx) => new CreatePaymentMethod(methods(ctx), clock(ctx)))
    .inSingletonScope();
  bind(PAYMENT.GetPaymentMethod)
    .toDynamicValue((ctx) => new GetPaymentMethod(methods(ctx)))
    .inSingletonScope();
  bind(PAYMENT.ChargePayment)
    .toDynamicValue((ctx) => new ChargePayment(payments(ctx), methods(ctx), ctx.get<CardProvider>(PAYMENT.CardProvider), clock(ctx)))
    .inSingletonScope();
  bind(PAYMENT.ConfirmPayment)
    .toDynamicValue((ctx) => new ConfirmPayment(payments(ctx), clock(ctx)))
    .inSingletonScope();
  bind(PAYMENT.RefundPayment)
    .toDynamicValue((ctx) => new RefundPayment(payments(ctx), clock(ctx)))
    .inSingletonScope();
  bind(PAYMENT.GetPayment)
    .toDynamicValue((ctx) => new GetPayment(payments(ctx)))
    .inSingletonScope();
  bind(PAYMENT.GetSimulatorSettings)
    .toDynamicValue((ctx) => new GetSimulatorSettings(settings(ctx)))
    .inSingletonScope();
  bind(PAYMENT.UpdateSimulatorSettings)
    .toDynamicValue((ctx) => new UpdateSimulatorSettings(settings(ctx)))
    .inSingletonScope();
});

export interface PaymentInputs {
  knex: Knex;
  clock: Clock;
  sleeper: Sleeper;
  random: RandomSource;
  initialSimulatorSettings: SimulatorSettings;
}

/** The shape every context's compose() returns: use cases and repositories by camelCase name. */
export interface PaymentComposition {
  useCases: {
    createPaymentMethod: CreatePaymentMethod;
    getPaymentMethod: GetPaymentMethod;
    chargePayment: ChargePayment;
    confirmPayment: ConfirmPayment;
    refundPayment: RefundPayment;
    getPayment: GetPayment;
    getSimulatorSettings: GetSimulatorSettings;
    updateSimulatorSettings: UpdateSimulatorSettings;
  };
  repositories: { payment: PaymentRepository; paymentMethod: PaymentMethodRepository };
}

export type PaymentUseCases = PaymentComposition['useCases'];

/** Builds the context on its inputs; the app hands the use cases to its routes. */
export function compose(inputs: PaymentInputs): PaymentComposition {
  const container = new Container();
  container.bind(PAYMENT_INPUTS.Knex).toConstantValue(inputs.knex);
  container.bind(PAYMENT_INPUTS.Clock).toConstantValue(inputs.clock);
  container.bind(PAYMENT_INPUTS.Sleeper).toConstantValue(inputs.sleeper);
  container.bind(PAYMENT_INPUTS.RandomSource).toConstantValue(inputs.random);
  container.bind(PAYMENT_INPUTS.InitialSimulatorSettings).toConstantValue(inputs.initialSimulatorSettings);
  container.load(paymentModule);
  return {
    useCases: {
      createPaymentMethod: container.get(PAYMENT.CreatePaymentMethod),
      getPaymentMethod: container.get(PAYMENT.GetPaymentMethod),
      chargePayment: container.get(PAYMENT.ChargePayment),
      confirmPayment: container.get(PAYMENT.ConfirmPayment),
      refundPayment: container.get(PAYMENT.RefundPayment),
      getPayment: container.get(PAYMENT.GetPayment),
      getSimulatorSettings: container.get(PAYMENT.GetSimulatorSettings),
      updateSimulatorSettings: container.get(PAYMENT.UpdateSimulatorSettings),
    },
    repositories: {
      payment: container.get(PAYMENT.PaymentRepository),
      paymentMethod: container.get(PAYMENT.PaymentMethodRepository),
    },
  };
}
