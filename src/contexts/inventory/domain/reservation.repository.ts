import type { Reservation } from './reservation.aggregate.js';

/**
 * Port. Reservations are identified by their order id.
 *
 * A reservation and the stock it takes change together or not at all, so the stock moves here,
 * inside the reservation's own transaction, rather than through a second repository: whenever a
 * save changes `reservation.stockTaken`, the adapter takes every line's quantity from its product
 * (false -> true) or puts it back (true -> false). Taking is all or none and never oversells under
 * concurrent callers: an unknown sku fails with ProductNotFound, a short one with
 * InsufficientStock, and then nothing at all is written. (A unit-of-work port spanning the
 * product and reservation repositories would give the same guarantee at the price of a
 * transaction handle in every use case; no other use case needs one.)
 */
export interface ReservationRepository {
  get(orderId: string): Promise<Reservation | undefined>;
  /**
   * Stores the reservation, taking its stock, unless its order already has one; the order id key
   * (not a read-then-write) decides who is first. Returns the stored reservation: this one
   * (created) or the one already there, untouched (the caller decides whether that is a repeat).
   */
  add(reservation: Reservation): Promise<{ aggregate: Reservation; created: boolean }>;
  /**
   * Runs `change` on the order's reservation locked against concurrent changes, or on undefined
   * when there is none, and saves what it returns (nothing when it returns undefined), moving
   * stock as described above. Returns what was saved, or the current reservation when nothing was.
   */
  update(orderId: string, change: (current: Reservation | undefined) => Reservation | undefined): Promise<Reservation | undefined>;
}
