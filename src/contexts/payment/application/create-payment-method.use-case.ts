import type { Clock } from '../../../shared/kernel/clock.js';
import { CardNumber } from '../domain/card-number.value.js';
import { PaymentMethod } from '../domain/payment-method.aggregate.js';
import type { PaymentMethodRepository } from '../domain/payment-method.repository.js';

export interface CreatePaymentMethodCommand {
  customerId: string;
  cardNumber: string;
}

export class CreatePaymentMethod {
  constructor(
    private readonly repository: PaymentMethodRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Turns a card number into an opaque token the rest of the system can carry instead (through
   * Temporal, in logs). Not idempotent, like a PSP's: each call issues a new token, and an unused
   * one costs nothing.
   * @throws InvalidValue when the number is not a card number (length, characters, Luhn check)
   */
  async execute(command: CreatePaymentMethodCommand): Promise<PaymentMethod> {
    const card = CardNumber.parse(command.cardNumber);
    const method = PaymentMethod.register(this.repository.nextId(), command.customerId, card, this.clock.now());
    const { aggregate, created } = await this.repository.add(method);
    // 144 random bits do not clash; if they ever did, answering someone else's card would be far worse than a 500.
    if (!created) throw new Error('payment method id clash');
    return aggregate;
  }
}
