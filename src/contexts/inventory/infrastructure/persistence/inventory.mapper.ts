import { Money } from '../../../../shared/kernel/money.js';
import { Product } from '../../domain/product.aggregate.js';
import { Reservation } from '../../domain/reservation.aggregate.js';
import type { ProductRecord } from './product.record.js';
import type { ReservationRecord } from './reservation.record.js';

type ProductRow = Pick<ProductRecord, 'sku' | 'name' | 'description' | 'image_url' | 'price_minor' | 'currency' | 'stock_available'>;
type ReservationRow = Pick<ReservationRecord, 'order_id' | 'status' | 'lines' | 'updated_at'>;

export const InventoryMapper = {
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

  toProductRow(product: Product): ProductRow {
    return {
      sku: product.sku,
      name: product.name,
      description: product.description,
      image_url: product.imageUrl,
      price_minor: product.price.amountMinor,
      currency: product.price.currency,
      stock_available: product.stockAvailable,
    };
  },

  toReservation(row: ReservationRow): Reservation {
    return Reservation.restore({
      orderId: row.order_id,
      status: row.status,
      lines: typeof row.lines === 'string' ? JSON.parse(row.lines) : row.lines,
      updatedAt: new Date(row.updated_at),
    });
  },

  toReservationRow(reservation: Reservation): ReservationRow {
    return {
      order_id: reservation.orderId,
      status: reservation.status,
      lines: [...reservation.lines],
      updated_at: reservation.updatedAt,
    };
  },
};
