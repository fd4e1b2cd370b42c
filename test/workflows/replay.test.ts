import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { testDataConverter } from '../support/codec.js';
import { sharedWorkflowBundle } from '../support/system.js';

const HISTORIES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'histories');

/**
 * Histories of every saga scenario, recorded from real runs (`npm run record:histories`), are
 * replayed against the current workflow code: a change that is not deterministic fails CI. Their
 * payloads are encrypted as stored: the replayer decodes them with the test systems' fixed key.
 */
describe('order saga replay (determinism)', function () {
  this.timeout(120_000);

  it('replays every recorded scenario without a non-determinism error', async () => {
    const files = (await readdir(HISTORIES)).filter((file) => file.endsWith('.json')).sort();
    assert.ok(files.length >= 8, `expected the recorded scenarios under ${HISTORIES}, found ${files.length}`);
    const histories = await Promise.all(
      files.map(async (file) => ({
        workflowId: path.basename(file, '.json'),
        history: historyFromJSON(JSON.parse(await readFile(path.join(HISTORIES, file), 'utf8'))),
      })),
    );
    const failures: string[] = [];
    let replayed = 0;
    const options = { workflowBundle: await sharedWorkflowBundle(), dataConverter: testDataConverter() };
    for await (const result of Worker.runReplayHistories(options, histories)) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    assert.equal(replayed, files.length);
    assert.deepEqual(failures, []);
  });
});
