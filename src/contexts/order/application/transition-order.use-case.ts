import type { Clock } from '../../../shared/kernel/clock.js';
import { isUuid } from '../../../shared/kernel/ids.js';
import type { Order } from '../domain/order.aggregate.js';
import { OrderNotFound } from '../domain/order.errors.js';
import type { OrderRepository } from '../domain/order.repository.js';
import type { OrderStatus } from '../domain/order-status.value.js';

export interface TransitionOrderCommand {
  orderId: string;
  to: OrderStatus;
  by: string;
  reason: string;
  reasonCode?: string | null;
}

export class TransitionOrder {
  constructor(
    private readonly repository: OrderRepository,
    private readonly clock: Clock,
  ) {}

  /** Moving to the current status returns the order unchanged, so saga activities may retry freely. */
  async execute(command: TransitionOrderCommand): Promise<Order> {
    if (!isUuid(command.orderId)) throw new OrderNotFound(command.orderId);
    const now = this.clock.now();
    const order = await this.repository.update(command.orderId.toLowerCase(), (current) =>
      current?.transitionTo(command.to, { by: command.by, reason: command.reason, reasonCode: command.reasonCode }, now)
        ? current
        : undefined,
    );
    if (!order) throw new OrderNotFound(command.orderId);
    return order;
  }
}
