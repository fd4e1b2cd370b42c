import { Money } from '../../../shared/kernel/money.js';
import { DuplicateSku } from '../domain/inventory.errors.js';
import { Product } from '../domain/product.aggregate.js';
import type { ProductRepository } from '../domain/product.repository.js';

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
  constructor(private readonly products: ProductRepository) {}

  /** @throws DuplicateSku when the sku is taken (whatever the rest of the product says) */
  async execute(command: AddProductCommand): Promise<Product> {
    const product = Product.create({
      sku: command.sku,
      name: command.name,
      description: command.description,
      imageUrl: command.imageUrl,
      price: Money.of(command.priceMinor, command.currency),
      stockAvailable: command.stock,
    });
    const { aggregate, created } = await this.products.add(product);
    if (!created) throw new DuplicateSku(product.sku);
    return aggregate;
  }
}
