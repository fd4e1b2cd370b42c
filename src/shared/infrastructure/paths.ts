import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Local state (embedded Postgres, Temporal dev db) lives here; git-ignored, delete it to reset. */
export function dataDir(): string {
  return path.resolve(process.env.SAGASHOP_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
}
