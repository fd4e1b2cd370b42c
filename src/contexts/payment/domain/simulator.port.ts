import type { SimulatorSettings } from './simulator-settings.value.js';

/** Where the simulator waits; tests pass one that returns at once (and records what it was asked). */
export interface Sleeper {
  sleep(ms: number): Promise<void>;
}

/** Uniform in [0, 1); injected so the random transient failures can be pinned in tests. */
export interface RandomSource {
  next(): number;
}

/** The live simulator settings, changeable at runtime (GET/PUT /simulator/settings). */
export interface SimulatorSettingsStore {
  current(): SimulatorSettings;
  replace(next: SimulatorSettings): void;
}
