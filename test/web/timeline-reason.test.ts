import assert from 'node:assert/strict';
import type { OrderView } from '../../web/src/lib/api-types.js';
import {
  buildTimeline,
  createTimelineState,
  legacyReasonCode,
  withCancelRequested,
  withEvents,
  withView,
} from '../../web/src/lib/timeline/index.js';
import { HAPPY_EVENTS, ORDER, ran, sagaStep, view } from './support/timeline-builders.js';

/** An order the saga cancelled after charging; the history's last entry is the cancellation. */
function cancelledView(sagaExtra: Partial<NonNullable<OrderView['saga']>> = {}): OrderView {
  return view(
    'CANCELLED',
    [
      sagaStep('charge-payment', 0, 10, { detail: { paymentStatus: 'CAPTURED' } }),
      sagaStep('refund-payment', 20, 30),
      sagaStep('cancel-order', 40, 50),
    ],
    { cancellable: false, ...sagaExtra },
    [
      ['PENDING', 0],
      ['CANCELLED', 50],
    ],
  );
}

function cancellation(order: OrderView) {
  return order.order!.history.at(-1)!;
}

const timelineOf = (order: OrderView) => buildTimeline(withView(createTimelineState(ORDER), order));

describe('storefront timeline: why an order ended', () => {
  it('takes the code the history entry carries, before the saga record', () => {
    const order = cancelledView({ reasonCode: 'PAYMENT.PROVIDER_UNAVAILABLE', reason: 'provider down' });
    Object.assign(cancellation(order), { reasonCode: 'ORDER.CANCELLED_BY_CUSTOMER', reason: 'changed my mind' });
    const timeline = timelineOf(order);
    assert.equal(timeline.reasonCode, 'ORDER.CANCELLED_BY_CUSTOMER');
    assert.equal(timeline.reason, 'You cancelled this order.');
  });

  it('shows the history entry’s own words for a code the storefront has no sentence for', () => {
    const order = cancelledView();
    Object.assign(cancellation(order), { reasonCode: 'ORDER.SOMETHING_NEW', reason: 'a reason the shop just invented' });
    assert.equal(timelineOf(order).reason, 'a reason the shop just invented');
  });

  it('an entry whose code is null leaves it to the saga record, whatever its text looks like', () => {
    const order = cancelledView({ reasonCode: 'PAYMENT.CARD_DECLINED', reason: 'declined' });
    Object.assign(cancellation(order), { reasonCode: null, reason: 'INVENTORY.INSUFFICIENT_STOCK: looks like a code' });
    assert.equal(timelineOf(order).reasonCode, 'PAYMENT.CARD_DECLINED');
  });

  it('takes the saga record’s code when the entry has none', () => {
    const order = cancelledView({ reasonCode: 'PAYMENT.CARD_DECLINED', reason: 'declined' });
    cancellation(order).reason = 'ORDER.CANCELLED_BY_CUSTOMER: older text';
    assert.equal(timelineOf(order).reasonCode, 'PAYMENT.CARD_DECLINED');
  });

  it('reads the code out of history written before entries carried it (legacy "CODE: reason" text)', () => {
    const order = cancelledView();
    // An entry from before the column existed: the order service answers its code as null.
    Object.assign(cancellation(order), { reasonCode: null, reason: 'ORDER.CANCELLED_BY_CUSTOMER: cancelled by the customer' });
    const timeline = timelineOf(order);
    assert.equal(timeline.reasonCode, 'ORDER.CANCELLED_BY_CUSTOMER');
    assert.equal(timeline.reason, 'You cancelled this order.');
  });

  it('knows the shopper cancelled when nothing else says why', () => {
    const state = withCancelRequested(
      withEvents(createTimelineState(ORDER), [
        ...HAPPY_EVENTS.slice(0, 8),
        ...ran('release-stock', 200, 210),
        ...ran('cancel-order', 220, 230),
      ]),
    );
    assert.equal(buildTimeline(state).reason, 'You cancelled this order.');
  });

  it('gives no reason for a confirmed order, whatever its history says', () => {
    const order = view('CONFIRMED', [], { outcome: 'CONFIRMED', cancellable: false }, [
      ['PENDING', 0],
      ['CONFIRMED', 10],
    ]);
    Object.assign(cancellation(order), { reasonCode: 'ORDER.CONFIRMED', reason: 'all good' });
    const timeline = timelineOf(order);
    assert.equal(timeline.reason, '');
    assert.equal(timeline.reasonCode, null);
  });

  describe('legacyReasonCode', () => {
    it('splits "CODE: reason" and leaves other text alone', () => {
      assert.deepEqual(legacyReasonCode('PAYMENT.CARD_DECLINED: card declined\nby issuer'), {
        code: 'PAYMENT.CARD_DECLINED',
        message: 'card declined\nby issuer',
      });
      assert.equal(legacyReasonCode('cancelled by the customer'), null);
      assert.equal(legacyReasonCode('Note: lower case is not a code'), null);
      assert.equal(legacyReasonCode(''), null);
    });
  });
});
