/** The shapes the order page's timeline is made of (no logic here). */
import type { OrderProgressEvent, OrderView } from '../api-types.js';
import type { Tone } from '../order-status.js';

export type EntryStatus = 'running' | 'retrying' | 'waiting' | 'completed' | 'failed';
export type EntryKind = 'forward' | 'compensation' | 'status';

export interface AttemptSummary {
  attempt: number;
  outcome: 'running' | 'succeeded' | 'failed';
  startedAt?: string;
  finishedAt?: string;
  error?: { code: string; message: string };
  /** false: a business answer no retry will change. */
  retryable?: boolean;
}

export interface TimelineEntry {
  /** Stable across rebuilds while the entry's source stays the same (used as a list key). */
  id: string;
  step: string;
  kind: EntryKind;
  label: string;
  status: EntryStatus;
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  /** How many attempts the step took so far (0 when unknown). */
  attemptCount: number;
  /** Attempt by attempt, when push events told us (the view only has the count). */
  attempts: AttemptSummary[];
  error?: { code: string; message: string; retriesExhausted?: boolean };
  /** A short fact worth showing: "Visa •••• 4242", "Notification: order confirmed". */
  note?: string;
  detail: Record<string, unknown>;
  /** For status entries: the status the order moved to. */
  orderStatus?: string;
  source: 'saga' | 'push' | 'saga+push' | 'history' | 'history+push';
}

/** An entry before its words and duration are worked out (merging only moves facts around). */
export type EntryDraft = Omit<TimelineEntry, 'label' | 'note' | 'durationMs'>;

export interface TimelineState {
  orderId: string;
  view: OrderView | null;
  /** Push events of this order, deduplicated, in arrival order. */
  events: OrderProgressEvent[];
  /** The shopper confirmed the payment (the update was accepted): hide the dialog at once. */
  confirmationSent: boolean;
  /** The shopper's cancel was accepted: hide the Cancel button at once. */
  cancelRequested: boolean;
}

export interface Timeline {
  entries: TimelineEntry[];
  status: string;
  statusLabel: string;
  tone: Tone;
  summary: string;
  /** CONFIRMED, CANCELLED, NEEDS_ATTENTION or REJECTED: nothing more will happen. */
  final: boolean;
  reasonCode: string | null;
  /** Why the order ended early, in words (empty when it did not). */
  reason: string;
  paymentCaptured: boolean;
  compensating: boolean;
  /** Show the Cancel button. */
  cancellable: boolean;
  /** Show the payment confirmation dialog. */
  awaitingConfirmation: boolean;
  /** The step happening now, if any. */
  currentEntry: TimelineEntry | null;
}
