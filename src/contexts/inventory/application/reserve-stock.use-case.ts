import type { Clock } from '../../../shared/kernel/clock.js';
import type { InventoryRepository } from '../domain/inventory.repository.js';
import { Reservation, type ReservationLine } from '../domain/reservation.aggregate.js';

export class ReserveStock {
  constructor(
    private readonly repository: InventoryRepository,
    private readonly clock: Clock,
  ) {}

  /** Idempotent by orderId: a repeat with the same lines returns the first result and moves no stock. */
  async execute(orderId: string, lines: readonly ReservationLine[]): Promise<Reservation> {
    const requested = Reservation.request(orderId, lines, this.clock.now());
    const { reservation, created } = await this.repository.reserve(requested);
    if (!created) reservation.assertRepeatOf(requested);
    return reservation;
  }
}
