/**
 * The order page's live timeline, as pure functions (no Vue): fold the push events of one order
 * (`order.progress`, one per step attempt) and the last fetched OrderView (`GET /api/orders/:id`,
 * the record) into the entries a shopper sees, plus the order's current state.
 *
 * state.ts keeps what is known; occurrences.ts groups push events into runs of a step; merge.ts
 * folds those and the view into entries; labels.ts words them; derive.ts and reason.ts say what the
 * page shows besides (status, outcome, reason, what the shopper may do).
 */
import { deriveState } from './derive.js';
import { mergeEntries } from './merge.js';
import type { Timeline, TimelineState } from './types.js';

export type { AttemptSummary, EntryKind, EntryStatus, Timeline, TimelineEntry, TimelineState } from './types.js';
export {
  createTimelineState,
  withCancelRequested,
  withCommandAnswer,
  withConfirmationSent,
  withEvent,
  withEvents,
  withView,
} from './state.js';
export { groupOccurrences, type Occurrence } from './occurrences.js';
export { statusEntryLabel, stepLabel } from './labels.js';
export { legacyReasonCode } from './reason.js';

/** Folds the state into what the order page shows. */
export function buildTimeline(state: TimelineState): Timeline {
  const entries = mergeEntries(state);
  return { entries, ...deriveState(state, entries) };
}
