/**
 * The bench's baseline: a workflow that does nothing but run the activities the order saga's happy
 * path runs, as many and of the same kinds (regular or local), in the same order. The bench reads
 * that sequence from a real approved saga's history in the same run, so the baseline follows the
 * saga when someone turns a step into a local activity or merges two.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline.activities.js';

// The saga's forward-step options with production defaults (src/workflows/order-saga.policy.ts).
const regular = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 8 },
});
const local = proxyLocalActivities<BaselineActivities>({ startToCloseTimeout: '5 seconds', retry: { maximumAttempts: 3 } });

export interface BaselineInput {
  sequence: ('regular' | 'local')[];
  /** A reference as small as the saga's (order and customer ids), so payload sizes are alike. */
  ref: { orderId: string; customerId: string };
}

export async function baselineWorkflow(input: BaselineInput): Promise<number> {
  let done = 0;
  for (const kind of input.sequence) {
    await (kind === 'local' ? local : regular).noop(input.ref);
    done++;
  }
  return done;
}
