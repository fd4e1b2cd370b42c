import type { Clock } from '../../../../src/shared/kernel/clock.js';
import type { RandomSource, SimulatorSettingsStore, Sleeper } from '../../../../src/contexts/payment/domain/simulator.port.js';
import {
  DEFAULT_SIMULATOR_SETTINGS,
  SimulatorSettings,
  type SimulatorSettingsProps,
} from '../../../../src/contexts/payment/domain/simulator-settings.value.js';

/** Returns at once and remembers every delay it was asked for. */
export class RecordingSleeper implements Sleeper {
  readonly calls: number[] = [];
  async sleep(ms: number): Promise<void> {
    this.calls.push(ms);
  }
}

/** Plays back the given values in turn (then repeats the last). */
export class ScriptedRandom implements RandomSource {
  private index = 0;
  constructor(private readonly values: number[]) {}
  next(): number {
    const value = this.values[Math.min(this.index, this.values.length - 1)]!;
    this.index++;
    return value;
  }
}

export class FixedSettings implements SimulatorSettingsStore {
  private settings: SimulatorSettings;
  constructor(props: Partial<SimulatorSettingsProps> = {}) {
    this.settings = SimulatorSettings.of({ ...DEFAULT_SIMULATOR_SETTINGS, ...props });
  }
  current(): SimulatorSettings {
    return this.settings;
  }
  replace(next: SimulatorSettings): void {
    this.settings = next;
  }
}

export class SteppingClock implements Clock {
  private ms: number;
  constructor(start = '2026-01-01T00:00:00Z') {
    this.ms = Date.parse(start);
  }
  now(): Date {
    this.ms += 1000;
    return new Date(this.ms);
  }
}
