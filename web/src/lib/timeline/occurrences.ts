/**
 * Push events -> occurrences: one per run of a step (a step like notify-customer runs many
 * times), each with its attempts, and the facts its events tell.
 */
import type { OrderProgressEvent } from '../api-types.js';
import { normaliseDetail } from './detail.js';
import { time } from './time.js';
import type { AttemptSummary, EntryStatus } from './types.js';

export interface Occurrence {
  step: string;
  kind: 'forward' | 'compensation';
  events: OrderProgressEvent[];
}

/** What the push events of one occurrence say about it. */
export interface OccurrenceFacts {
  startedAt: string;
  finishedAt: string | undefined;
  status: EntryStatus;
  attempts: AttemptSummary[];
  attemptCount: number;
  detail: Record<string, unknown>;
  orderStatus: string | undefined;
  error: { code: string; message: string } | undefined;
}

const STATUS_ORDER = { started: 0, failed: 1, completed: 1 } as const;

/** Time order; for equal times, attempt order and a start before its end; else arrival order. */
export function sortEvents(events: readonly OrderProgressEvent[]): OrderProgressEvent[] {
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
        event.status === 'started' ? known.attempt >= event.attempt : known.attempt === event.attempt && known.status !== 'started',
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

/** `superseded`: later events exist, so a retryable failure was the last try. */
export function occurrenceFacts(occurrence: Occurrence, superseded: boolean): OccurrenceFacts {
  const events = occurrence.events;
  const first = events[0];
  const last = events[events.length - 1];
  let status: EntryStatus;
  if (last.status === 'completed') status = 'completed';
  else if (last.status === 'failed') status = last.retryable === false || superseded ? 'failed' : 'retrying';
  else status = 'running';
  const detail = normaliseDetail(
    occurrence.step,
    Object.assign({}, ...events.map((event) => event.detail ?? {})) as Record<string, unknown>,
  );
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
