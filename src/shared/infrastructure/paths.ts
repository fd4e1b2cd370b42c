import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Whether this process runs the tsc output (dist/, plain .js) rather than the sources through tsx:
 * files that name sibling modules by path (the workflow bundle, the failure converter) need the
 * extension that is actually on disk.
 */
export const RUNNING_COMPILED = import.meta.url.endsWith('.js');

/** The extension of our own modules in this process: `.js` under dist/, `.ts` under tsx. */
export const MODULE_EXTENSION = RUNNING_COMPILED ? '.js' : '.ts';

/** The checkout (or image) root; compiled, this file sits one level deeper, under dist/. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), RUNNING_COMPILED ? '../../../..' : '../../..');

/** Local state (embedded Postgres, Temporal dev db) lives here; git-ignored, delete it to reset. */
export function dataDir(): string {
  return path.resolve(process.env.SAGASHOP_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
}
