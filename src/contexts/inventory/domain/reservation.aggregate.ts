import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import { ReservationClosed, ReservationMismatch } from './inventory.errors.js';

export const MAX_LINE_QUANTITY = 1000;
export const MAX_LINES = 50;

export type ReservationStatus = 'RESERVED' | 'RELEASED' | 'COMMITTED';

export interface ReservationLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface ReservationProps {
  orderId: string;
  status: ReservationStatus;
  lines: ReservationLine[];
  updatedAt: Date;
}

/**
 * All the stock one order holds. Keyed by orderId, which is what makes reserve/release/commit
 * idempotent: the second call finds the first one's reservation and changes nothing.
 */
export class Reservation {
  private constructor(private props: ReservationProps) {}

  static request(orderId: string, lines: readonly ReservationLine[], now: Date): Reservation {
    if (lines.length === 0) throw new InvalidValue('a reservation needs at least one line');
    if (lines.length > MAX_LINES) throw new InvalidValue(`a reservation has at most ${MAX_LINES} lines`);
    const merged = new Map<string, number>();
    for (const line of lines) {
      if (!Number.isSafeInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY) {
        throw new InvalidValue(`quantity must be an integer from 1 to ${MAX_LINE_QUANTITY}`, { sku: line.sku, quantity: line.quantity });
      }
      merged.set(line.sku, (merged.get(line.sku) ?? 0) + line.quantity);
    }
    // Sorted by sku so concurrent reservations lock rows in the same order and cannot deadlock.
    const sorted = [...merged.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([sku, quantity]) => ({ sku, quantity }));
    return new Reservation({ orderId, status: 'RESERVED', lines: sorted, updatedAt: now });
  }

  /** A release for an order that never reserved leaves a tombstone, so a late reserve cannot resurrect it. */
  static tombstone(orderId: string, now: Date): Reservation {
    return new Reservation({ orderId, status: 'RELEASED', lines: [], updatedAt: now });
  }

  static restore(props: ReservationProps): Reservation {
    return new Reservation(props);
  }

  get orderId(): string {
    return this.props.orderId;
  }
  get status(): ReservationStatus {
    return this.props.status;
  }
  get lines(): readonly ReservationLine[] {
    return this.props.lines;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }

  /**
   * Whether this reservation's units are out of the products' available stock: taken when it
   * was reserved, given back when it is released, gone for good once committed. Persisting a
   * change of this flag moves stock, in the same transaction as the reservation itself (see
   * ReservationRepository).
   */
  get stockTaken(): boolean {
    return this.props.status !== 'RELEASED';
  }

  snapshot(): Readonly<ReservationProps> {
    return { ...this.props, lines: this.props.lines.map((line) => ({ ...line })) };
  }

  sameLinesAs(other: Reservation): boolean {
    return (
      this.lines.length === other.lines.length &&
      this.lines.every((line, i) => line.sku === other.lines[i]?.sku && line.quantity === other.lines[i]?.quantity)
    );
  }

  /** What a repeated reserve with `requested` means for this existing reservation. */
  assertRepeatOf(requested: Reservation): void {
    if (this.status !== 'RESERVED' && this.status !== 'COMMITTED') {
      throw new ReservationClosed(this.orderId, this.status, 'reserve');
    }
    if (!this.sameLinesAs(requested)) throw new ReservationMismatch(this.orderId);
  }

  /** @returns whether stock must be put back (false when already released). */
  release(now: Date): boolean {
    if (this.props.status === 'RELEASED') return false;
    if (this.props.status === 'COMMITTED') throw new ReservationClosed(this.orderId, this.status, 'release');
    this.props.status = 'RELEASED';
    this.props.updatedAt = now;
    return true;
  }

  /** @returns whether anything changed (false when already committed). */
  commit(now: Date): boolean {
    if (this.props.status === 'COMMITTED') return false;
    if (this.props.status === 'RELEASED') throw new ReservationClosed(this.orderId, this.status, 'commit');
    this.props.status = 'COMMITTED';
    this.props.updatedAt = now;
    return true;
  }
}
