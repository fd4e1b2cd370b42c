/**
 * What the order page knows about one order: the last fetched view and the push events since.
 * Every change returns a new state (or the same one when nothing changed), so Vue sees it.
 */
import type { OrderCommandResponse, OrderProgressEvent, OrderView } from '../api-types.js';
import type { TimelineState } from './types.js';

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

/**
 * A cancel or payment confirmation answers with the saga as the update left it: newer than the
 * fetched view's saga, so it replaces it (nothing to replace before the first fetch).
 */
export function withCommandAnswer(state: TimelineState, answer: OrderCommandResponse): TimelineState {
  if (!answer.saga || !state.view) return state;
  return withView(state, { ...state.view, saga: answer.saga });
}
