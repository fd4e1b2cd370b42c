import type { SimulatorSettingsStore } from '../../domain/simulator-settings.store.js';
import type { SimulatorSettings } from '../../domain/simulator-settings.value.js';

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
