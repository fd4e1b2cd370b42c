import type { Clock } from '../../../shared/kernel/clock.js';
import { Reservation, type ReservationLine } from '../domain/reservation.aggregate.js';
import type { ReservationRepository } from '../domain/reservation.repository.js';

export class ReserveStock {
  constructor(
    private readonly reservations: ReservationRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes every line's stock or none. Idempotent by orderId: a repeat with the same lines
   * returns the first result and moves no stock.
   * @throws InsufficientStock, ProductNotFound (nothing taken), ReservationMismatch, ReservationClosed
   */
  async execute(orderId: string, lines: readonly ReservationLine[]): Promise<Reservation> {
    const requested = Reservation.request(orderId, lines, this.clock.now());
    const { aggregate: reservation, created } = await this.reservations.add(requested);
    if (!created) reservation.assertRepeatOf(requested);
    return reservation;
  }
}
