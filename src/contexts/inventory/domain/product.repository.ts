import type { Product } from './product.aggregate.js';

export interface CatalogPage {
  items: Product[];
  total: number;
}

/** Port. Products are identified by their sku. */
export interface ProductRepository {
  /** Ordered by sku. */
  list(page: { limit: number; offset: number }): Promise<CatalogPage>;
  get(sku: string): Promise<Product | undefined>;
  /**
   * Stores the product unless its sku is taken; the key (not a read-then-write) decides. Returns
   * the stored product: this one (created) or the one already there (the caller decides whether
   * that is an error).
   */
  add(product: Product): Promise<{ aggregate: Product; created: boolean }>;
  /**
   * Runs `change` on the product locked against concurrent changes (reservations included), or
   * on undefined when there is none, and saves what it returns (nothing when it returns
   * undefined). Returns what was saved, or the current product when nothing was.
   */
  update(sku: string, change: (current: Product | undefined) => Product | undefined): Promise<Product | undefined>;
}
