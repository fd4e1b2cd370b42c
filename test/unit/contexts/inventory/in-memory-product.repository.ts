import { ProductNotFound } from '../../../../src/contexts/inventory/domain/inventory.errors.js';
import { Product } from '../../../../src/contexts/inventory/domain/product.aggregate.js';
import type { CatalogPage, ProductRepository } from '../../../../src/contexts/inventory/domain/product.repository.js';
import type { ReservationLine } from '../../../../src/contexts/inventory/domain/reservation.aggregate.js';
import { answer } from '../../../support/doubles/async.js';

/**
 * The product port in memory. Holds copies, like a database would: a caller mutating a returned
 * product changes nothing stored. No method awaits half-way, so each one is atomic.
 */
export class InMemoryProductRepository implements ProductRepository {
  private readonly rows = new Map<string, Product>();

  list(page: { limit: number; offset: number }): Promise<CatalogPage> {
    return answer(() => {
      const sorted = [...this.rows.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
      return { items: sorted.slice(page.offset, page.offset + page.limit).map(copy), total: sorted.length };
    });
  }

  get(sku: string): Promise<Product | undefined> {
    return answer(() => {
      const row = this.rows.get(sku);
      return row && copy(row);
    });
  }

  add(product: Product): Promise<{ aggregate: Product; created: boolean }> {
    return answer(() => {
      const existing = this.rows.get(product.sku);
      if (existing) return { aggregate: copy(existing), created: false };
      this.rows.set(product.sku, copy(product));
      return { aggregate: product, created: true };
    });
  }

  update(sku: string, change: (current: Product | undefined) => Product | undefined): Promise<Product | undefined> {
    return answer(() => {
      const row = this.rows.get(sku);
      const next = change(row && copy(row));
      if (!next) return row && copy(row);
      this.rows.set(next.sku, copy(next));
      return next;
    });
  }

  /**
   * What the reservation adapter does to the products table in its transaction: every line or
   * none (the domain's take/putBack refuse a short or overfull product before anything is stored).
   */
  moveStock(lines: readonly ReservationLine[], direction: 'take' | 'putBack'): void {
    const working = lines.map((line) => {
      const row = this.rows.get(line.sku);
      if (!row) throw new ProductNotFound(line.sku);
      const product = copy(row);
      if (direction === 'take') product.take(line.quantity);
      else product.putBack(line.quantity);
      return product;
    });
    for (const product of working) this.rows.set(product.sku, product);
  }
}

function copy(product: Product): Product {
  return Product.restore(product.snapshot());
}
