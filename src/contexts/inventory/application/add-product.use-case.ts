import { Money } from '../../../shared/kernel/money.js';
import type { InventoryRepository } from '../domain/inventory.repository.js';
import { Product } from '../domain/product.aggregate.js';

export interface AddProductCommand {
  sku: string;
  name: string;
  description: string;
  imageUrl: string;
  priceMinor: number;
  currency: string;
  stock: number;
}

export class AddProduct {
  constructor(private readonly repository: InventoryRepository) {}

  async execute(command: AddProductCommand): Promise<Product> {
    const product = Product.create({
      sku: command.sku,
      name: command.name,
      description: command.description,
      imageUrl: command.imageUrl,
      price: Money.of(command.priceMinor, command.currency),
      stockAvailable: command.stock,
    });
    await this.repository.add(product);
    return product;
  }
}
