import { Money } from '../../../../shared/kernel/money.js';
import { Product } from '../../domain/product.aggregate.js';
import type { ProductRecord } from './product.record.js';

export type ProductRow = Pick<ProductRecord, 'sku' | 'name' | 'description' | 'image_url' | 'price_minor' | 'currency' | 'stock_available'>;

export const ProductMapper = {
  toProduct(row: ProductRow): Product {
    return Product.restore({
      sku: row.sku,
      name: row.name,
      description: row.description,
      imageUrl: row.image_url,
      price: Money.of(Number(row.price_minor), row.currency),
      stockAvailable: row.stock_available,
    });
  },

  toRow(product: Product): ProductRow {
    const p = product.snapshot();
    return {
      sku: p.sku,
      name: p.name,
      description: p.description,
      image_url: p.imageUrl,
      price_minor: p.price.amountMinor,
      currency: p.price.currency,
      stock_available: p.stockAvailable,
    };
  },
};
