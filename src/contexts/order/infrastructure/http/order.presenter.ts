import type { OrderDto } from '../../contract.js';
import type { Order } from '../../domain/order.aggregate.js';

export function toOrderDto(order: Order): OrderDto {
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    lines: order.lines.map((line) => ({
      sku: line.sku,
      name: line.name,
      unitPrice: line.unitPrice.toJSON(),
      quantity: line.quantity,
      lineTotal: line.lineTotal.toJSON(),
    })),
    total: order.total.toJSON(),
    history: order.history.map((entry) => ({
      from: entry.from,
      to: entry.to,
      at: entry.at.toISOString(),
      by: entry.by,
      reason: entry.reason,
      reasonCode: entry.reasonCode,
    })),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    version: order.version,
  };
}
