/** The order saga through the public API: a closed loop (throughput) and open-loop steps (latency under offered load). */
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import { closedLoop, openLoop } from './loops.js';
import type { OpenLoopStepSchema, SagaClosedSchema } from './result.schema.js';
import { cardFor, type CardKind, type Shop } from './shoppers.js';
import { perSecond, summarize } from './stats.js';

/** How long one order may take to reach its final status before the bench counts it unfinished. */
export const FINAL_TIMEOUT_MS = 30_000;

export interface SagaClosedResult extends Omit<z.infer<typeof SagaClosedSchema>, 'ratioToBaseline'> {
  /** Order ids that were CONFIRMED (a sample of their histories gives the cost per order). */
  confirmedIds: string[];
}

/** `concurrency` shoppers, each placing an order with an approving card and waiting for its push before the next. */
export async function sagaClosedLoop(
  shop: Shop,
  concurrency: number,
  durationMs: number,
  finalTimeoutMs = FINAL_TIMEOUT_MS,
): Promise<SagaClosedResult> {
  const accept: number[] = [];
  const final: number[] = [];
  const confirmedIds: string[] = [];
  let cancelled = 0;
  let unfinished = 0;
  let errors = 0;
  let measuring = false;
  const once = async (worker: number) => {
    const shopper = shop.shoppers[worker % shop.shoppers.length];
    try {
      const placed = await shop.place(shopper, 'APPROVE');
      const outcome = await shop.tracker.waitFinal(placed.orderId, finalTimeoutMs);
      if (!measuring) return;
      accept.push(placed.acceptedAt - placed.sentAt);
      if (!outcome) unfinished++;
      else {
        final.push(outcome.at - placed.acceptedAt);
        if (outcome.status === 'CONFIRMED') confirmedIds.push(placed.orderId);
        else cancelled++;
      }
    } catch {
      if (measuring) errors++;
    }
  };
  // Warm-up: connection pools, JIT, the first workflow tasks.
  await closedLoop(concurrency, Math.min(3000, durationMs / 4), once);
  measuring = true;
  const seconds = await closedLoop(concurrency, durationMs, once);
  return {
    concurrency,
    durationS: Math.round(seconds * 10) / 10,
    accepted: accept.length,
    confirmed: confirmedIds.length,
    cancelled,
    unfinished,
    errors,
    ordersPerS: perSecond(confirmedIds.length, seconds),
    acceptMs: summarize(accept),
    finalMs: summarize(final),
    confirmedIds,
  };
}

/** One open-loop step: orders at `ratePerS` for `durationMs` with the 8:1:1 card mix, then their finals. */
export async function sagaOpenLoopStep(
  shop: Shop,
  ratePerS: number,
  durationMs: number,
  finalTimeoutMs = FINAL_TIMEOUT_MS,
): Promise<z.infer<typeof OpenLoopStepSchema>> {
  const accept: number[] = [];
  const final: number[] = [];
  const cards: Record<string, number> = {};
  let confirmed = 0;
  let cancelled = 0;
  let unfinished = 0;
  let errors = 0;
  let finalsInWindow = 0;
  const started = performance.now();
  const windowEnd = started + durationMs;
  const sent = await openLoop(ratePerS, durationMs, async (index) => {
    const card: CardKind = cardFor(index);
    cards[card] = (cards[card] ?? 0) + 1;
    try {
      const placed = await shop.place(shop.nextShopper(), card);
      accept.push(placed.acceptedAt - placed.sentAt);
      const outcome = await shop.tracker.waitFinal(placed.orderId, finalTimeoutMs);
      if (!outcome) {
        unfinished++;
        return;
      }
      final.push(outcome.at - placed.acceptedAt);
      if (outcome.at <= windowEnd) finalsInWindow++;
      if (outcome.status === 'CONFIRMED') confirmed++;
      else cancelled++;
    } catch {
      errors++;
    }
  });
  const seconds = durationMs / 1000;
  return {
    offeredPerS: ratePerS,
    durationS: seconds,
    sent,
    accepted: accept.length,
    achievedPerS: perSecond(accept.length, seconds),
    confirmed,
    cancelled,
    unfinished,
    errors,
    finalsPerS: perSecond(finalsInWindow, seconds),
    acceptMs: summarize(accept),
    finalMs: summarize(final),
    cards,
  };
}

/**
 * The knee: the highest offered rate the system still keeps up with, i.e. accepts at least 90%
 * of what is offered and keeps the median accept-to-final within twice that of the lowest rate.
 */
export const KNEE_RULE = 'highest offered rate with accepted >= 90% of offered and final p50 <= 2x the final p50 at the lowest rate';

/** A step after which higher rates would only pile up more of the same: most orders failed or never finished. */
export function saturated(step: z.infer<typeof OpenLoopStepSchema>): boolean {
  return step.unfinished + step.errors > 0.25 * step.sent;
}

type StepOutcome = Pick<z.infer<typeof OpenLoopStepSchema>, 'offeredPerS' | 'achievedPerS' | 'errors' | 'finalMs'>;

export function kneeOf(steps: readonly StepOutcome[]): number | null {
  const reference = steps[0]?.finalMs.p50;
  let knee: number | null = null;
  for (const step of steps) {
    const keepsUp = step.achievedPerS >= 0.9 * step.offeredPerS && step.errors === 0;
    const fast = reference !== null && reference !== undefined && step.finalMs.p50 !== null && step.finalMs.p50 <= 2 * reference;
    if (!(keepsUp && fast)) break;
    knee = step.offeredPerS;
  }
  return knee;
}
