import type { Clock } from '../../../shared/kernel/clock.js';
import { Money } from '../../../shared/kernel/money.js';
import { Order } from '../domain/order.aggregate.js';
import { OrderAlreadyExists } from '../domain/order.errors.js';
import type { OrderRepository } from '../domain/order.repository.js';

export interface CreateOrderCommand {
  id: string;
  customerId: string;
  currency: string;
  lines: readonly { sku: string; name: string; unitPriceMinor: number; quantity: number }[];
  by: string;
  reason: string;
}

export class CreateOrder {
  constructor(
    private readonly repository: OrderRepository,
    private readonly clock: Clock,
  ) {}

  /** Idempotent by id: a repeat of the same order returns the stored one, a different one is refused. */
  async execute(command: CreateOrderCommand): Promise<{ order: Order; created: boolean }> {
    const requested = Order.place(
      {
        id: command.id,
        customerId: command.customerId,
        lines: command.lines.map((line) => ({
          sku: line.sku,
          name: line.name,
          unitPrice: Money.of(line.unitPriceMinor, command.currency),
          quantity: line.quantity,
        })),
      },
      { by: command.by, reason: command.reason },
      this.clock.now(),
    );
    const { aggregate: order, created } = await this.repository.add(requested);
    if (!created && !order.isSameRequestAs(requested)) throw new OrderAlreadyExists(requested.id);
    return { order, created };
  }
}
