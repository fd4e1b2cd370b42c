import { Product, type ProductProps } from '../../../../src/contexts/inventory/domain/product.aggregate.js';
import { Money } from '../../../../src/shared/kernel/money.js';
import { aSku } from '../../../support/doubles/ids.js';

/** A valid product with its own sku; override only what the test is about. */
export function aProduct(overrides: Partial<ProductProps> = {}): Product {
  return Product.create({
    sku: aSku('P'),
    name: 'Test item',
    description: '',
    imageUrl: '',
    price: Money.of(999, 'EUR'),
    stockAvailable: 10,
    ...overrides,
  });
}
