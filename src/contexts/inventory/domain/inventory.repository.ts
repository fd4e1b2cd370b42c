import type { Product } from './product.aggregate.js';
import type { Reservation } from './reservation.aggregate.js';

export interface CatalogPage {
  items: Product[];
  total: number;
}

/**
 * Port. The stock-moving methods are one atomic unit each: an adapter must apply all lines or
 * none, and must never let two concurrent callers take the same unit.
 */
export interface InventoryRepository {
  list(page: { limit: number; offset: number }): Promise<CatalogPage>;
  findBySku(sku: string): Promise<Product | undefined>;
  add(product: Product): Promise<void>;
  /** Sets stock to an absolute value (admin / seed). */
  setStock(sku: string, stockAvailable: number): Promise<Product>;

  findReservation(orderId: string): Promise<Reservation | undefined>;
  /**
   * Takes every line's quantity or none. Returns the stored reservation: the requested one, or
   * the one that already existed for this orderId (the caller decides if that is a repeat).
   */
  reserve(requested: Reservation): Promise<{ reservation: Reservation; created: boolean }>;
  /** Runs `change` on the locked reservation (or undefined) and persists it, moving stock back when told. */
  changeReservation(
    orderId: string,
    change: (current: Reservation | undefined) => { next: Reservation; returnStock: boolean } | undefined,
  ): Promise<Reservation | undefined>;
}
