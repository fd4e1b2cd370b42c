import type { SimulatorSettings } from './simulator-settings.value.js';

/**
 * Port. The live simulator settings, changeable at runtime (GET/PUT /simulator/settings, the
 * operator console). Kept where every payment process reads them (the payment database), so one
 * change reaches every charge whichever process serves it.
 */
export interface SimulatorSettingsStore {
  current(): Promise<SimulatorSettings>;
  /** Applies `change` to the current settings and stores the result atomically; resolves to it. */
  update(change: (current: SimulatorSettings) => SimulatorSettings): Promise<SimulatorSettings>;
}
