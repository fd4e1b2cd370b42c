import { ProductNotFound } from '../domain/inventory.errors.js';
import type { Product } from '../domain/product.aggregate.js';
import type { ProductRepository } from '../domain/product.repository.js';

export class GetProduct {
  constructor(private readonly products: ProductRepository) {}

  async execute(sku: string): Promise<Product> {
    const product = await this.products.get(sku);
    if (!product) throw new ProductNotFound(sku);
    return product;
  }
}
