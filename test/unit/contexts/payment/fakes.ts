import type { Sleeper } from '../../../../src/contexts/payment/domain/delay.sleeper.js';
import type { RandomSource } from '../../../../src/contexts/payment/domain/random.source.js';
import type { SimulatorSettingsStore } from '../../../../src/contexts/payment/domain/simulator-settings.store.js';
import {
  DEFAULT_SIMULATOR_SETTINGS,
  SimulatorSettings,
  type SimulatorSettingsProps,
} from '../../../../src/contexts/payment/domain/simulator-settings.value.js';

/** Returns at once and remembers every delay it was asked for. */
export class RecordingSleeper implements Sleeper {
  readonly calls: number[] = [];
  sleep(ms: number): Promise<void> {
    this.calls.push(ms);
    return Promise.resolve();
  }
}

/** Plays back the given values in turn (then repeats the last). */
export class ScriptedRandom implements RandomSource {
  private index = 0;
  constructor(private readonly values: number[]) {}
  next(): number {
    const value = this.values[Math.min(this.index, this.values.length - 1)];
    this.index++;
    return value;
  }
}

export class FixedSettings implements SimulatorSettingsStore {
  private settings: SimulatorSettings;
  constructor(props: Partial<SimulatorSettingsProps> = {}) {
    this.settings = SimulatorSettings.of({ ...DEFAULT_SIMULATOR_SETTINGS, ...props });
  }
  current(): Promise<SimulatorSettings> {
    return Promise.resolve(this.settings);
  }
  async update(change: (current: SimulatorSettings) => SimulatorSettings): Promise<SimulatorSettings> {
    await Promise.resolve();
    this.settings = change(this.settings);
    return this.settings;
  }
}
