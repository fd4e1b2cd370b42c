/** The words a shopper reads for each step and status on the timeline. */
import { NOTIFICATION_TYPE_LABELS, statusLabel } from '../order-status.js';
import { isNoOp } from './detail.js';
import type { EntryStatus } from './types.js';

/** Keyed by every saga step name (test/web keeps the keys in step with the saga's list). */
export const STEP_LABELS: Record<string, { done: string; running: string; failed: string }> = {
  'verify-customer': { done: 'Customer checked', running: 'Checking your account', failed: 'Customer check failed' },
  'create-order': { done: 'Order created', running: 'Creating your order', failed: 'Order could not be created' },
  'reserve-stock': { done: 'Stock reserved', running: 'Reserving stock', failed: 'Stock could not be reserved' },
  'charge-payment': { done: 'Payment charged', running: 'Charging your card', failed: 'Payment failed' },
  'await-payment-confirmation': {
    done: 'Payment confirmed by you',
    running: 'Waiting for your confirmation',
    failed: 'Payment not confirmed',
  },
  'capture-payment': { done: 'Payment captured', running: 'Capturing payment', failed: 'Payment capture failed' },
  'commit-stock': { done: 'Items set aside for shipping', running: 'Setting items aside', failed: 'Stock commit failed' },
  'confirm-order': { done: 'Order confirmed', running: 'Confirming your order', failed: 'Order confirmation failed' },
  'update-order-status': { done: 'Order status updated', running: 'Updating order status', failed: 'Status update failed' },
  'notify-customer': { done: 'Notification sent', running: 'Sending notification', failed: 'Notification failed' },
  'refund-payment': { done: 'Payment refunded', running: 'Refunding payment', failed: 'Refund failed' },
  'release-stock': { done: 'Stock released', running: 'Releasing stock', failed: 'Stock release failed' },
  'cancel-order': { done: 'Order cancelled', running: 'Cancelling order', failed: 'Order cancellation failed' },
  'flag-needs-attention': {
    done: 'Flagged for our team',
    running: 'Flagging for our team',
    failed: 'Could not flag the order',
  },
  'operator-decision': { done: 'Our team decided', running: 'Our team is deciding', failed: "Our team's decision could not be recorded" },
};

const STATUS_ENTRY_LABELS: Record<string, string> = {
  PENDING: 'Order received',
  STOCK_RESERVED: 'Status: items reserved',
  AWAITING_PAYMENT_CONFIRMATION: 'Status: waiting for payment confirmation',
  PAID: 'Status: paid',
  CONFIRMED: 'Order confirmed',
  CANCELLED: 'Order cancelled',
  NEEDS_ATTENTION: 'Status: needs attention',
};

/** The label of a status entry: the order moved to `orderStatus`. */
export function statusEntryLabel(orderStatus: string): string {
  return STATUS_ENTRY_LABELS[orderStatus] ?? `Status: ${statusLabel(orderStatus).toLowerCase()}`;
}

/** Step labels the step's result changes (a payment's outcome, an undo that found nothing to undo). */
function outcomeLabel(step: string, detail: Record<string, unknown>): string | undefined {
  if (step === 'charge-payment') {
    if (detail.paymentStatus === 'REQUIRES_CONFIRMATION') return 'Payment needs your confirmation';
    if (detail.paymentStatus === 'CAPTURED') return 'Payment captured';
  }
  if (step === 'refund-payment') {
    if (detail.paymentStatus === 'VOIDED') return 'Payment voided';
    if (detail.paymentStatus === 'DECLINED') return 'Nothing to refund';
  }
  // The saga refused the order before creating it (e.g. an unknown product): "Order cancelled"
  // would tell the shopper an order existed and was cancelled; it never existed.
  if (step === 'cancel-order' && isNoOp(detail)) return 'Nothing to cancel: the order was never created';
  if (step === 'update-order-status') {
    const to = typeof detail.to === 'string' ? detail.to : typeof detail.orderStatus === 'string' ? detail.orderStatus : undefined;
    if (to) return statusEntryLabel(to);
  }
  return undefined;
}

export function stepLabel(step: string, status: EntryStatus, detail: Record<string, unknown> = {}): string {
  const byOutcome = status === 'completed' ? outcomeLabel(step, detail) : undefined;
  if (byOutcome) return byOutcome;
  const labels = STEP_LABELS[step];
  if (!labels) return step.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  if (status === 'completed') return labels.done;
  if (status === 'failed') return labels.failed;
  if (status === 'retrying') return `${labels.running} (retrying)`;
  return labels.running;
}

/** A short fact under the label: the card used, that nothing was charged, which notification went out. */
export function stepNote(step: string, detail: Record<string, unknown>): string | undefined {
  const last4 = detail.cardLast4 ?? detail.last4;
  if ((step === 'charge-payment' || step === 'capture-payment') && typeof last4 === 'string') return `Card •••• ${last4}`;
  if (step === 'refund-payment' && (detail.paymentStatus === 'VOIDED' || detail.paymentStatus === 'DECLINED')) {
    return 'Your card was not charged';
  }
  if (step === 'notify-customer') {
    const type = detail.type ?? detail.notificationType;
    if (typeof type === 'string') return `Notification: ${NOTIFICATION_TYPE_LABELS[type] ?? type.toLowerCase().replace(/_/g, ' ')}`;
  }
  return undefined;
}
