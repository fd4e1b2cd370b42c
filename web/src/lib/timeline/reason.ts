/** Why an order ended early, as a stable code (and the saga's message for codes without a sentence). */
import type { OrderHistoryEntry, OrderView } from '../api-types.js';
import type { TimelineEntry } from './types.js';

export interface OrderReason {
  code: string | null;
  message: string | null;
}

/**
 * The saga writes the code in front of the free text of the order's history entry when it cancels
 * or flags the order ("PAYMENT.CARD_DECLINED: card declined").
 */
export function legacyReasonCode(reason: string): OrderReason | null {
  const coded = /^([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*): (.+)$/s.exec(reason);
  return coded ? { code: coded[1], message: coded[2] } : null;
}

/** The history entry that moved the order to `status` (the latest, if it went there twice). */
function changeTo(view: OrderView | null, status: string): OrderHistoryEntry | undefined {
  return [...(view?.order?.history ?? [])].reverse().find((entry) => entry.to === status);
}

/**
 * In order of trust: the saga's record, the legacy text of the history entry that ended the order,
 * the forward step that failed, and last the shopper's own cancel.
 * `ended`: the order ended early or is being undone (never for a confirmed order).
 */
export function orderReason(input: {
  view: OrderView | null;
  status: string;
  ended: boolean;
  entries: readonly TimelineEntry[];
  cancelRequested: boolean;
}): OrderReason {
  const saga = input.view?.saga ?? null;
  const change = input.ended ? changeTo(input.view, input.status) : undefined;
  if (saga?.reasonCode) return { code: saga.reasonCode, message: saga.reason };
  if (!input.ended) return { code: null, message: saga?.reason ?? null };

  const legacy = change ? legacyReasonCode(change.reason) : null;
  if (legacy) return legacy;
  const failed = input.entries.find((entry) => entry.kind === 'forward' && entry.status === 'failed' && entry.error);
  if (failed?.error) return { code: failed.error.code, message: failed.error.message };
  if (input.cancelRequested) return { code: 'ORDER.CANCELLED_BY_CUSTOMER', message: saga?.reason ?? null };
  return { code: null, message: saga?.reason ?? null };
}
