import type { Knex } from 'knex';
import { isUuid } from '../../../../shared/kernel/ids.js';
import { InsufficientStock, ProductNotFound } from '../../domain/inventory.errors.js';
import type { Reservation, ReservationLine } from '../../domain/reservation.aggregate.js';
import type { ReservationRepository } from '../../domain/reservation.repository.js';
import { ReservationMapper } from './reservation.mapper.js';
import { ReservationRecord } from './reservation.record.js';

const RACED = Symbol('raced');

/**
 * Writes reservations and, in the same transaction, the products' stock they take or give back
 * (ReservationRepository explains why the stock moves here). Both tables live in this context's
 * one database, so one transaction covers the reservation row and every product row it touches.
 */
export class ObjectionReservationRepository implements ReservationRepository {
  // Bound to this context's own knex: no global Model.knex(), so two contexts in one process stay apart.
  private readonly Reservations: typeof ReservationRecord;

  constructor(private readonly knex: Knex) {
    this.Reservations = ReservationRecord.bindKnex(knex);
  }

  async get(orderId: string): Promise<Reservation | undefined> {
    // A malformed id names no reservation (and would make Postgres refuse the uuid comparison).
    if (!isUuid(orderId)) return undefined;
    const row = await this.Reservations.query().findById(orderId);
    return row ? ReservationMapper.toReservation(row) : undefined;
  }

  add(reservation: Reservation): Promise<{ aggregate: Reservation; created: boolean }> {
    return this.knex.transaction(async (trx) => {
      // The primary key on order_id, not a read-then-write, decides who reserves first.
      const inserted = await trx('reservations').insert(toInsertRow(reservation)).onConflict('order_id').ignore().returning('order_id');
      if (inserted.length === 0) {
        const existing = await this.Reservations.query(trx).findById(reservation.orderId);
        return { aggregate: ReservationMapper.toReservation(existing!), created: false };
      }
      // A failure here rolls the insert back too: the order keeps no reservation and may try again.
      if (reservation.stockTaken) await takeStock(trx, reservation.lines);
      return { aggregate: reservation, created: true };
    });
  }

  async update(orderId: string, change: (current: Reservation | undefined) => Reservation | undefined): Promise<Reservation | undefined> {
    // A concurrent reserve can insert the row between our locked read (of nothing) and our insert;
    // then the key makes us lose cleanly and we decide again on the row that now exists.
    for (;;) {
      const outcome = await this.tryUpdate(orderId, change);
      if (outcome !== RACED) return outcome;
    }
  }

  private tryUpdate(
    orderId: string,
    change: (current: Reservation | undefined) => Reservation | undefined,
  ): Promise<Reservation | undefined | typeof RACED> {
    return this.knex.transaction(async (trx) => {
      const row = await this.Reservations.query(trx).findById(orderId).forUpdate();
      const current = row ? ReservationMapper.toReservation(row) : undefined;
      // Read before `change`, which may mutate `current` in place.
      const tookBefore = current?.stockTaken ?? false;
      const next = change(current);
      // Nothing to save: answer with what is stored, not with whatever `change` did to its copy.
      if (!next) return row ? ReservationMapper.toReservation(row) : undefined;
      if (row) {
        await trx('reservations').where('order_id', orderId).update(toInsertRow(next));
      } else {
        const inserted = await trx('reservations').insert(toInsertRow(next)).onConflict('order_id').ignore().returning('order_id');
        if (inserted.length === 0) return RACED;
      }
      if (!tookBefore && next.stockTaken) await takeStock(trx, next.lines);
      if (tookBefore && !next.stockTaken) await putBackStock(trx, next.lines);
      return next;
    });
  }
}

/** Plain knex writes the json column from a string (an array would become a Postgres array). */
function toInsertRow(reservation: Reservation) {
  const row = ReservationMapper.toRow(reservation);
  return { ...row, lines: JSON.stringify(row.lines) };
}

/** Every line or none (the caller's transaction rolls back on the first short line). */
async function takeStock(trx: Knex.Transaction, lines: readonly ReservationLine[]): Promise<void> {
  // Lines come sorted by sku, so concurrent reservations lock product rows in one order and cannot deadlock.
  for (const line of lines) {
    // Conditional decrement: the row lock plus `>=` makes overselling impossible under concurrency.
    const updated = await trx('products')
      .where('sku', line.sku)
      .andWhere('stock_available', '>=', line.quantity)
      .decrement('stock_available', line.quantity)
      .update({ updated_at: trx.fn.now() })
      .returning('sku');
    if (updated.length === 0) {
      const product = await trx<{ stock_available: number }>('products').where('sku', line.sku).first('stock_available');
      if (!product) throw new ProductNotFound(line.sku);
      throw new InsufficientStock(line.sku, line.quantity, product.stock_available);
    }
  }
}

async function putBackStock(trx: Knex.Transaction, lines: readonly ReservationLine[]): Promise<void> {
  for (const line of lines) {
    await trx('products').where('sku', line.sku).increment('stock_available', line.quantity).update({ updated_at: trx.fn.now() });
  }
}
