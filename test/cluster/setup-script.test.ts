import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { searchAttributesEnv } from '../../deploy/temporal-cluster/cluster.js';
import { REPO_ROOT } from '../../src/shared/infrastructure/paths.js';

describe('cluster: setup.sh', () => {
  it('registers by default the search attributes the saga upserts (compose runs it without SEARCH_ATTRIBUTES)', async () => {
    const script = await readFile(path.join(REPO_ROOT, 'deploy/temporal-cluster/setup.sh'), 'utf8');
    const fallback = /search_attributes=\$\{SEARCH_ATTRIBUTES:-([^}]*)\}/.exec(script)?.[1];
    assert.equal(fallback, searchAttributesEnv());
  });
});
