import { Reservation, type ReservationLine } from '../../../../src/contexts/inventory/domain/reservation.aggregate.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId, aSku } from '../../../support/doubles/ids.js';

/** A requested (RESERVED) reservation for a fresh order; override only what the test is about. */
export function aReservation(overrides: { orderId?: string; lines?: readonly ReservationLine[]; at?: Date } = {}): Reservation {
  return Reservation.request(
    overrides.orderId ?? anId(),
    overrides.lines ?? [{ sku: aSku('P'), quantity: 1 }],
    overrides.at ?? new Date(TEST_EPOCH),
  );
}
