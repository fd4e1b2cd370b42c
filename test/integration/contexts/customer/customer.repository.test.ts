import assert from 'node:assert/strict';
import type { CustomerRepository } from '../../../../src/contexts/customer/domain/customer.repository.js';
import { Email } from '../../../../src/contexts/customer/domain/email.value.js';
import { customerMigrations } from '../../../../src/contexts/customer/infrastructure/persistence/migrations/index.js';
import { ObjectionCustomerRepository } from '../../../../src/contexts/customer/infrastructure/persistence/objection-customer.repository.js';
import { anEmail, anId } from '../../../support/doubles/ids.js';
import { describeBothRepositories } from '../../../support/repository-contract.js';
import { aCustomer } from '../../../unit/contexts/customer/customer.builder.js';
import { InMemoryCustomerRepository } from '../../../unit/contexts/customer/in-memory-customer.repository.js';

/** The repository vocabulary (get, add, update) means the same in Postgres and in the double the unit tests use. */
describeBothRepositories<CustomerRepository>(
  'CustomerRepository',
  {
    migrations: customerMigrations,
    inMemory: () => new InMemoryCustomerRepository(),
    postgres: (knex) => new ObjectionCustomerRepository(knex),
  },
  (make) => {
    let repository: CustomerRepository;
    beforeEach(async () => {
      repository = await make();
    });

    it('add inserts once; the same id or email (any case) again writes nothing and answers with the stored one', async () => {
      const customer = aCustomer({ email: anEmail('Ada') });
      assert.deepEqual(await repository.add(customer), { aggregate: customer, created: true });
      const sameId = await repository.add(aCustomer({ id: customer.id }));
      assert.equal(sameId.created, false);
      assert.equal(sameId.aggregate.email.value, customer.email.value);
      const sameEmail = await repository.add(aCustomer({ email: customer.email.value.toUpperCase(), name: 'Other' }));
      assert.equal(sameEmail.created, false);
      assert.equal(sameEmail.aggregate.id, customer.id);
      assert.equal((await repository.findByEmail(Email.of(customer.email.value.toLowerCase())))?.name, customer.name);
    });

    it('get answers undefined for an unknown or malformed id', async () => {
      assert.equal(await repository.get(anId()), undefined);
      assert.equal(await repository.get('nope'), undefined);
    });

    it('update saves what change returns, and answers with the stored customer when change returns undefined', async () => {
      const customer = aCustomer();
      await repository.add(customer);
      const later = new Date(customer.createdAt.getTime() + 1000);
      const renamed = await repository.update(customer.id, (current) => (current?.rename('Ada King', later) ? current : undefined));
      assert.equal(renamed?.name, 'Ada King');
      const untouched = await repository.update(customer.id, (current) => {
        current?.rename('Not saved', later);
        return undefined;
      });
      assert.equal(untouched?.name, 'Ada King', 'answers with what is stored, not with what change did to its copy');
      assert.equal((await repository.get(customer.id))?.name, 'Ada King');
    });

    it('update of an unknown id hands change undefined and answers undefined', async () => {
      const seen: unknown[] = [];
      const result = await repository.update(anId(), (current) => {
        seen.push(current);
        return undefined;
      });
      assert.deepEqual([result, seen], [undefined, [undefined]]);
    });

    it('an error thrown by change leaves the stored customer untouched', async () => {
      const customer = aCustomer({ deactivated: true });
      await repository.add(customer);
      await assert.rejects(
        repository.update(customer.id, (current) => (current?.rename('Other', new Date()) ? current : undefined)),
        { code: 'CUSTOMER.DEACTIVATED' },
      );
      assert.equal((await repository.get(customer.id))?.name, customer.name);
    });
  },
);
