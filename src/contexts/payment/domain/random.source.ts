/** Port. Uniform in [0, 1); injected so the random transient failures can be pinned in tests. */
export interface RandomSource {
  next(): number;
}
