import type { CatalogPage, ProductRepository } from '../domain/product.repository.js';

export class ListProducts {
  constructor(private readonly products: ProductRepository) {}

  execute(page: { limit: number; offset: number }): Promise<CatalogPage> {
    return this.products.list(page);
  }
}
