import assert from 'node:assert/strict';
import { PAYMENT_METHOD_ID_PATTERN } from '../../../../src/contexts/payment/domain/payment-method.aggregate.js';
import type { PaymentMethodRepository } from '../../../../src/contexts/payment/domain/payment-method.repository.js';
import { paymentMigrations } from '../../../../src/contexts/payment/infrastructure/persistence/migrations/index.js';
import { ObjectionPaymentMethodRepository } from '../../../../src/contexts/payment/infrastructure/persistence/objection-payment-method.repository.js';
import { TEST_CARDS } from '../../../../src/contexts/payment/contract.js';
import { anId } from '../../../support/doubles/ids.js';
import { describeBothRepositories } from '../../../support/repository-contract.js';
import { InMemoryPaymentMethodRepository } from '../../../unit/contexts/payment/in-memory-payment-method.repository.js';
import { aPaymentMethod } from '../../../unit/contexts/payment/payment-method.builder.js';

/** Payment methods are written once and read by token, the same in Postgres and in the unit tests' double. */
describeBothRepositories<PaymentMethodRepository>(
  'PaymentMethodRepository',
  {
    migrations: paymentMigrations,
    inMemory: () => new InMemoryPaymentMethodRepository(),
    postgres: (knex) => new ObjectionPaymentMethodRepository(knex),
  },
  (make) => {
    let repository: PaymentMethodRepository;
    beforeEach(async () => {
      repository = await make();
    });

    it('hands out fresh tokens', () => {
      const [a, b] = [repository.nextId(), repository.nextId()];
      assert.match(a, PAYMENT_METHOD_ID_PATTERN);
      assert.notEqual(a, b);
    });

    it('add inserts once; the same id again writes nothing and answers with the stored method', async () => {
      const method = aPaymentMethod({ id: repository.nextId() });
      assert.deepEqual(await repository.add(method), { aggregate: method, created: true });
      const clash = aPaymentMethod({ id: method.id, customerId: anId(), cardNumber: TEST_CARDS.DECLINE.number });
      const again = await repository.add(clash);
      assert.equal(again.created, false);
      assert.deepEqual(again.aggregate.snapshot(), method.snapshot());
      assert.deepEqual((await repository.get(method.id))?.snapshot(), method.snapshot());
    });

    it('get answers undefined for an unknown token', async () => {
      assert.equal(await repository.get(repository.nextId()), undefined);
    });
  },
);
