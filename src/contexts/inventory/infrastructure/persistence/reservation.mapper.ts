import { Reservation } from '../../domain/reservation.aggregate.js';
import type { ReservationRecord } from './reservation.record.js';

export type ReservationRow = Pick<ReservationRecord, 'order_id' | 'status' | 'lines' | 'updated_at'>;

export const ReservationMapper = {
  toReservation(row: ReservationRow): Reservation {
    return Reservation.restore({
      orderId: row.order_id,
      status: row.status,
      lines: typeof row.lines === 'string' ? (JSON.parse(row.lines) as ReservationRow['lines']) : row.lines,
      updatedAt: new Date(row.updated_at),
    });
  },

  toRow(reservation: Reservation): ReservationRow {
    const r = reservation.snapshot();
    return { order_id: r.orderId, status: r.status, lines: r.lines, updated_at: r.updatedAt };
  },
};
