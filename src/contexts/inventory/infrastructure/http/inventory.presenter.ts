import type { ProductDto, ReservationDto } from '../../contract.js';
import type { Product } from '../../domain/product.aggregate.js';
import type { Reservation } from '../../domain/reservation.aggregate.js';

export function toProductDto(product: Product): ProductDto {
  return {
    sku: product.sku,
    name: product.name,
    description: product.description,
    imageUrl: product.imageUrl,
    price: product.price.toJSON(),
    stockAvailable: product.stockAvailable,
  };
}

export function toReservationDto(reservation: Reservation): ReservationDto {
  return {
    orderId: reservation.orderId,
    status: reservation.status,
    lines: reservation.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    updatedAt: reservation.updatedAt.toISOString(),
  };
}
