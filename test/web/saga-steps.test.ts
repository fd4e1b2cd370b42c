import assert from 'node:assert/strict';
import { SAGA_STEP_NAMES } from '../../src/shared/kernel/saga-steps.js';
import { STEP_LABELS } from '../../web/src/lib/timeline/labels.js';

/** The storefront may not import src/: its labels are a copy keyed by step name, kept in step here. */
describe('saga step names: the storefront labels every step the saga has, and no other', () => {
  it('has a label for each step name and none for a name the saga does not use', () => {
    assert.deepEqual(Object.keys(STEP_LABELS).sort(), [...SAGA_STEP_NAMES].sort());
  });
});
