import { stopTestPostgres } from './postgres.js';
import { stopTestTemporal } from './temporal.js';

/** Shared servers are started lazily by the suites that need them and stopped once, here. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await Promise.all([stopTestPostgres(), stopTestTemporal()]);
  },
};
