import type { Clock } from '../../../shared/kernel/clock.js';
import { Reservation } from '../domain/reservation.aggregate.js';
import type { ReservationRepository } from '../domain/reservation.repository.js';

export class ReleaseStock {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Compensation: idempotent, and safe for an order that never reserved (leaves a tombstone, so
   * a late reserve takes nothing). The repository puts the stock back as the reservation is saved.
   */
  async execute(orderId: string): Promise<Reservation> {
    const now = this.clock.now();
    const saved = await this.reservations.update(orderId, (current) => {
      if (!current) return Reservation.tombstone(orderId, now);
      return current.release(now) ? current : undefined;
    });
    return saved!;
  }
}
