/**
 * For in-memory adapters of async ports: runs `work` and answers with a promise, as a real store
 * would, so a throw inside (say a domain error from an update's `change`) becomes a rejection.
 */
export function answer<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
