import type { CatalogPage, InventoryRepository } from '../domain/inventory.repository.js';

export class ListProducts {
  constructor(private readonly repository: InventoryRepository) {}

  execute(page: { limit: number; offset: number }): Promise<CatalogPage> {
    return this.repository.list(page);
  }
}
