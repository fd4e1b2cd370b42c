/**
 * What a saga costs Temporal, read from real histories: the activity shape the baseline copies,
 * history events per order, and actions (start, activities, local activities, timers, signals,
 * updates; search-attribute upserts listed too since Temporal Cloud bills them).
 */
import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { z } from 'zod';
import { orderWorkflowId } from '../src/workflows/order-saga.messages.js';
import type { ActivityShapeSchema, CostSchema } from './result.schema.js';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The marker the TypeScript SDK (sdk-core) records for a completed local activity. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

const isLocalActivity = (event: HistoryEvent) => event.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER;

export async function historyOf(client: Client, orderId: string): Promise<HistoryEvent[]> {
  const history = await client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory();
  return history.events ?? [];
}

/** The kinds of activities an approved saga ran, in order. */
export function shapeOf(events: readonly HistoryEvent[], workflowId: string): z.infer<typeof ActivityShapeSchema> {
  const sequence = events.flatMap((event): ('regular' | 'local')[] =>
    event.activityTaskScheduledEventAttributes ? ['regular'] : isLocalActivity(event) ? ['local'] : [],
  );
  return {
    sequence,
    regular: sequence.filter((kind) => kind === 'regular').length,
    local: sequence.filter((kind) => kind === 'local').length,
    workflowId,
  };
}

export function costOf(histories: readonly HistoryEvent[][]): Omit<z.infer<typeof CostSchema>, 'processes'> {
  const n = Math.max(1, histories.length);
  const mean = (pick: (events: readonly HistoryEvent[]) => number) =>
    Math.round((histories.reduce((sum, events) => sum + pick(events), 0) / n) * 100) / 100;
  const countOf = (test: (event: HistoryEvent) => boolean) => (events: readonly HistoryEvent[]) => events.filter(test).length;
  const activities = mean(countOf((e) => Boolean(e.activityTaskScheduledEventAttributes)));
  const localActivities = mean(countOf(isLocalActivity));
  const timers = mean(countOf((e) => Boolean(e.timerStartedEventAttributes)));
  const signals = mean(countOf((e) => Boolean(e.workflowExecutionSignaledEventAttributes)));
  const updates = mean(countOf((e) => Boolean(e.workflowExecutionUpdateAcceptedEventAttributes)));
  const searchAttributeUpserts = mean(countOf((e) => Boolean(e.upsertWorkflowSearchAttributesEventAttributes)));
  const sizes = histories.map((events) => events.length);
  return {
    sampledOrders: histories.length,
    historyEvents: {
      mean: mean((events) => events.length),
      min: sizes.length > 0 ? Math.min(...sizes) : 0,
      max: sizes.length > 0 ? Math.max(...sizes) : 0,
    },
    actions: {
      mean: Math.round((1 + activities + localActivities + timers + signals + updates) * 100) / 100,
      start: 1,
      activities,
      localActivities,
      timers,
      signals,
      updates,
      searchAttributeUpserts,
    },
  };
}
