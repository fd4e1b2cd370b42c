import type { SimulatorSettingsStore } from '../domain/simulator-settings.store.js';
import type { SimulatorSettings } from '../domain/simulator-settings.value.js';

export class GetSimulatorSettings {
  constructor(private readonly store: SimulatorSettingsStore) {}

  execute(): Promise<SimulatorSettings> {
    return this.store.current();
  }
}
