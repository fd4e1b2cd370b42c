/** Why an order ended early, as a stable code (and the saga's message for codes without a sentence). */
import type { OrderHistoryEntry, OrderView } from '../api-types.js';
import type { TimelineEntry } from './types.js';

export interface OrderReason {
  code: string | null;
  message: string | null;
}

/**
 * The code written into history before the entries carried `reasonCode`: the saga then put it in
 * front of the free text ("PAYMENT.CARD_DECLINED: card declined"). Kept only so orders from before
 * that change still show why they ended; new entries carry the code as data and are never parsed.
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
 * In order of trust: the code on the history entry that ended the order, the saga's record, the
 * legacy text of that entry, the forward step that failed, and last the shopper's own cancel.
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
  if (change?.reasonCode) return { code: change.reasonCode, message: change.reason || saga?.reason || null };
  if (saga?.reasonCode) return { code: saga.reasonCode, message: saga.reason };
  if (!input.ended) return { code: null, message: saga?.reason ?? null };

  // Here the entry has no code: written before the field existed (absent, or null once the column exists).
  const legacy = change ? legacyReasonCode(change.reason) : null;
  if (legacy) return legacy;
  const failed = input.entries.find((entry) => entry.kind === 'forward' && entry.status === 'failed' && entry.error);
  if (failed?.error) return { code: failed.error.code, message: failed.error.message };
  if (input.cancelRequested) return { code: 'ORDER.CANCELLED_BY_CUSTOMER', message: saga?.reason ?? null };
  return { code: null, message: saga?.reason ?? null };
}
