import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import type { InventoryRepository } from '../domain/inventory.repository.js';
import { MAX_STOCK, type Product } from '../domain/product.aggregate.js';

export class SetStock {
  constructor(private readonly repository: InventoryRepository) {}

  execute(sku: string, stock: number): Promise<Product> {
    if (!Number.isSafeInteger(stock) || stock < 0 || stock > MAX_STOCK) {
      throw new InvalidValue(`stock must be an integer between 0 and ${MAX_STOCK}`, { stock });
    }
    return this.repository.setStock(sku, stock);
  }
}
