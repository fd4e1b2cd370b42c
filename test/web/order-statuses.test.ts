/**
 * The storefront (a separate deployable, which may not import src/) keeps its own copy of the
 * order statuses: a type in api-types.ts and a label per status in order-status.ts. This compares
 * both with the one list the order contract publishes.
 */
import assert from 'node:assert/strict';
import { ORDER_STATUSES, type OrderStatus as ServerOrderStatus } from '../../src/contexts/order/contract.js';
import type { OrderStatus as WebOrderStatus } from '../../web/src/lib/api-types.js';
import { humanise, OPERATOR_FILTER_STATUSES, statusInfo, statusKicker } from '../../web/src/lib/order-status.js';

// Both directions, checked by the compiler (npm run typecheck): a status added on either side only fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameUnion: Same<ServerOrderStatus, WebOrderStatus> = true;

describe('storefront order statuses', () => {
  it('the web type names exactly the contract statuses (checked by the compiler)', () => {
    assert.equal(sameUnion, true);
  });

  for (const status of ORDER_STATUSES) {
    it(`knows how to show ${status}`, () => {
      const info = statusInfo(status);
      // An unknown status falls back to its humanised code, a neutral tone and no summary.
      assert.notEqual(info.summary, '', `${status} has no summary in web/src/lib/order-status.ts`);
      assert.ok(info.label !== humanise(status) || info.tone !== 'neutral', `${status} is shown with the fallback`);
    });
  }

  it("the operator console's filter offers every stored status once, those waiting for a person first", () => {
    assert.deepEqual([...OPERATOR_FILTER_STATUSES].sort(), [...ORDER_STATUSES, 'REJECTED'].sort());
    assert.deepEqual(OPERATOR_FILTER_STATUSES.slice(0, 2), ['NEEDS_ATTENTION', 'RETRYING_COMPENSATIONS']);
  });

  it('calls a status final on the order page only when no one will move the order on', () => {
    assert.equal(statusKicker('CONFIRMED'), 'Final status');
    assert.equal(statusKicker('CANCELLED'), 'Final status');
    assert.equal(statusKicker('PENDING'), 'Status');
    // The saga waits for an operator, who may still retry the compensations or settle by hand.
    assert.equal(statusKicker('NEEDS_ATTENTION'), 'Status');
    assert.equal(statusKicker('RETRYING_COMPENSATIONS'), 'Status');
  });
});
