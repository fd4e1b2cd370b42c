/** What each order status means to a shopper, and how it is shown. */

export type Tone = 'neutral' | 'progress' | 'warning' | 'success' | 'danger';

interface StatusInfo {
  label: string;
  tone: Tone;
  final: boolean;
  /** One sentence under the status on the order page. */
  summary: string;
}

const STATUSES: Record<string, StatusInfo> = {
  PROCESSING: { label: 'Processing', tone: 'progress', final: false, summary: 'We are checking your order.' },
  PENDING: { label: 'Order received', tone: 'progress', final: false, summary: 'Your order is in. We are reserving your items.' },
  STOCK_RESERVED: { label: 'Items reserved', tone: 'progress', final: false, summary: 'Your items are set aside. We are taking payment.' },
  AWAITING_PAYMENT_CONFIRMATION: {
    label: 'Confirm payment',
    tone: 'warning',
    final: false,
    summary: 'Your bank asks you to confirm this payment.',
  },
  PAID: { label: 'Paid', tone: 'progress', final: false, summary: 'Payment received. We are confirming your order.' },
  CONFIRMED: { label: 'Confirmed', tone: 'success', final: true, summary: 'Your order is confirmed. Thank you!' },
  CANCELLED: {
    label: 'Cancelled',
    tone: 'danger',
    final: true,
    summary: 'This order was cancelled. Any payment was refunded and the items went back on the shelf.',
  },
  NEEDS_ATTENTION: {
    label: 'Needs attention',
    tone: 'warning',
    final: true,
    summary: 'Something went wrong while undoing this order. Our team has been told and will sort it out.',
  },
  RETRYING_COMPENSATIONS: {
    label: 'Being undone',
    tone: 'warning',
    final: false,
    summary: 'Our team is undoing this order again: your payment and items are being returned.',
  },
  CANCELLED_MANUALLY: {
    label: 'Cancelled',
    tone: 'danger',
    final: true,
    summary: 'This order was cancelled. Our team settled any payment and items by hand.',
  },
  REJECTED: { label: 'Rejected', tone: 'danger', final: true, summary: 'We could not accept this order.' },
};

/** Statuses that wait for a person: first in the operator console. */
const NEED_A_PERSON = ['NEEDS_ATTENTION', 'RETRYING_COMPENSATIONS'];

/**
 * The statuses the operator console filters by: those waiting for a person first, then the rest in
 * the order a saga moves through them. Not PROCESSING: the storefront's word for an order the order
 * service has no record of yet, never a stored status.
 */
export const OPERATOR_FILTER_STATUSES: readonly string[] = [
  ...NEED_A_PERSON,
  ...Object.keys(STATUSES).filter((status) => status !== 'PROCESSING' && !NEED_A_PERSON.includes(status)),
];

export function statusInfo(status: string): StatusInfo {
  return STATUSES[status] ?? { label: humanise(status), tone: 'neutral', final: false, summary: '' };
}

export function statusLabel(status: string): string {
  return statusInfo(status).label;
}

export function isFinalStatus(status: string): boolean {
  return statusInfo(status).final;
}

/**
 * The words above the status on the order page. NEEDS_ATTENTION is final for the saga (nothing
 * more happens by itself) but not for the order: an operator still retries or settles it, so the
 * shopper is not told it is the last word.
 */
export function statusKicker(status: string): string {
  return isFinalStatus(status) && !NEED_A_PERSON.includes(status) ? 'Final status' : 'Status';
}

/** PAYMENT.CARD_DECLINED -> "Card declined" (for codes without a better sentence). */
export function humanise(code: string): string {
  const last = code.includes('.') ? code.slice(code.lastIndexOf('.') + 1) : code;
  const words = last.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words ? words[0].toUpperCase() + words.slice(1) : code;
}

/** Why an order ended early, in words for the shopper. */
const REASONS: Record<string, string> = {
  'PAYMENT.CARD_DECLINED': 'Your card was declined.',
  'PAYMENT.PROVIDER_UNAVAILABLE': 'The payment provider was unavailable, even after several retries.',
  'PAYMENT.CONFIRMATION_TIMED_OUT': 'The payment was not confirmed in time.',
  'ORDER.CANCELLED_BY_CUSTOMER': 'You cancelled this order.',
  'INVENTORY.INSUFFICIENT_STOCK': 'Some items are no longer in stock.',
  'INVENTORY.PRODUCT_NOT_FOUND': 'A product in the order no longer exists.',
  'CUSTOMER.NOT_ELIGIBLE': 'This account may not place orders.',
  'CUSTOMER.NOT_FOUND': 'We could not find your account.',
  SERVICE_UNAVAILABLE: 'Part of the shop was unavailable.',
  CIRCUIT_OPEN: 'Part of the shop was unavailable.',
};

export function reasonText(code: string | null | undefined, message?: string | null): string {
  if (code && REASONS[code]) return REASONS[code];
  if (message) return message;
  return code ? humanise(code) : '';
}

export const NOTIFICATION_TYPE_LABELS: Record<string, string> = {
  ORDER_PLACED: 'order placed',
  ORDER_CONFIRMED: 'order confirmed',
  ORDER_CANCELLED: 'order cancelled',
  PAYMENT_FAILED: 'payment failed',
  PAYMENT_CONFIRMATION_REQUIRED: 'confirm your payment',
  ORDER_NEEDS_ATTENTION: 'order needs attention',
};
