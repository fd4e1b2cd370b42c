import { ProductNotFound } from '../domain/inventory.errors.js';
import type { InventoryRepository } from '../domain/inventory.repository.js';
import type { Product } from '../domain/product.aggregate.js';

export class GetProduct {
  constructor(private readonly repository: InventoryRepository) {}

  async execute(sku: string): Promise<Product> {
    const product = await this.repository.findBySku(sku);
    if (!product) throw new ProductNotFound(sku);
    return product;
  }
}
