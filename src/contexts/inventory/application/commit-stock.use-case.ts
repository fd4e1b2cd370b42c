import type { Clock } from '../../../shared/kernel/clock.js';
import { ReservationNotFound } from '../domain/inventory.errors.js';
import type { Reservation } from '../domain/reservation.aggregate.js';
import type { ReservationRepository } from '../domain/reservation.repository.js';

export class CommitStock {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly clock: Clock,
  ) {}

  /** The reserved units are sold: idempotent; a released reservation cannot be committed. */
  async execute(orderId: string): Promise<Reservation> {
    const now = this.clock.now();
    const saved = await this.reservations.update(orderId, (current) => {
      if (!current) throw new ReservationNotFound(orderId);
      return current.commit(now) ? current : undefined;
    });
    return saved!;
  }
}
