/**
 * The order lifecycle: the one list of statuses. The contract re-exports it, the workflow imports
 * its type through the contract; the migration's CHECK constraints and the storefront's copy are
 * compared with it by tests (test/integration/contexts/order, test/web).
 */
export const ORDER_STATUSES = [
  'PENDING',
  'STOCK_RESERVED',
  'AWAITING_PAYMENT_CONFIRMATION',
  'PAID',
  'CONFIRMED',
  'CANCELLED',
  'NEEDS_ATTENTION',
  'RETRYING_COMPENSATIONS',
  'CANCELLED_MANUALLY',
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * The whole state machine in one table: a status may move only to the statuses listed for it.
 * NEEDS_ATTENTION is where the saga parks an order it could not settle (say a compensation
 * failed) until an operator decides: RETRYING_COMPENSATIONS while the saga undoes again on their
 * word (it ends CANCELLED, or back in NEEDS_ATTENTION), or CANCELLED_MANUALLY when they settled it
 * by hand. Each of those moves is its own status, so the history shows who decided what, and why.
 * CONFIRMED, CANCELLED and CANCELLED_MANUALLY are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['STOCK_RESERVED', 'CANCELLED', 'NEEDS_ATTENTION'],
  STOCK_RESERVED: ['AWAITING_PAYMENT_CONFIRMATION', 'PAID', 'CANCELLED', 'NEEDS_ATTENTION'],
  AWAITING_PAYMENT_CONFIRMATION: ['PAID', 'CANCELLED', 'NEEDS_ATTENTION'],
  PAID: ['CONFIRMED', 'CANCELLED', 'NEEDS_ATTENTION'],
  NEEDS_ATTENTION: ['CANCELLED', 'CONFIRMED', 'RETRYING_COMPENSATIONS', 'CANCELLED_MANUALLY'],
  RETRYING_COMPENSATIONS: ['CANCELLED', 'NEEDS_ATTENTION'],
  CONFIRMED: [],
  CANCELLED: [],
  CANCELLED_MANUALLY: [],
};

export const INITIAL_ORDER_STATUS: OrderStatus = 'PENDING';

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function isTerminal(status: OrderStatus): boolean {
  return ORDER_TRANSITIONS[status].length === 0;
}
