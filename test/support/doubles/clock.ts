import type { Clock } from '../../../src/shared/kernel/clock.js';

export const TEST_EPOCH = '2026-01-01T00:00:00.000Z';

/**
 * The one test clock: time stands still unless a test moves it (`set`, `advance`), or, with
 * `tick`, every reading moves it on by that much (for code that needs strictly increasing times).
 */
export class TestClock implements Clock {
  private ms: number;

  constructor(
    start: string | Date = TEST_EPOCH,
    private readonly tickMs = 0,
  ) {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    const reading = new Date(this.ms);
    this.ms += this.tickMs;
    return reading;
  }

  set(at: string | Date): void {
    this.ms = new Date(at).getTime();
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}
