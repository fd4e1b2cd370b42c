import type { Logger } from '../logger.js';
import { ensureDatabase } from './database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface ProvidedDatabase {
  url: string;
  /** Stops the embedded server when this process started it; a no-op otherwise. */
  release(): Promise<void>;
}

/**
 * A URL given in env wins; without one, the database lives in the embedded Postgres under
 * .data/postgres (started here, or reused when another sagashop process already runs it).
 * Either way the database itself is created when missing.
 */
export async function provideDatabase(
  name: string,
  explicitUrl: string | undefined,
  envVariable: string,
  logger: Logger,
): Promise<ProvidedDatabase> {
  if (explicitUrl) {
    await ensureDatabase(explicitUrl);
    return { url: explicitUrl, release: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ onLog: (line) => logger.debug({ postgres: line.trim() }, 'embedded postgres') });
  logger.info({ owned: embedded.owned, database: name }, 'no %s: using the embedded Postgres under .data/postgres', envVariable);
  const url = `${embedded.serverUrl}/${name}`;
  try {
    await ensureDatabase(url);
  } catch (error) {
    if (embedded.owned) await embedded.stop();
    throw error;
  }
  return { url, release: () => (embedded.owned ? embedded.stop() : Promise.resolve()) };
}
