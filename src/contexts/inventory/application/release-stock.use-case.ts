import type { Clock } from '../../../shared/kernel/clock.js';
import type { InventoryRepository } from '../domain/inventory.repository.js';
import { Reservation } from '../domain/reservation.aggregate.js';

export class ReleaseStock {
  constructor(
    private readonly repository: InventoryRepository,
    private readonly clock: Clock,
  ) {}

  /** Compensation: idempotent, and safe for an order that never reserved (leaves a tombstone). */
  async execute(orderId: string): Promise<Reservation> {
    const now = this.clock.now();
    const result = await this.repository.changeReservation(orderId, (current) => {
      if (!current) return { next: Reservation.tombstone(orderId, now), returnStock: false };
      const returnStock = current.release(now);
      return returnStock ? { next: current, returnStock } : undefined;
    });
    return result!;
  }
}
