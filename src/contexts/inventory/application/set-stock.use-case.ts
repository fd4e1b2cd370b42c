import { ProductNotFound } from '../domain/inventory.errors.js';
import { assertStock, type Product } from '../domain/product.aggregate.js';
import type { ProductRepository } from '../domain/product.repository.js';

export class SetStock {
  constructor(private readonly products: ProductRepository) {}

  /** Sets stock to an absolute value (admin / seed). A bad value is refused before the sku is looked up. */
  async execute(sku: string, stock: number): Promise<Product> {
    assertStock(stock);
    const saved = await this.products.update(sku, (current) => {
      if (!current) throw new ProductNotFound(sku);
      current.setStock(stock);
      return current;
    });
    return saved!;
  }
}
