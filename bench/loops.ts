/** Load shapes: both bounded in time and stop by themselves. */
import { performance } from 'node:perf_hooks';

/**
 * Closed loop: `concurrency` workers each run `op` back to back until `durationMs` has passed
 * (an operation under way then still finishes and counts). Returns the measured window in seconds.
 */
export async function closedLoop(concurrency: number, durationMs: number, op: (worker: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (performance.now() < until) await op(worker);
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * Open loop: starts `op(i)` at `ratePerS` for `durationMs`, on schedule whether or not earlier ones
 * have finished (as independent shoppers would), then waits for all of them.
 */
export async function openLoop(ratePerS: number, durationMs: number, op: (index: number) => Promise<void>): Promise<number> {
  const total = Math.max(1, Math.round((ratePerS * durationMs) / 1000));
  const interval = 1000 / ratePerS;
  const started = performance.now();
  const running: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    // Scheduled from the start, not from the previous send, so timer drift does not lower the rate.
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    running.push(op(index));
  }
  await Promise.all(running);
  return total;
}
