import type { RandomSource, SimulatorSettingsStore, Sleeper } from '../../domain/simulator.port.js';
import type { SimulatorSettings } from '../../domain/simulator-settings.value.js';

export const timerSleeper: Sleeper = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const mathRandom: RandomSource = { next: () => Math.random() };

/**
 * Settings live in the process: each instance has its own, which is fine for a simulator. What
 * must be shared (the attempt count behind "first N fail") is in the database instead.
 */
export class InMemorySimulatorSettingsStore implements SimulatorSettingsStore {
  constructor(private settings: SimulatorSettings) {}

  current(): SimulatorSettings {
    return this.settings;
  }

  replace(next: SimulatorSettings): void {
    this.settings = next;
  }
}
