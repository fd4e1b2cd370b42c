import { InvalidValue } from '../../../shared/kernel/domain-error.js';

export const MAX_SLOW_CARD_DELAY_MS = 60_000;
export const MAX_FAILURES_BEFORE_SUCCESS = 1_000;

export interface SimulatorSettingsProps {
  /** Chance (0..1) that a charge with the transient card fails, when no fixed count is set. */
  readonly transientFailureRate: number;
  /** When set, deterministic and preferred over the rate: attempts 1..N fail, N+1 succeeds. */
  readonly transientFailuresBeforeSuccess: number | null;
  readonly slowCardDelayMs: number;
}

export const DEFAULT_SIMULATOR_SETTINGS: SimulatorSettingsProps = {
  transientFailureRate: 0.5,
  transientFailuresBeforeSuccess: null,
  slowCardDelayMs: 3000,
};

export class SimulatorSettings implements SimulatorSettingsProps {
  private constructor(
    readonly transientFailureRate: number,
    readonly transientFailuresBeforeSuccess: number | null,
    readonly slowCardDelayMs: number,
  ) {}

  static of(props: SimulatorSettingsProps): SimulatorSettings {
    const { transientFailureRate: rate, transientFailuresBeforeSuccess: n, slowCardDelayMs: delay } = props;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new InvalidValue('transientFailureRate must be a number from 0 to 1', { transientFailureRate: rate });
    }
    if (n !== null && (!Number.isSafeInteger(n) || n < 0 || n > MAX_FAILURES_BEFORE_SUCCESS)) {
      throw new InvalidValue(`transientFailuresBeforeSuccess must be an integer from 0 to ${MAX_FAILURES_BEFORE_SUCCESS}, or null`, {
        transientFailuresBeforeSuccess: n,
      });
    }
    if (!Number.isSafeInteger(delay) || delay < 0 || delay > MAX_SLOW_CARD_DELAY_MS) {
      throw new InvalidValue(`slowCardDelayMs must be an integer from 0 to ${MAX_SLOW_CARD_DELAY_MS}`, { slowCardDelayMs: delay });
    }
    return new SimulatorSettings(rate, n, delay);
  }

  with(patch: Partial<SimulatorSettingsProps>): SimulatorSettings {
    return SimulatorSettings.of({ ...this.toJSON(), ...stripUndefined(patch) });
  }

  toJSON(): SimulatorSettingsProps {
    return {
      transientFailureRate: this.transientFailureRate,
      transientFailuresBeforeSuccess: this.transientFailuresBeforeSuccess,
      slowCardDelayMs: this.slowCardDelayMs,
    };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
