import { Order, type StatusActor } from '../../../../src/contexts/order/domain/order.aggregate.js';
import type { OrderLineProps } from '../../../../src/contexts/order/domain/order-line.value.js';
import type { OrderStatus } from '../../../../src/contexts/order/domain/order-status.value.js';
import { Money } from '../../../../src/shared/kernel/money.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId, aSku } from '../../../support/doubles/ids.js';

export interface OrderLineOverrides {
  sku?: string;
  name?: string;
  unitPriceMinor?: number;
  quantity?: number;
  currency?: string;
}

/** One order line's props: a fresh sku, one item at 14.00 EUR unless told otherwise. */
export function anOrderLine(overrides: OrderLineOverrides = {}): OrderLineProps {
  const sku = overrides.sku ?? aSku('MUG');
  return {
    sku,
    name: overrides.name ?? `Item ${sku}`,
    unitPrice: Money.of(overrides.unitPriceMinor ?? 1400, overrides.currency ?? 'EUR'),
    quantity: overrides.quantity ?? 1,
  };
}

export interface OrderOverrides {
  id?: string;
  customerId?: string;
  lines?: readonly OrderLineProps[];
  actor?: StatusActor;
  /** When the order was placed. */
  at?: Date;
  /** Moved on from PENDING along these statuses (each a legal step) right after placing. */
  through?: readonly OrderStatus[];
}

export const PLACED_BY: StatusActor = { by: 'customer', reason: 'order placed' };

/** A placed order (a "mother"): fresh ids, one line, PENDING unless `through` moves it on. */
export function anOrder(overrides: OrderOverrides = {}): Order {
  const at = overrides.at ?? new Date(TEST_EPOCH);
  const order = Order.place(
    { id: overrides.id ?? anId(), customerId: overrides.customerId ?? anId(), lines: overrides.lines ?? [anOrderLine()] },
    overrides.actor ?? PLACED_BY,
    at,
  );
  for (const status of overrides.through ?? []) order.transitionTo(status, { by: 'saga', reason: `now ${status}` }, at);
  return order;
}
