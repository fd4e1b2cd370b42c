import assert from 'node:assert/strict';
import type { NewPaymentAttempt } from '../../../../src/contexts/payment/domain/payment-attempt.value.js';
import { Payment } from '../../../../src/contexts/payment/domain/payment.aggregate.js';
import type { PaymentRepository } from '../../../../src/contexts/payment/domain/payment.repository.js';
import { paymentMigrations } from '../../../../src/contexts/payment/infrastructure/persistence/migrations/index.js';
import { ObjectionPaymentRepository } from '../../../../src/contexts/payment/infrastructure/persistence/objection-payment.repository.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';
import { describeBothRepositories } from '../../../support/repository-contract.js';
import { InMemoryPaymentRepository } from '../../../unit/contexts/payment/in-memory-payment.repository.js';
import { aChargeIntent, aPayment } from '../../../unit/contexts/payment/payment.builder.js';

/** The repository vocabulary (get, add, update) and the attempt log mean the same in Postgres and in the unit tests' double. */
const now = new Date(TEST_EPOCH);
const attemptFor = (orderId: string, outcome: NewPaymentAttempt['outcome'] = 'APPROVED'): NewPaymentAttempt => ({
  orderId,
  outcome,
  errorCode: null,
  at: now,
});

describeBothRepositories<PaymentRepository>(
  'PaymentRepository',
  {
    migrations: paymentMigrations,
    inMemory: () => new InMemoryPaymentRepository(),
    postgres: (knex) => new ObjectionPaymentRepository(knex),
  },
  (make) => {
    let repository: PaymentRepository;
    beforeEach(async () => {
      repository = await make();
    });

    it('add stores the payment with its attempt; the same order again stores nothing but still logs the call', async () => {
      const payment = aPayment('CAPTURED', { at: now });
      assert.deepEqual(await repository.add(payment, attemptFor(payment.orderId)), { aggregate: payment, created: true });
      const rival = aPayment('DECLINED', { intent: aChargeIntent({ orderId: payment.orderId }), at: now });
      const again = await repository.add(rival, attemptFor(payment.orderId, 'DECLINED'));
      assert.equal(again.created, false);
      assert.deepEqual(again.aggregate.snapshot(), payment.snapshot());
      assert.deepEqual((await repository.get(payment.orderId))?.snapshot(), payment.snapshot());
      assert.deepEqual(
        (await repository.listAttempts(payment.orderId)).map((a) => [a.attempt, a.outcome]),
        [
          [1, 'APPROVED'],
          [2, 'DECLINED'],
        ],
      );
    });

    it('attempts are numbered per order, with or without a payment', async () => {
      const [orderId, other] = [anId(), anId()];
      assert.equal((await repository.recordAttempt(attemptFor(orderId, 'TRANSIENT_FAILURE'))).attempt, 1);
      assert.equal((await repository.recordAttempt(attemptFor(other, 'TRANSIENT_FAILURE'))).attempt, 1);
      assert.equal((await repository.recordAttempt(attemptFor(orderId, 'TRANSIENT_FAILURE'))).attempt, 2);
      assert.equal(await repository.countAttempts(orderId), 2);
      assert.equal(await repository.get(orderId), undefined, 'an attempt alone is no payment');
    });

    it('get answers undefined for an unknown or malformed order id', async () => {
      assert.equal(await repository.get(anId()), undefined);
      assert.equal(await repository.get('nope'), undefined);
    });

    it('update saves what change returns, and answers with the stored payment when change returns undefined', async () => {
      const payment = aPayment('REQUIRES_CONFIRMATION', { at: now });
      await repository.add(payment, attemptFor(payment.orderId, 'REQUIRES_CONFIRMATION'));
      const later = new Date(now.getTime() + 1000);
      const untouched = await repository.update(payment.orderId, (current) => {
        current?.confirm(later);
        return undefined;
      });
      assert.equal(untouched?.status, 'REQUIRES_CONFIRMATION', 'answers with what is stored, not with what change did to its copy');
      const confirmed = await repository.update(payment.orderId, (current) => (current?.confirm(later) ? current : undefined));
      assert.equal(confirmed?.status, 'CAPTURED');
      assert.deepEqual((await repository.get(payment.orderId))?.snapshot(), confirmed?.snapshot());
    });

    it('update of an unknown order hands change undefined; a tombstone it returns is stored', async () => {
      const orderId = anId();
      const seen: unknown[] = [];
      const tombstone = await repository.update(orderId, (current) => {
        seen.push(current);
        return Payment.tombstone(anId(), orderId, now, 'compensated');
      });
      assert.deepEqual(seen, [undefined]);
      assert.deepEqual((await repository.get(orderId))?.snapshot(), tombstone?.snapshot());
    });

    it('an error thrown by change leaves the stored payment untouched', async () => {
      const payment = aPayment('CAPTURED', { at: now });
      await repository.add(payment, attemptFor(payment.orderId));
      await assert.rejects(
        repository.update(payment.orderId, (current) => (current?.confirm(now) ? current : undefined)),
        { code: 'PAYMENT.NOT_AWAITING_CONFIRMATION' },
      );
      assert.deepEqual((await repository.get(payment.orderId))?.snapshot(), payment.snapshot());
    });
  },
);
