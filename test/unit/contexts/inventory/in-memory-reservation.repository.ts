import { Reservation } from '../../../../src/contexts/inventory/domain/reservation.aggregate.js';
import type { ReservationRepository } from '../../../../src/contexts/inventory/domain/reservation.repository.js';
import { answer } from '../../../support/doubles/async.js';
import type { InMemoryProductRepository } from './in-memory-product.repository.js';

/**
 * The reservation port in memory, moving the products' stock the way the real adapter does:
 * whenever a save changes `stockTaken`, all lines or none, before the reservation is stored.
 */
export class InMemoryReservationRepository implements ReservationRepository {
  private readonly rows = new Map<string, Reservation>();

  constructor(private readonly products: InMemoryProductRepository) {}

  get(orderId: string): Promise<Reservation | undefined> {
    return answer(() => {
      const row = this.rows.get(orderId);
      return row && copy(row);
    });
  }

  add(reservation: Reservation): Promise<{ aggregate: Reservation; created: boolean }> {
    return answer(() => {
      const existing = this.rows.get(reservation.orderId);
      if (existing) return { aggregate: copy(existing), created: false };
      if (reservation.stockTaken) this.products.moveStock(reservation.lines, 'take');
      this.rows.set(reservation.orderId, copy(reservation));
      return { aggregate: reservation, created: true };
    });
  }

  update(orderId: string, change: (current: Reservation | undefined) => Reservation | undefined): Promise<Reservation | undefined> {
    return answer(() => {
      const row = this.rows.get(orderId);
      const current = row && copy(row);
      const tookBefore = current?.stockTaken ?? false;
      const next = change(current);
      if (!next) return row && copy(row);
      if (!tookBefore && next.stockTaken) this.products.moveStock(next.lines, 'take');
      if (tookBefore && !next.stockTaken) this.products.moveStock(next.lines, 'putBack');
      this.rows.set(orderId, copy(next));
      return next;
    });
  }

  get size(): number {
    return this.rows.size;
  }
}

function copy(reservation: Reservation): Reservation {
  return Reservation.restore(reservation.snapshot());
}
