import type { SimulatorSettingsStore } from '../domain/simulator-settings.store.js';
import type { SimulatorSettings, SimulatorSettingsProps } from '../domain/simulator-settings.value.js';

export class UpdateSimulatorSettings {
  constructor(private readonly store: SimulatorSettingsStore) {}

  /** Changes only the given fields; the rest keep their current values. */
  execute(patch: Partial<SimulatorSettingsProps>): Promise<SimulatorSettings> {
    return this.store.update((current) => current.with(patch));
  }
}
