/** Port. Where the simulator waits; tests pass one that returns at once (and records what it was asked). */
export interface Sleeper {
  sleep(ms: number): Promise<void>;
}
