/**
 * Latency summaries: exact percentiles over the whole (bounded) sample, so a p99 of 300 orders is
 * the 297th value and not an estimate.
 */
import type { Latency } from './result.schema.js';

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export function summarize(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.length > 0 ? sorted[sorted.length - 1] : null),
  };
}

export const perSecond = (count: number, seconds: number) => Math.round((count / seconds) * 100) / 100;
