/**
 * The order page's live timeline, as pure functions (no Vue): fold the push events of one order
 * (`order.progress`, one per step attempt) and the last fetched OrderView (`GET /api/orders/:id`,
 * the record) into the entries a shopper sees, plus the order's current state.
 *
 * The view is the source of truth; push events fill in what happened since it was fetched and the
 * attempt-by-attempt detail (retries and their errors) that the view only summarises. Both are kept
 * and the timeline is rebuilt from them, so a refetch after a reconnect never duplicates an entry:
 * each push occurrence of a step is matched to the view's record of that step by name and time.
 */
import type { OrderProgressEvent, OrderView, SagaStep } from './api-types.js';
import { isFinalStatus, NOTIFICATION_TYPE_LABELS, reasonText, statusInfo, statusLabel, type Tone } from './order-status.js';

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

/** Order statuses the saga moves through without a step of their own: shown as small status entries. */
const INTERMEDIATE_STATUSES = new Set(['STOCK_RESERVED', 'AWAITING_PAYMENT_CONFIRMATION', 'PAID']);
/** How far apart the worker's and the workflow's clocks may be when matching a push event to a step. */
const CLOCK_SKEW_MS = 1500;

export function createTimelineState(orderId: string): TimelineState {
  return { orderId, view: null, events: [], confirmationSent: false, cancelRequested: false };
}

function eventKey(event: OrderProgressEvent): string {
  return `${event.step}|${event.attempt}|${event.status}|${event.at}`;
}

/** Adds one push event; events of other orders and exact repeats leave the state unchanged. */
export function withEvent(state: TimelineState, event: OrderProgressEvent): TimelineState {
  if (event.orderId !== state.orderId) return state;
  const key = eventKey(event);
  if (state.events.some((known) => eventKey(known) === key)) return state;
  return { ...state, events: [...state.events, event] };
}

export function withEvents(state: TimelineState, events: readonly OrderProgressEvent[]): TimelineState {
  return events.reduce(withEvent, state);
}

/** Replaces the fetched view (a refetch is a newer record of the same order). */
export function withView(state: TimelineState, view: OrderView): TimelineState {
  if (view.id !== state.orderId) return state;
  return { ...state, view };
}

export function withConfirmationSent(state: TimelineState, sent = true): TimelineState {
  return { ...state, confirmationSent: sent };
}

export function withCancelRequested(state: TimelineState, requested = true): TimelineState {
  return { ...state, cancelRequested: requested };
}

// ---------------------------------------------------------------------------------------------
// Push events -> occurrences (one per run of a step; a step like notify-customer runs many times)

interface Occurrence {
  step: string;
  kind: 'forward' | 'compensation';
  events: OrderProgressEvent[];
}

const STATUS_ORDER = { started: 0, failed: 1, completed: 1 } as const;

function time(iso: string | null | undefined): number {
  if (!iso) return Number.NaN;
  return Date.parse(iso);
}

function sortEvents(events: readonly OrderProgressEvent[]): OrderProgressEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .sort(
      (a, b) =>
        time(a.event.at) - time(b.event.at) ||
        a.event.attempt - b.event.attempt ||
        STATUS_ORDER[a.event.status] - STATUS_ORDER[b.event.status] ||
        a.index - b.index,
    )
    .map(({ event }) => event);
}

/** Push details carry the activity's result as is; the payment's `status` is the saga record's `paymentStatus`. */
function normaliseDetail(step: string, detail: Record<string, unknown>): Record<string, unknown> {
  if ((step === 'charge-payment' || step === 'capture-payment' || step === 'refund-payment') && detail.paymentStatus === undefined && typeof detail.status === 'string') {
    return { ...detail, paymentStatus: detail.status };
  }
  return detail;
}

function occurrenceClosed(occurrence: Occurrence): boolean {
  const last = occurrence.events[occurrence.events.length - 1];
  if (!last) return false;
  return last.status === 'completed' || (last.status === 'failed' && last.retryable === false);
}

export function groupOccurrences(events: readonly OrderProgressEvent[]): Occurrence[] {
  const all: Occurrence[] = [];
  const latest = new Map<string, Occurrence>();
  for (const event of sortEvents(events)) {
    const current = latest.get(event.step);
    const startsAgain =
      !current ||
      occurrenceClosed(current) ||
      current.events.some((known) =>
        event.status === 'started'
          ? known.attempt >= event.attempt
          : known.attempt === event.attempt && known.status !== 'started',
      );
    if (startsAgain) {
      const occurrence: Occurrence = { step: event.step, kind: event.kind, events: [event] };
      all.push(occurrence);
      latest.set(event.step, occurrence);
    } else {
      current.events.push(event);
    }
  }
  return all;
}

function attemptsOf(occurrence: Occurrence): AttemptSummary[] {
  const byNumber = new Map<number, AttemptSummary>();
  for (const event of occurrence.events) {
    const attempt = byNumber.get(event.attempt) ?? { attempt: event.attempt, outcome: 'running' as const };
    if (event.status === 'started') attempt.startedAt ??= event.at;
    else {
      attempt.outcome = event.status === 'completed' ? 'succeeded' : 'failed';
      attempt.finishedAt = event.at;
      if (event.error) attempt.error = { code: event.error.code, message: event.error.message };
      if (event.retryable !== undefined) attempt.retryable = event.retryable;
    }
    byNumber.set(event.attempt, attempt);
  }
  return [...byNumber.values()].sort((a, b) => a.attempt - b.attempt);
}

/** The facts the push events of one occurrence tell. `superseded`: later events exist, so a retryable failure was the last try. */
function occurrenceFacts(occurrence: Occurrence, superseded: boolean) {
  const events = occurrence.events;
  const first = events[0]!;
  const last = events[events.length - 1]!;
  let status: EntryStatus;
  if (last.status === 'completed') status = 'completed';
  else if (last.status === 'failed') status = last.retryable === false || superseded ? 'failed' : 'retrying';
  else status = 'running';
  const detail = normaliseDetail(occurrence.step, Object.assign({}, ...events.map((event) => event.detail ?? {})));
  const orderStatus = [...events].reverse().find((event) => event.orderStatus)?.orderStatus;
  const lastError = [...events].reverse().find((event) => event.status === 'failed' && event.error)?.error;
  return {
    startedAt: first.at,
    finishedAt: status === 'completed' || status === 'failed' ? last.at : undefined,
    status,
    attempts: attemptsOf(occurrence),
    attemptCount: Math.max(...events.map((event) => event.attempt)),
    detail,
    orderStatus,
    error: status === 'failed' || status === 'retrying' ? lastError : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Labels

const STEP_LABELS: Record<string, { done: string; running: string; failed: string }> = {
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

export function stepLabel(step: string, status: EntryStatus, detail: Record<string, unknown> = {}): string {
  if (step === 'charge-payment' && status === 'completed') {
    if (detail.paymentStatus === 'REQUIRES_CONFIRMATION') return 'Payment needs your confirmation';
    if (detail.paymentStatus === 'CAPTURED') return 'Payment captured';
  }
  if (step === 'refund-payment' && status === 'completed') {
    if (detail.paymentStatus === 'VOIDED') return 'Payment voided';
    if (detail.paymentStatus === 'DECLINED') return 'Nothing to refund';
  }
  if (step === 'update-order-status') {
    const to = typeof detail.to === 'string' ? detail.to : typeof detail.orderStatus === 'string' ? detail.orderStatus : undefined;
    if (to && status === 'completed') return STATUS_ENTRY_LABELS[to] ?? `Status: ${statusLabel(to).toLowerCase()}`;
  }
  const labels = STEP_LABELS[step];
  if (!labels) return step.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  if (status === 'completed') return labels.done;
  if (status === 'failed') return labels.failed;
  if (status === 'retrying') return `${labels.running} (retrying)`;
  return labels.running;
}

function stepNote(step: string, detail: Record<string, unknown>): string | undefined {
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

// ---------------------------------------------------------------------------------------------
// Building the timeline

function durationOf(startedAt: string, finishedAt: string | undefined): number | undefined {
  if (!finishedAt) return undefined;
  const ms = time(finishedAt) - time(startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

function finalizeEntry(entry: Omit<TimelineEntry, 'label' | 'note' | 'durationMs'>): TimelineEntry {
  const detail = entry.orderStatus ? { to: entry.orderStatus, ...entry.detail } : entry.detail;
  return {
    ...entry,
    label: entry.kind === 'status' && entry.orderStatus
      ? STATUS_ENTRY_LABELS[entry.orderStatus] ?? `Status: ${statusLabel(entry.orderStatus).toLowerCase()}`
      : stepLabel(entry.step, entry.status, detail),
    note: stepNote(entry.step, entry.detail),
    durationMs: durationOf(entry.startedAt, entry.finishedAt),
  };
}

function sagaEntry(step: SagaStep): Omit<TimelineEntry, 'label' | 'note' | 'durationMs'> {
  const status: EntryStatus =
    step.status === 'running' ? (step.name === 'await-payment-confirmation' ? 'waiting' : 'running') : step.status;
  return {
    id: `saga:${step.name}@${step.startedAt}`,
    step: step.name,
    kind: step.kind,
    status,
    startedAt: step.startedAt,
    finishedAt: step.finishedAt ?? undefined,
    attemptCount: step.attempts ?? (step.status === 'running' ? 0 : 1),
    attempts: [],
    error: step.error ?? undefined,
    detail: { ...(step.detail ?? {}) },
    source: 'saga',
  };
}

/** Does a push occurrence starting at `at` belong to this recorded step? */
function fits(step: SagaStep, at: number, skewMs: number): boolean {
  const start = time(step.startedAt);
  const end = step.finishedAt ? time(step.finishedAt) : Number.POSITIVE_INFINITY;
  return at >= start - skewMs && at <= end;
}

function sameKindOfNotification(step: SagaStep, facts: { detail: Record<string, unknown> }): boolean {
  const a = step.detail?.type;
  const b = facts.detail.type ?? facts.detail.notificationType;
  return a === undefined || b === undefined || a === b;
}

const RANK: Record<EntryStatus, number> = { running: 0, waiting: 0, retrying: 1, failed: 2, completed: 2 };

function mergeIntoSaga(
  entry: Omit<TimelineEntry, 'label' | 'note' | 'durationMs'>,
  facts: ReturnType<typeof occurrenceFacts>,
): Omit<TimelineEntry, 'label' | 'note' | 'durationMs'> {
  // The record wins once it is final; while it says "running", push events are newer.
  const status = RANK[facts.status] > RANK[entry.status] ? facts.status : entry.status;
  return {
    ...entry,
    status,
    finishedAt: entry.finishedAt ?? (status === facts.status ? facts.finishedAt : undefined),
    attemptCount: Math.max(entry.attemptCount, facts.attemptCount),
    attempts: facts.attempts,
    error: entry.error ?? (status === 'failed' || status === 'retrying' ? facts.error : undefined),
    detail: { ...facts.detail, ...entry.detail },
    source: 'saga+push',
  };
}

function pushEntry(occurrence: Occurrence, facts: ReturnType<typeof occurrenceFacts>): Omit<TimelineEntry, 'label' | 'note' | 'durationMs'> {
  const isStatus = occurrence.step === 'update-order-status';
  return {
    id: `push:${occurrence.step}@${facts.startedAt}`,
    step: occurrence.step,
    kind: isStatus ? 'status' : occurrence.kind,
    status: facts.status,
    startedAt: facts.startedAt,
    finishedAt: facts.finishedAt,
    attemptCount: facts.attemptCount,
    attempts: facts.attempts,
    error: facts.error,
    detail: facts.detail,
    orderStatus: isStatus ? facts.orderStatus ?? stringOr(facts.detail.to) : undefined,
    source: 'push',
  };
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function historyEntries(view: OrderView | null): Omit<TimelineEntry, 'label' | 'note' | 'durationMs'>[] {
  const order = view?.order;
  if (!order) return [];
  // With the saga's record the steps tell the story; the history adds the statuses between them.
  // Without it (the workflow's history is gone) the order's history is all there is.
  const all = !view.saga;
  return order.history
    .filter((change) => all || INTERMEDIATE_STATUSES.has(change.to))
    .map((change) => ({
      id: `history:${change.to}@${change.at}`,
      step: 'update-order-status',
      kind: 'status' as const,
      status: 'completed' as const,
      startedAt: change.at,
      finishedAt: change.at,
      attemptCount: 0,
      attempts: [],
      detail: { by: change.by, reason: change.reason },
      orderStatus: change.to,
      source: 'history' as const,
    }));
}

/** Folds the state into what the order page shows. */
export function buildTimeline(state: TimelineState): Timeline {
  const view = state.view;
  const sagaSteps = view?.saga?.steps ?? [];
  const occurrences = groupOccurrences(state.events);
  const lastEventAt = Math.max(Number.NEGATIVE_INFINITY, ...state.events.map((event) => time(event.at)));

  const entries: Omit<TimelineEntry, 'label' | 'note' | 'durationMs'>[] = sagaSteps.map(sagaEntry);
  const history = historyEntries(view);
  const matchedUpTo = new Map<string, number>();

  for (const occurrence of occurrences) {
    const lastOwn = time(occurrence.events[occurrence.events.length - 1]!.at);
    const superseded = lastEventAt > lastOwn || !!view?.saga?.outcome;
    const facts = occurrenceFacts(occurrence, superseded);

    if (occurrence.step === 'update-order-status') {
      const index = facts.orderStatus ? history.findIndex((entry) => entry.orderStatus === facts.orderStatus) : -1;
      if (index >= 0) {
        history[index] = { ...history[index]!, source: 'history+push' };
        continue;
      }
      entries.push(pushEntry(occurrence, facts));
      continue;
    }

    const at = time(facts.startedAt);
    const from = (matchedUpTo.get(occurrence.step) ?? -1) + 1;
    let match = -1;
    for (const skew of [0, CLOCK_SKEW_MS]) {
      for (let i = from; i < sagaSteps.length && match < 0; i++) {
        const step = sagaSteps[i]!;
        if (step.name === occurrence.step && fits(step, at, skew) && sameKindOfNotification(step, facts)) match = i;
      }
      if (match >= 0) break;
    }
    if (match >= 0) {
      matchedUpTo.set(occurrence.step, match);
      entries[match] = mergeIntoSaga(entries[match]!, facts);
    } else {
      entries.push(pushEntry(occurrence, facts));
    }
  }

  // Saga steps, then history and unmatched push entries, ordered by time (stable for equal times).
  const ordered = [...entries, ...history]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      const diff = time(a.entry.startedAt) - time(b.entry.startedAt);
      return (Number.isFinite(diff) ? diff : 0) || a.index - b.index;
    })
    .map(({ entry }) => finalizeEntry(entry));

  return { entries: ordered, ...deriveState(state, ordered) };
}

function deriveState(state: TimelineState, entries: TimelineEntry[]): Omit<Timeline, 'entries'> {
  const view = state.view;
  const saga = view?.saga ?? null;

  // Current status: the latest word on it, from the record or from a push event.
  // A string: push events may name a status this build does not know yet.
  let status: string = view?.status ?? 'PROCESSING';
  let statusAt = Number.NEGATIVE_INFINITY;
  if (view?.order) {
    const times = view.order.history.map((change) => time(change.at)).filter(Number.isFinite);
    statusAt = times.length ? Math.max(...times) : time(view.order.updatedAt);
  }
  if (view && (view.status === 'REJECTED' || (saga?.outcome && isFinalStatus(view.status)))) statusAt = Number.POSITIVE_INFINITY;
  for (const event of sortEvents(state.events)) {
    const implied = event.orderStatus ?? impliedStatus(event);
    if (!implied) continue;
    const at = time(event.at);
    if (at > statusAt || (at === statusAt && isFinalStatus(implied) && !isFinalStatus(status))) {
      status = implied;
      statusAt = at;
    }
  }
  if (saga?.outcome && !isFinalStatus(status)) status = saga.outcome;

  const final = isFinalStatus(status);
  const compensating = entries.some((entry) => entry.kind === 'compensation');
  const paymentCaptured =
    !!saga?.paymentCaptured ||
    status === 'PAID' ||
    status === 'CONFIRMED' ||
    !!view?.order?.history.some((change) => change.to === 'PAID') ||
    entries.some(
      (entry) =>
        entry.status === 'completed' &&
        (entry.step === 'capture-payment' || (entry.step === 'charge-payment' && entry.detail.paymentStatus === 'CAPTURED')),
    );

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

  let reasonCode: string | null = saga?.reasonCode ?? null;
  let reasonMessage: string | null = saga?.reason ?? null;
  if (!reasonCode && (final || compensating) && status !== 'CONFIRMED') {
    // The saga writes "CODE: reason" into the order's history when it cancels or flags the order.
    const change = [...(view?.order?.history ?? [])].reverse().find((entry) => entry.to === status);
    const coded = change ? /^([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*): (.+)$/s.exec(change.reason) : null;
    const failed = entries.find((entry) => entry.kind === 'forward' && entry.status === 'failed' && entry.error);
    if (coded) [reasonCode, reasonMessage] = [coded[1]!, coded[2]!];
    else if (failed?.error) [reasonCode, reasonMessage] = [failed.error.code, failed.error.message];
    else if (state.cancelRequested) reasonCode = 'ORDER.CANCELLED_BY_CUSTOMER';
  }

  const info = statusInfo(status);
  const currentEntry =
    [...entries].reverse().find((entry) => entry.status === 'running' || entry.status === 'retrying' || entry.status === 'waiting') ?? null;
  return {
    status,
    statusLabel: info.label,
    tone: info.tone,
    summary: info.summary,
    final,
    reasonCode,
    reason: status === 'CONFIRMED' ? '' : reasonText(reasonCode, reasonMessage),
    paymentCaptured,
    compensating,
    cancellable,
    awaitingConfirmation,
    currentEntry,
  };
}

/** Order status a step's success implies, for events that do not say it themselves. */
function impliedStatus(event: OrderProgressEvent): string | undefined {
  if (event.status === 'completed') {
    if (event.step === 'confirm-order') return 'CONFIRMED';
    if (event.step === 'cancel-order') return 'CANCELLED';
    if (event.step === 'flag-needs-attention') return 'NEEDS_ATTENTION';
  }
  if (event.status === 'failed' && event.step === 'verify-customer' && event.retryable === false) return 'REJECTED';
  return undefined;
}
