import { Money } from '../../../../shared/kernel/money.js';
import { Order, type StatusChange } from '../../domain/order.aggregate.js';
import { OrderLine } from '../../domain/order-line.value.js';
import type { OrderStatus } from '../../domain/order-status.value.js';
import type { OrderLineRecord } from './order-line.record.js';
import type { OrderRecord } from './order.record.js';
import type { OrderStatusHistoryRecord } from './order-status-history.record.js';

type OrderRow = Pick<OrderRecord, 'id' | 'customer_id' | 'status' | 'currency' | 'total_minor' | 'version' | 'created_at' | 'updated_at'>;
type LineRow = Pick<OrderLineRecord, 'order_id' | 'sku' | 'position' | 'name' | 'unit_price_minor' | 'quantity'>;
type HistoryRow = Pick<OrderStatusHistoryRecord, 'order_id' | 'from_status' | 'to_status' | 'at' | 'by' | 'reason' | 'reason_code'>;

export const OrderMapper = {
  /** `lines` sorted by position and `history` by id, both of this order only. */
  toOrder(row: OrderRow, lines: readonly LineRow[], history: readonly HistoryRow[]): Order {
    // The check constraints admit only known statuses, so these casts cannot lie.
    return Order.restore({
      id: row.id,
      customerId: row.customer_id,
      status: row.status as OrderStatus,
      lines: lines.map((line) =>
        OrderLine.restore({
          sku: line.sku,
          name: line.name,
          unitPrice: Money.of(Number(line.unit_price_minor), row.currency),
          quantity: line.quantity,
        }),
      ),
      history: history.map((entry): StatusChange => ({
        from: entry.from_status as OrderStatus | null,
        to: entry.to_status as OrderStatus,
        at: new Date(entry.at),
        by: entry.by,
        reason: entry.reason,
        reasonCode: entry.reason_code,
      })),
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      version: row.version,
    });
  },

  toOrderRow(order: Order): OrderRow {
    return {
      id: order.id,
      customer_id: order.customerId,
      status: order.status,
      currency: order.currency,
      total_minor: order.total.amountMinor,
      version: order.version,
      created_at: order.createdAt,
      updated_at: order.updatedAt,
    };
  },

  toLineRows(order: Order): LineRow[] {
    return order.lines.map((line, position) => ({
      order_id: order.id,
      sku: line.sku,
      position,
      name: line.name,
      unit_price_minor: line.unitPrice.amountMinor,
      quantity: line.quantity,
    }));
  },

  toHistoryRows(order: Order, entries: readonly StatusChange[]): HistoryRow[] {
    return entries.map((entry) => ({
      order_id: order.id,
      from_status: entry.from,
      to_status: entry.to,
      at: entry.at,
      by: entry.by,
      reason: entry.reason,
      reason_code: entry.reasonCode,
    }));
  },
};
