import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import { Money, type MoneyProps } from '../../../shared/kernel/money.js';
import type { NotificationType } from './notification-type.value.js';

export const MAX_REASON_LENGTH = 500;

export interface NotificationFacts {
  type: NotificationType;
  orderId?: string | null;
  /** Why something failed, in words a customer may read (e.g. "card declined"). */
  reason?: string;
  amount?: MoneyProps;
}

export interface ComposedNotification {
  title: string;
  message: string;
}

interface Parts {
  /** "order #1A2B3C4D", or "order" when there is no order id. */
  order: string;
  /** " of €12.50", or "". */
  ofAmount: string;
  /** " Reason: card declined.", or "". */
  because: string;
}

// Every sentence here stays far below the title/message limits even with the longest reason.
const TEMPLATES: Record<NotificationType, (parts: Parts) => ComposedNotification> = {
  ORDER_PLACED: ({ order, ofAmount }) => ({
    title: `${capitalise(order)} received`,
    message: `We received your ${order}${ofAmount}. We will let you know as soon as it is confirmed.`,
  }),
  ORDER_CONFIRMED: ({ order, ofAmount }) => ({
    title: `${capitalise(order)} confirmed`,
    message: `Your ${order}${ofAmount} is confirmed. Thank you for shopping with us.`,
  }),
  ORDER_CANCELLED: ({ order, ofAmount, because }) => ({
    title: `${capitalise(order)} cancelled`,
    message: `Your ${order}${ofAmount} was cancelled.${because}`,
  }),
  PAYMENT_FAILED: ({ order, ofAmount, because }) => ({
    title: `Payment failed for ${order}`,
    message: `We could not take the payment${ofAmount} for your ${order}.${because}`,
  }),
  PAYMENT_CONFIRMATION_REQUIRED: ({ order, ofAmount }) => ({
    title: `Confirm your payment for ${order}`,
    message: `Your payment${ofAmount} for ${order} needs your confirmation before we can complete the order.`,
  }),
  ORDER_NEEDS_ATTENTION: ({ order, because }) => ({
    title: `${capitalise(order)} needs attention`,
    message: `Something went wrong while processing your ${order}.${because} Our team has been notified and will sort it out.`,
  }),
};

/**
 * The standard wording per type, so the saga sends only the type and the facts. Pure: the same
 * facts always give the same text, which is what lets a retried record match its first attempt.
 */
export function composeNotification(facts: NotificationFacts): ComposedNotification {
  const template = TEMPLATES[facts.type];
  if (!template) throw new InvalidValue('unknown notification type', { type: facts.type });
  return template({
    order: facts.orderId ? `order #${facts.orderId.slice(0, 8).toUpperCase()}` : 'order',
    ofAmount: facts.amount ? ` of ${formatAmount(facts.amount)}` : '',
    because: facts.reason === undefined ? '' : ` Reason: ${sentence(checkReason(facts.reason))}`,
  });
}

export function formatAmount(amount: MoneyProps): string {
  const money = Money.of(amount.amountMinor, amount.currency);
  // en-US pinned: the text must not depend on the host's locale.
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // ICU puts no-break spaces in some formats ("BHD 1.250"); plain text is easier on every reader.
  return format.format(money.amountMinor / 10 ** digits).replace(/\s/g, ' ');
}

function checkReason(reason: string): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length === 0 || text.length > MAX_REASON_LENGTH) {
    throw new InvalidValue(`reason must be 1-${MAX_REASON_LENGTH} characters`);
  }
  if (/\p{Cc}/u.test(text)) throw new InvalidValue('reason must not contain control characters');
  return text;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
