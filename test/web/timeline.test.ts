import assert from 'node:assert/strict';
import type { OrderView } from '../../web/src/lib/api-types.js';
import {
  buildTimeline,
  createTimelineState,
  withCancelRequested,
  withCommandAnswer,
  withConfirmationSent,
  withEvent,
  withEvents,
  withView,
} from '../../web/src/lib/timeline/index.js';
import { at, CUSTOMER, event, HAPPY_EVENTS, HAPPY_VIEW, labels, ORDER, ran, sagaStep, view } from './support/timeline-builders.js';

describe('storefront timeline', () => {
  describe('from push events alone', () => {
    it('shows each step as it arrives, in order, with its time, and the status it reached', () => {
      let state = createTimelineState(ORDER);
      state = withEvents(state, HAPPY_EVENTS.slice(0, 3));
      let timeline = buildTimeline(state);
      assert.deepEqual(
        timeline.entries.map((entry) => [entry.label, entry.status]),
        [
          ['Customer checked', 'completed'],
          ['Creating your order', 'running'],
        ],
      );
      assert.equal(timeline.entries[0].startedAt, at(10));
      assert.equal(timeline.entries[0].durationMs, 10);
      assert.equal(timeline.final, false);
      assert.equal(timeline.cancellable, true, 'a running saga before capture can be cancelled');

      state = withEvents(state, HAPPY_EVENTS.slice(3));
      timeline = buildTimeline(state);
      assert.deepEqual(labels(state), [
        'Customer checked',
        'Order created',
        'Stock reserved',
        'Status: items reserved',
        'Payment captured',
        'Status: paid',
        'Items set aside for shipping',
        'Order confirmed',
        'Notification sent',
      ]);
      assert.equal(timeline.status, 'CONFIRMED');
      assert.equal(timeline.statusLabel, 'Confirmed');
      assert.equal(timeline.tone, 'success');
      assert.equal(timeline.final, true);
      assert.equal(timeline.paymentCaptured, true);
      assert.equal(timeline.cancellable, false);
      assert.equal(timeline.reason, '');
      const charge = timeline.entries.find((entry) => entry.step === 'charge-payment')!;
      assert.equal(charge.note, 'Card •••• 4242');
      assert.equal(timeline.entries.at(-1)!.note, 'Notification: order confirmed');
    });

    it('ignores events of other orders and exact repeats', () => {
      const first = event('verify-customer', 'started', 10);
      let state = withEvent(createTimelineState(ORDER), first);
      const again = withEvent(state, { ...first });
      assert.equal(again, state, 'a repeat returns the same state');
      const other = withEvent(state, { ...first, orderId: 'another-order' });
      assert.equal(other, state);
      state = withEvent(state, event('verify-customer', 'completed', 20));
      assert.equal(buildTimeline(state).entries.length, 1);
    });

    it('puts out-of-order arrivals back in time order', () => {
      const events = HAPPY_EVENTS.slice(0, 6).reverse();
      const state = withEvents(createTimelineState(ORDER), events);
      assert.deepEqual(labels(state), ['Customer checked', 'Order created', 'Stock reserved']);
    });

    it('shows payment retries attempt by attempt with their errors, then the compensations and Cancelled', () => {
      const unavailable = { code: 'PAYMENT.PROVIDER_UNAVAILABLE', message: 'provider unavailable' };
      const events = [
        ...HAPPY_EVENTS.slice(0, 8),
        event('charge-payment', 'started', 70),
        event('charge-payment', 'failed', 72, { error: unavailable, retryable: true }),
        event('charge-payment', 'started', 130, { attempt: 2 }),
        event('charge-payment', 'failed', 132, { attempt: 2, error: unavailable, retryable: true }),
      ];
      let state = withEvents(createTimelineState(ORDER), events);
      let timeline = buildTimeline(state);
      let charge = timeline.entries.find((entry) => entry.step === 'charge-payment')!;
      assert.equal(charge.status, 'retrying', 'the last failure is retryable and nothing came after it');
      assert.equal(charge.label, 'Charging your card (retrying)');
      assert.equal(charge.attemptCount, 2);
      assert.deepEqual(
        charge.attempts.map((attempt) => [attempt.attempt, attempt.outcome, attempt.error?.code]),
        [
          [1, 'failed', 'PAYMENT.PROVIDER_UNAVAILABLE'],
          [2, 'failed', 'PAYMENT.PROVIDER_UNAVAILABLE'],
        ],
      );
      assert.equal(timeline.currentEntry?.step, 'charge-payment');
      assert.equal(timeline.cancellable, true);

      state = withEvents(state, [
        ...ran('refund-payment', 200, 210, { detail: { status: 'VOIDED' } }),
        ...ran('release-stock', 220, 230),
        ...ran('cancel-order', 240, 250, { orderStatus: 'CANCELLED' }),
        ...ran('notify-customer', 260, 270, { detail: { type: 'PAYMENT_FAILED' } }),
        ...ran('notify-customer', 280, 290, { detail: { type: 'ORDER_CANCELLED' } }),
      ]);
      timeline = buildTimeline(state);
      charge = timeline.entries.find((entry) => entry.step === 'charge-payment')!;
      assert.equal(charge.status, 'failed', 'later events mean the retries were exhausted');
      assert.equal(charge.label, 'Payment failed');
      assert.deepEqual(
        timeline.entries.filter((entry) => entry.kind === 'compensation').map((entry) => entry.label),
        ['Payment voided', 'Stock released', 'Order cancelled'],
      );
      assert.equal(timeline.entries.find((entry) => entry.step === 'refund-payment')!.note, 'Your card was not charged');
      assert.deepEqual(
        timeline.entries.filter((entry) => entry.step === 'notify-customer').map((entry) => entry.note),
        ['Notification: payment failed', 'Notification: order cancelled'],
        'two runs of the same step are two entries',
      );
      assert.equal(timeline.status, 'CANCELLED');
      assert.equal(timeline.final, true);
      assert.equal(timeline.tone, 'danger');
      assert.equal(timeline.compensating, true);
      assert.equal(timeline.cancellable, false);
      assert.equal(timeline.reasonCode, 'PAYMENT.PROVIDER_UNAVAILABLE');
      assert.match(timeline.reason, /payment provider was unavailable/);
    });

    it('a declined card fails at once (not retryable) and the order is cancelled', () => {
      const declined = { code: 'PAYMENT.CARD_DECLINED', message: 'card declined' };
      const state = withEvents(createTimelineState(ORDER), [
        ...HAPPY_EVENTS.slice(0, 8),
        event('charge-payment', 'started', 70),
        event('charge-payment', 'failed', 75, { error: declined, retryable: false }),
      ]);
      const timeline = buildTimeline(state);
      const charge = timeline.entries.find((entry) => entry.step === 'charge-payment')!;
      assert.equal(charge.status, 'failed');
      assert.deepEqual(charge.error, declined);
      assert.equal(timeline.final, false, 'not final until the order is cancelled');
      assert.equal(timeline.status, 'STOCK_RESERVED');
    });

    it('a cancel with nothing to cancel (the order was never created) makes the order Rejected, not Cancelled', () => {
      const events = [
        ...ran('verify-customer', 10, 20),
        event('create-order', 'started', 30),
        event('create-order', 'failed', 35, {
          retryable: false,
          error: { code: 'INVENTORY.PRODUCT_NOT_FOUND', message: 'No product TEE-GONE' },
        }),
        // What the worker pushes: the activity's result, and no order status (the order moved nowhere).
        ...ran('cancel-order', 40, 45, { detail: { status: 'NOT_CREATED', noOp: true } }),
      ];
      const timeline = buildTimeline(withEvents(createTimelineState(ORDER), events));
      const cancel = timeline.entries.find((entry) => entry.step === 'cancel-order')!;
      assert.equal(cancel.label, 'Nothing to cancel: the order was never created');
      assert.equal(timeline.status, 'REJECTED');
      assert.equal(timeline.final, true, 'final, so the page fetches the record with the saga’s outcome');
      assert.equal(timeline.reasonCode, 'INVENTORY.PRODUCT_NOT_FOUND');
      assert.equal(timeline.reason, 'A product in the order no longer exists.');
      assert.equal(timeline.cancellable, false);

      // The shopper cancelled before the order existed: the saga ends Cancelled, and so does the page.
      const ownCancel = buildTimeline(
        withCancelRequested(
          withEvents(createTimelineState(ORDER), [
            ...ran('verify-customer', 10, 20),
            ...ran('cancel-order', 40, 45, { detail: { status: 'NOT_CREATED', noOp: true } }),
          ]),
        ),
      );
      assert.equal(ownCancel.status, 'CANCELLED');
      assert.equal(ownCancel.reason, 'You cancelled this order.');
    });

    it('a customer the saga refuses makes the order Rejected', () => {
      const state = withEvents(createTimelineState(ORDER), [
        event('verify-customer', 'started', 10),
        event('verify-customer', 'failed', 20, { retryable: false, error: { code: 'CUSTOMER.NOT_ELIGIBLE', message: 'deactivated' } }),
      ]);
      const timeline = buildTimeline(state);
      assert.equal(timeline.status, 'REJECTED');
      assert.equal(timeline.final, true);
      assert.equal(timeline.reason, 'This account may not place orders.');
    });
  });

  describe('with the fetched order view', () => {
    it('builds the whole story from the view alone (page opened after the fact)', () => {
      const timeline = buildTimeline(withView(createTimelineState(ORDER), HAPPY_VIEW));
      assert.deepEqual(
        timeline.entries.map((entry) => entry.label),
        [
          'Customer checked',
          'Order created',
          'Stock reserved',
          'Status: items reserved',
          'Payment captured',
          'Status: paid',
          'Items set aside for shipping',
          'Order confirmed',
          'Notification sent',
        ],
      );
      assert.ok(timeline.entries.every((entry) => entry.startedAt && entry.status === 'completed'));
      assert.equal(timeline.status, 'CONFIRMED');
      assert.equal(timeline.final, true);
    });

    it('never duplicates an entry when the view is refetched after push events (reconnect)', () => {
      let state = withEvents(createTimelineState(ORDER), HAPPY_EVENTS);
      const before = buildTimeline(state).entries.map((entry) => entry.label);
      state = withView(state, HAPPY_VIEW);
      const after = buildTimeline(state);
      assert.deepEqual(
        after.entries.map((entry) => entry.label),
        before,
      );
      assert.ok(after.entries.filter((entry) => entry.kind !== 'status').every((entry) => entry.source === 'saga+push'));
      assert.ok(after.entries.filter((entry) => entry.kind === 'status').every((entry) => entry.source === 'history+push'));
      // And again: refetching twice or replaying events changes nothing.
      state = withEvents(withView(state, HAPPY_VIEW), HAPPY_EVENTS);
      assert.deepEqual(
        buildTimeline(state).entries.map((entry) => entry.label),
        before,
      );
    });

    it('matches pushes of local activities, which run after the workflow time their record carries, without duplicates', () => {
      // A local activity's step is recorded in workflow time, frozen for the whole workflow task
      // (here at 300 ms); the worker pushes the same step from its own clock, seconds later.
      const record = view('CONFIRMED', [sagaStep('notify-customer', 300, 300, { detail: { type: 'ORDER_CONFIRMED' } })], {}, [
        ['CONFIRMED', 300],
      ]);
      let state = withEvents(
        createTimelineState(ORDER),
        ran('notify-customer', 2_300, 2_330, { detail: { notificationType: 'ORDER_CONFIRMED' } }),
      );
      state = withView(state, record);
      const entries = buildTimeline(state).entries.filter((entry) => entry.step === 'notify-customer');
      assert.equal(entries.length, 1, JSON.stringify(entries));
      assert.equal(entries[0].source, 'saga+push');
    });

    it('fills in what happened after an early fetch from push events (missed while disconnected, then refetched)', () => {
      const early = view(
        'PENDING',
        [sagaStep('verify-customer', 5, 25), sagaStep('create-order', 26, 45), sagaStep('reserve-stock', 46, null)],
        {},
        [['PENDING', 40]],
      );
      let state = withView(createTimelineState(ORDER), early);
      assert.equal(buildTimeline(state).entries.at(-1)!.label, 'Reserving stock');
      // Only the events after the fetch arrive by push.
      state = withEvents(state, HAPPY_EVENTS.slice(4, 10));
      let timeline = buildTimeline(state);
      assert.deepEqual(
        timeline.entries.map((entry) => entry.label),
        ['Customer checked', 'Order created', 'Stock reserved', 'Status: items reserved', 'Payment captured'],
      );
      assert.equal(timeline.status, 'STOCK_RESERVED', 'the newest word on the status wins');
      assert.equal(timeline.paymentCaptured, true);
      assert.equal(timeline.cancellable, false, 'Cancel disappears once payment is captured');

      // Reconnect: the refetched view has everything; no entry appears twice.
      state = withView(state, HAPPY_VIEW);
      timeline = buildTimeline(state);
      assert.equal(timeline.entries.length, 9);
      assert.equal(new Set(timeline.entries.map((entry) => entry.id)).size, 9);
      assert.equal(timeline.status, 'CONFIRMED');
    });

    it('a stale view does not undo a newer push status', () => {
      const stale = view('STOCK_RESERVED', [sagaStep('verify-customer', 5, 25)], {}, [
        ['PENDING', 40],
        ['STOCK_RESERVED', 63],
      ]);
      const state = withView(withEvents(createTimelineState(ORDER), HAPPY_EVENTS), stale);
      assert.equal(buildTimeline(state).status, 'CONFIRMED');
    });

    it('takes the attempt count from the view when no push event told it', () => {
      const retried = view('CONFIRMED', [sagaStep('charge-payment', 0, 500, { attempts: 3, detail: { paymentStatus: 'CAPTURED' } })], {
        outcome: 'CONFIRMED',
      });
      const [charge] = buildTimeline(withView(createTimelineState(ORDER), retried)).entries;
      assert.equal(charge.attemptCount, 3);
      assert.deepEqual(charge.attempts, []);
    });

    it('without the saga record, the order history tells the story', () => {
      const gone: OrderView = { ...HAPPY_VIEW, saga: null };
      const timeline = buildTimeline(withView(createTimelineState(ORDER), gone));
      assert.deepEqual(
        timeline.entries.map((entry) => entry.label),
        ['Order received', 'Status: items reserved', 'Status: paid', 'Order confirmed'],
      );
      assert.equal(timeline.final, true);
      assert.equal(timeline.cancellable, false);
    });

    it('an order the saga has not created yet (order and saga null) is Processing, with nothing to show or cancel yet', () => {
      const processing: OrderView = { id: ORDER, status: 'PROCESSING', order: null, saga: null };
      const timeline = buildTimeline(withView(createTimelineState(ORDER), processing));
      assert.equal(timeline.status, 'PROCESSING');
      assert.equal(timeline.final, false);
      assert.deepEqual(timeline.entries, []);
      assert.equal(timeline.reason, '');
      assert.equal(timeline.cancellable, false);
      assert.equal(timeline.awaitingConfirmation, false);
      // Push events fill it in until the record exists.
      const later = buildTimeline(withEvents(withView(createTimelineState(ORDER), processing), HAPPY_EVENTS.slice(0, 4)));
      assert.equal(later.status, 'PENDING');
      assert.deepEqual(
        later.entries.map((entry) => entry.label),
        ['Customer checked', 'Order created'],
      );
    });

    it('an order the saga refused before creating it (order null) is Rejected, with the saga’s reason and code', () => {
      const rejected = view(
        'REJECTED',
        [
          sagaStep('verify-customer', 0, 10, {
            status: 'failed',
            error: { code: 'CUSTOMER.NOT_FOUND', message: `No customer with id ${CUSTOMER}`, retriesExhausted: false },
          }),
        ],
        { outcome: 'REJECTED', reasonCode: 'CUSTOMER.NOT_FOUND', reason: `No customer with id ${CUSTOMER}`, cancellable: false },
      );
      assert.equal(rejected.order, null);
      const timeline = buildTimeline(withView(createTimelineState(ORDER), rejected));
      assert.equal(timeline.status, 'REJECTED');
      assert.equal(timeline.final, true);
      assert.equal(timeline.tone, 'danger');
      assert.equal(timeline.reasonCode, 'CUSTOMER.NOT_FOUND');
      assert.equal(timeline.reason, 'We could not find your account.');
      assert.equal(timeline.cancellable, false);
      assert.equal(timeline.paymentCaptured, false);
      assert.deepEqual(
        timeline.entries.map((entry) => [entry.label, entry.status]),
        [['Customer check failed', 'failed']],
      );
      // A code the storefront has no sentence for still shows the saga's message.
      const unknownCode = view('REJECTED', [], {
        outcome: 'REJECTED',
        reasonCode: 'INVENTORY.SOMETHING_NEW',
        reason: 'A brand new reason',
        cancellable: false,
      });
      assert.equal(buildTimeline(withView(createTimelineState(ORDER), unknownCode)).reason, 'A brand new reason');
    });

    it('shows the reason the saga gives for a cancellation', () => {
      const cancelled = view(
        'CANCELLED',
        [
          sagaStep('charge-payment', 0, 10, {
            status: 'failed',
            error: { code: 'PAYMENT.CARD_DECLINED', message: 'declined', retriesExhausted: false },
          }),
          sagaStep('release-stock', 20, 30),
          sagaStep('cancel-order', 40, 50),
        ],
        { outcome: 'CANCELLED', reasonCode: 'PAYMENT.CARD_DECLINED', reason: 'Card declined by issuer', cancellable: false },
        [
          ['PENDING', 0],
          ['CANCELLED', 50],
        ],
      );
      const timeline = buildTimeline(withView(createTimelineState(ORDER), cancelled));
      assert.equal(timeline.status, 'CANCELLED');
      assert.equal(timeline.reason, 'Your card was declined.');
      assert.deepEqual(
        timeline.entries.map((entry) => [entry.label, entry.kind]),
        [
          ['Payment failed', 'forward'],
          ['Stock released', 'compensation'],
          ['Order cancelled', 'compensation'],
        ],
      );
    });

    it('an order the saga refused while creating it (unknown product) is Rejected: the cancel had nothing to cancel', () => {
      const productGone = { code: 'INVENTORY.PRODUCT_NOT_FOUND', message: 'No product TEE-GONE' };
      const rejected = view(
        'REJECTED',
        [
          sagaStep('verify-customer', 0, 10),
          sagaStep('create-order', 20, 30, { status: 'failed', error: { ...productGone, retriesExhausted: false } }),
          sagaStep('cancel-order', 40, 50, { detail: { noOp: true } }),
        ],
        { outcome: 'REJECTED', reasonCode: productGone.code, reason: productGone.message, cancellable: false },
      );
      const timeline = buildTimeline(withView(createTimelineState(ORDER), rejected));
      assert.deepEqual(
        timeline.entries.map((entry) => [entry.label, entry.status]),
        [
          ['Customer checked', 'completed'],
          ['Order could not be created', 'failed'],
          ['Nothing to cancel: the order was never created', 'completed'],
        ],
      );
      assert.ok(!timeline.entries.some((entry) => entry.label === 'Order cancelled'));
      assert.equal(timeline.status, 'REJECTED');
      assert.equal(timeline.statusLabel, 'Rejected');
      assert.equal(timeline.reasonCode, 'INVENTORY.PRODUCT_NOT_FOUND');
      assert.equal(timeline.reason, 'A product in the order no longer exists.');
      assert.equal(timeline.cancellable, false);
    });
  });

  describe('payment confirmation and cancel', () => {
    const awaitingEvents = [
      ...HAPPY_EVENTS.slice(0, 8),
      ...ran('charge-payment', 70, 90, { detail: { status: 'REQUIRES_CONFIRMATION', cardLast4: '3220' } }),
      ...ran('update-order-status', 91, 95, { orderStatus: 'AWAITING_PAYMENT_CONFIRMATION' }),
    ];

    it('asks for confirmation when a push event moves the order to AWAITING_PAYMENT_CONFIRMATION', () => {
      const state = withEvents(createTimelineState(ORDER), awaitingEvents);
      const timeline = buildTimeline(state);
      assert.equal(timeline.status, 'AWAITING_PAYMENT_CONFIRMATION');
      assert.equal(timeline.awaitingConfirmation, true);
      assert.equal(timeline.cancellable, true, 'not captured yet');
      assert.equal(timeline.entries.find((entry) => entry.step === 'charge-payment')!.label, 'Payment needs your confirmation');
      assert.equal(buildTimeline(withConfirmationSent(state)).awaitingConfirmation, false, 'hidden as soon as the shopper confirmed');
      assert.equal(buildTimeline(withCancelRequested(state)).awaitingConfirmation, false);
      assert.equal(buildTimeline(withCancelRequested(state)).cancellable, false);
    });

    it('asks for confirmation when the fetched view says so, and stops once the capture arrives', () => {
      const waiting = view(
        'AWAITING_PAYMENT_CONFIRMATION',
        [
          sagaStep('charge-payment', 66, 92, { detail: { paymentStatus: 'REQUIRES_CONFIRMATION' } }),
          sagaStep('await-payment-confirmation', 96, null),
        ],
        { awaitingPaymentConfirmation: true, currentStep: 'await-payment-confirmation' },
        [
          ['PENDING', 40],
          ['STOCK_RESERVED', 63],
          ['AWAITING_PAYMENT_CONFIRMATION', 94],
        ],
      );
      let state = withView(createTimelineState(ORDER), waiting);
      let timeline = buildTimeline(state);
      assert.equal(timeline.awaitingConfirmation, true);
      assert.equal(timeline.currentEntry?.label, 'Waiting for your confirmation');
      assert.equal(timeline.currentEntry?.status, 'waiting');
      assert.equal(timeline.cancellable, true);

      state = withEvents(state, [...ran('capture-payment', 300, 310), ...ran('update-order-status', 311, 315, { orderStatus: 'PAID' })]);
      timeline = buildTimeline(state);
      assert.equal(timeline.awaitingConfirmation, false);
      assert.equal(timeline.paymentCaptured, true);
      assert.equal(timeline.cancellable, false);
    });

    it('no dialog once the confirmation timed out and compensations began', () => {
      const state = withEvents(createTimelineState(ORDER), [...awaitingEvents, ...ran('refund-payment', 5000, 5010)]);
      const timeline = buildTimeline(state);
      assert.equal(timeline.status, 'AWAITING_PAYMENT_CONFIRMATION');
      assert.equal(timeline.awaitingConfirmation, false);
      assert.equal(timeline.cancellable, false);
    });

    it('takes the saga a command answered with as the newest record (none before the first fetch)', () => {
      const waiting = view('AWAITING_PAYMENT_CONFIRMATION', [sagaStep('await-payment-confirmation', 96, null)], {}, [['PENDING', 40]]);
      const answered = { ...waiting.saga!, cancellable: false, steps: [sagaStep('await-payment-confirmation', 96, 120)] };
      const state = withCommandAnswer(withView(createTimelineState(ORDER), waiting), { orderId: ORDER, saga: answered });
      assert.equal(state.view?.saga, answered);
      assert.equal(state.view?.order, waiting.order, 'the rest of the view stays');
      const before = createTimelineState(ORDER);
      assert.equal(withCommandAnswer(before, { orderId: ORDER, saga: answered }), before);
      const fetched = withView(createTimelineState(ORDER), waiting);
      assert.equal(withCommandAnswer(fetched, { orderId: ORDER }), fetched, 'an answer without the saga changes nothing');
    });

    it('respects the view saying the saga can no longer be cancelled', () => {
      const notCancellable = view('STOCK_RESERVED', [sagaStep('charge-payment', 0, null)], { cancellable: false }, [['PENDING', 0]]);
      assert.equal(buildTimeline(withView(createTimelineState(ORDER), notCancellable)).cancellable, false);
    });

    it('shows nothing cancellable before anything is known', () => {
      const timeline = buildTimeline(createTimelineState(ORDER));
      assert.equal(timeline.cancellable, false);
      assert.equal(timeline.status, 'PROCESSING');
      assert.deepEqual(timeline.entries, []);
    });
  });
});
