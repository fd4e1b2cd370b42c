import assert from 'node:assert/strict';
import { groupOccurrences } from '../../web/src/lib/timeline/index.js';
import { event, ran } from './support/timeline-builders.js';

describe('storefront timeline: grouping push events', () => {
  it('a new "started" of attempt 1 opens a new run of the step; retries stay in one run', () => {
    const runs = groupOccurrences([
      event('notify-customer', 'started', 10),
      event('notify-customer', 'failed', 11, { error: { code: 'X', message: 'x' } }),
      event('notify-customer', 'started', 20, { attempt: 2 }),
      event('notify-customer', 'completed', 21, { attempt: 2 }),
      event('notify-customer', 'started', 30),
      event('notify-customer', 'completed', 31),
    ]);
    assert.deepEqual(
      runs.map((run) => run.events.length),
      [4, 2],
    );
  });

  it('a completion without its start (joined late) after a finished run is a new run', () => {
    const runs = groupOccurrences([...ran('notify-customer', 10, 11), event('notify-customer', 'completed', 31)]);
    assert.equal(runs.length, 2);
  });
});
