import type { Clock } from '../../../shared/kernel/clock.js';
import { ReservationNotFound } from '../domain/inventory.errors.js';
import type { InventoryRepository } from '../domain/inventory.repository.js';
import type { Reservation } from '../domain/reservation.aggregate.js';

export class CommitStock {
  constructor(
    private readonly repository: InventoryRepository,
    private readonly clock: Clock,
  ) {}

  async execute(orderId: string): Promise<Reservation> {
    const now = this.clock.now();
    const result = await this.repository.changeReservation(orderId, (current) => {
      if (!current) throw new ReservationNotFound(orderId);
      return current.commit(now) ? { next: current, returnStock: false } : undefined;
    });
    return result!;
  }
}
