import type { RandomSource } from '../../domain/random.source.js';

/** Chance for the transient card's failure rate; not for anything secret (tokens use the CSPRNG). */
export const mathRandom: RandomSource = { next: () => Math.random() };
