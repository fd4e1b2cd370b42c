import type { Sleeper } from '../../domain/delay.sleeper.js';

/** Really waits (the slow test card's delay); tests inject one that returns at once. */
export const timerSleeper: Sleeper = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
