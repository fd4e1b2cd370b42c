import type { SimulatorSettings } from './simulator-settings.value.js';

/** Port. The live simulator settings, changeable at runtime (GET/PUT /simulator/settings). */
export interface SimulatorSettingsStore {
  current(): SimulatorSettings;
  replace(next: SimulatorSettings): void;
}
