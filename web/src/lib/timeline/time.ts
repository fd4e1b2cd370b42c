/** Timestamps as the API sends them (ISO strings, sometimes missing). */

/** Milliseconds since the epoch; NaN when there is no time. */
export function time(iso: string | null | undefined): number {
  if (!iso) return Number.NaN;
  return Date.parse(iso);
}

export function durationOf(startedAt: string, finishedAt: string | undefined): number | undefined {
  if (!finishedAt) return undefined;
  const ms = time(finishedAt) - time(startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
