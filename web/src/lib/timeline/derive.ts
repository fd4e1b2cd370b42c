/** What the order page shows besides the entries: the status, whether it is over, why, and what the shopper may do. */
import type { OrderProgressEvent } from '../api-types.js';
import { isFinalStatus, reasonText, statusInfo } from '../order-status.js';
import { isNoOp } from './detail.js';
import { sortEvents } from './occurrences.js';
import { orderReason } from './reason.js';
import { time } from './time.js';
import type { Timeline, TimelineEntry, TimelineState } from './types.js';

/** Order status a step's success implies, for events that do not say it themselves. */
export function impliedStatus(event: OrderProgressEvent, cancelRequested = false): string | undefined {
  if (event.status === 'completed') {
    if (event.step === 'confirm-order') return 'CONFIRMED';
    // Nothing to cancel: the saga refused the order before creating it, so it ends Rejected, not
    // Cancelled (unless the shopper cancelled before it existed: then Cancelled, as the saga says).
    if (event.step === 'cancel-order') return isNoOp(event.detail) && !cancelRequested ? 'REJECTED' : 'CANCELLED';
    if (event.step === 'flag-needs-attention') return 'NEEDS_ATTENTION';
  }
  if (event.status === 'failed' && event.step === 'verify-customer' && event.retryable === false) return 'REJECTED';
  return undefined;
}

/**
 * The latest word on the status, from the record or from a push event. A string: push events may
 * name a status this build does not know yet.
 */
export function currentStatus(state: TimelineState): string {
  const view = state.view;
  const saga = view?.saga ?? null;
  let status: string = view?.status ?? 'PROCESSING';
  let statusAt = Number.NEGATIVE_INFINITY;
  if (view?.order) {
    const times = view.order.history.map((change) => time(change.at)).filter(Number.isFinite);
    statusAt = times.length ? Math.max(...times) : time(view.order.updatedAt);
  }
  // An outcome the record states is the last word: no push event can be newer.
  if (view && (view.status === 'REJECTED' || (saga?.outcome && isFinalStatus(view.status)))) statusAt = Number.POSITIVE_INFINITY;
  for (const event of sortEvents(state.events)) {
    const implied = event.orderStatus ?? impliedStatus(event, state.cancelRequested);
    if (!implied) continue;
    const at = time(event.at);
    if (at > statusAt || (at === statusAt && isFinalStatus(implied) && !isFinalStatus(status))) {
      status = implied;
      statusAt = at;
    }
  }
  if (saga?.outcome && !isFinalStatus(status)) status = saga.outcome;
  return status;
}

function isPaymentCaptured(state: TimelineState, status: string, entries: readonly TimelineEntry[]): boolean {
  return (
    !!state.view?.saga?.paymentCaptured ||
    status === 'PAID' ||
    status === 'CONFIRMED' ||
    !!state.view?.order?.history.some((change) => change.to === 'PAID') ||
    entries.some(
      (entry) =>
        entry.status === 'completed' &&
        (entry.step === 'capture-payment' || (entry.step === 'charge-payment' && entry.detail.paymentStatus === 'CAPTURED')),
    )
  );
}

/** Folds the state and its entries into what the page shows besides the entries. */
export function deriveState(state: TimelineState, entries: readonly TimelineEntry[]): Omit<Timeline, 'entries'> {
  const saga = state.view?.saga ?? null;
  const status = currentStatus(state);
  const final = isFinalStatus(status);
  const compensating = entries.some((entry) => entry.kind === 'compensation');
  const paymentCaptured = isPaymentCaptured(state, status, entries);

  let cancellable: boolean;
  if (final || paymentCaptured || compensating || state.cancelRequested) cancellable = false;
  else if (saga) cancellable = saga.cancellable;
  else cancellable = state.events.length > 0;

  const confirmationStep = [...entries].reverse().find((entry) => entry.step === 'await-payment-confirmation');
  const awaitingConfirmation =
    status === 'AWAITING_PAYMENT_CONFIRMATION' &&
    !final &&
    !compensating &&
    !state.confirmationSent &&
    !state.cancelRequested &&
    (!confirmationStep || confirmationStep.status === 'waiting');

  const reason = orderReason({
    view: state.view,
    status,
    ended: (final || compensating) && status !== 'CONFIRMED',
    entries,
    cancelRequested: state.cancelRequested,
  });
  const info = statusInfo(status);
  const currentEntry =
    [...entries].reverse().find((entry) => entry.status === 'running' || entry.status === 'retrying' || entry.status === 'waiting') ?? null;
  return {
    status,
    statusLabel: info.label,
    tone: info.tone,
    summary: info.summary,
    final,
    reasonCode: reason.code,
    reason: status === 'CONFIRMED' ? '' : reasonText(reason.code, reason.message),
    paymentCaptured,
    compensating,
    cancellable,
    awaitingConfirmation,
    currentEntry,
  };
}
