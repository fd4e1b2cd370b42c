/**
 * Folds the fetched view (the saga's step records and the order's status history) and the push
 * events into one list of entries, in time order.
 *
 * The view is the source of truth; push events fill in what happened since it was fetched and the
 * attempt-by-attempt detail (retries and their errors) that the view only summarises. Both are kept
 * and the list is rebuilt from them, so a refetch after a reconnect never duplicates an entry:
 * each push occurrence of a step is matched to the view's record of that step by name and time.
 */
import type { OrderView, SagaStep } from '../api-types.js';
import { groupOccurrences, occurrenceFacts, type Occurrence, type OccurrenceFacts } from './occurrences.js';
import { statusEntryLabel, stepLabel, stepNote } from './labels.js';
import { durationOf, time } from './time.js';
import type { EntryDraft, EntryStatus, TimelineEntry, TimelineState } from './types.js';

/** Order statuses the saga moves through without a step of their own: shown as small status entries. */
const INTERMEDIATE_STATUSES = new Set(['STOCK_RESERVED', 'AWAITING_PAYMENT_CONFIRMATION', 'PAID']);
/** How far apart the worker's and the workflow's clocks may be when matching a push event to a step. */
const CLOCK_SKEW_MS = 1500;
/** How settled a status is: a merge never moves an entry back to a less settled one. */
const RANK: Record<EntryStatus, number> = { running: 0, waiting: 0, retrying: 1, failed: 2, completed: 2 };

function sagaEntry(step: SagaStep): EntryDraft {
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

function historyEntries(view: OrderView | null): EntryDraft[] {
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

/** Does a push occurrence starting at `at` belong to this recorded step (its end stretched by `lateMs`)? */
function fits(step: SagaStep, at: number, skewMs: number, lateMs: number): boolean {
  const start = time(step.startedAt);
  const end = step.finishedAt ? time(step.finishedAt) + lateMs : Number.POSITIVE_INFINITY;
  return at >= start - skewMs && at <= end;
}

/**
 * Matching passes, strictest first: exact times; the worker's and the workflow's clocks apart by
 * up to CLOCK_SKEW_MS; and any time after the record's start. The last is for local activities:
 * the saga records their steps in workflow time, which stands still for a whole workflow task
 * while the activities run, so the worker's push of a step can come after the record's end.
 */
const PASSES: readonly { skewMs: number; lateMs: number }[] = [
  { skewMs: 0, lateMs: 0 },
  { skewMs: CLOCK_SKEW_MS, lateMs: CLOCK_SKEW_MS },
  { skewMs: CLOCK_SKEW_MS, lateMs: Number.POSITIVE_INFINITY },
];

function sameKindOfNotification(step: SagaStep, facts: OccurrenceFacts): boolean {
  const a = step.detail?.type;
  const b = facts.detail.type ?? facts.detail.notificationType;
  return a === undefined || b === undefined || a === b;
}

function mergeIntoSaga(entry: EntryDraft, facts: OccurrenceFacts): EntryDraft {
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

function pushEntry(occurrence: Occurrence, facts: OccurrenceFacts): EntryDraft {
  const isStatus = occurrence.step === 'update-order-status';
  const to = facts.detail.to;
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
    orderStatus: isStatus ? (facts.orderStatus ?? (typeof to === 'string' ? to : undefined)) : undefined,
    source: 'push',
  };
}

/** The first recorded step (from `from` on) this occurrence belongs to: exact times first, then allowing clock skew. */
function matchingStep(steps: readonly SagaStep[], from: number, occurrence: Occurrence, facts: OccurrenceFacts): number {
  const at = time(facts.startedAt);
  for (const { skewMs, lateMs } of PASSES) {
    for (let i = from; i < steps.length; i++) {
      const step = steps[i];
      if (step.name === occurrence.step && fits(step, at, skewMs, lateMs) && sameKindOfNotification(step, facts)) return i;
    }
  }
  return -1;
}

function finalizeEntry(entry: EntryDraft): TimelineEntry {
  const detail = entry.orderStatus ? { to: entry.orderStatus, ...entry.detail } : entry.detail;
  return {
    ...entry,
    label: entry.kind === 'status' && entry.orderStatus ? statusEntryLabel(entry.orderStatus) : stepLabel(entry.step, entry.status, detail),
    note: stepNote(entry.step, entry.detail),
    durationMs: durationOf(entry.startedAt, entry.finishedAt),
  };
}

/** Every entry the timeline shows, in time order. */
export function mergeEntries(state: TimelineState): TimelineEntry[] {
  const view = state.view;
  const sagaSteps = view?.saga?.steps ?? [];
  const lastEventAt = Math.max(Number.NEGATIVE_INFINITY, ...state.events.map((event) => time(event.at)));

  const entries = sagaSteps.map(sagaEntry);
  const history = historyEntries(view);
  const matchedUpTo = new Map<string, number>();

  for (const occurrence of groupOccurrences(state.events)) {
    const lastOwn = time(occurrence.events[occurrence.events.length - 1].at);
    const superseded = lastEventAt > lastOwn || !!view?.saga?.outcome;
    const facts = occurrenceFacts(occurrence, superseded);

    if (occurrence.step === 'update-order-status') {
      const index = facts.orderStatus ? history.findIndex((entry) => entry.orderStatus === facts.orderStatus) : -1;
      if (index >= 0) history[index] = { ...history[index], source: 'history+push' };
      else entries.push(pushEntry(occurrence, facts));
      continue;
    }

    const match = matchingStep(sagaSteps, (matchedUpTo.get(occurrence.step) ?? -1) + 1, occurrence, facts);
    if (match >= 0) {
      matchedUpTo.set(occurrence.step, match);
      entries[match] = mergeIntoSaga(entries[match], facts);
    } else {
      entries.push(pushEntry(occurrence, facts));
    }
  }

  // Saga steps, then history and unmatched push entries, ordered by time (stable for equal times).
  return [...entries, ...history]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      const diff = time(a.entry.startedAt) - time(b.entry.startedAt);
      return (Number.isFinite(diff) ? diff : 0) || a.index - b.index;
    })
    .map(({ entry }) => finalizeEntry(entry));
}
