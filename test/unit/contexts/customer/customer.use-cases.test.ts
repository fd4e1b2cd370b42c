import assert from 'node:assert/strict';
import { CheckOrderEligibility } from '../../../../src/contexts/customer/application/check-order-eligibility.use-case.js';
import { DeactivateCustomer } from '../../../../src/contexts/customer/application/deactivate-customer.use-case.js';
import { FindCustomerByEmail } from '../../../../src/contexts/customer/application/find-customer-by-email.use-case.js';
import { GetCustomer } from '../../../../src/contexts/customer/application/get-customer.use-case.js';
import { LookupCredentials } from '../../../../src/contexts/customer/application/lookup-credentials.use-case.js';
import { RegisterCustomer } from '../../../../src/contexts/customer/application/register-customer.use-case.js';
import { UpdateCustomerProfile } from '../../../../src/contexts/customer/application/update-customer-profile.use-case.js';
import { TestClock } from '../../../support/doubles/clock.js';
import { anEmail, anId } from '../../../support/doubles/ids.js';
import { aCustomer } from './customer.builder.js';
import { InMemoryCustomerRepository } from './in-memory-customer.repository.js';

const HASH = '$2b$12$abcdefghijklmnopqrstuv';

describe('customer use cases (in memory)', () => {
  let repository: InMemoryCustomerRepository;
  let clock: TestClock;
  let useCases: ReturnType<typeof build>;

  const build = () => ({
    registerCustomer: new RegisterCustomer(repository, clock),
    getCustomer: new GetCustomer(repository),
    findCustomerByEmail: new FindCustomerByEmail(repository),
    updateCustomerProfile: new UpdateCustomerProfile(repository, clock),
    deactivateCustomer: new DeactivateCustomer(repository, clock),
    checkOrderEligibility: new CheckOrderEligibility(repository),
    lookupCredentials: new LookupCredentials(repository),
  });

  beforeEach(() => {
    repository = new InMemoryCustomerRepository();
    clock = new TestClock();
    useCases = build();
  });

  /** A customer already stored, as registration would have left it. */
  async function stored(overrides: Parameters<typeof aCustomer>[0] = {}) {
    const customer = aCustomer({ at: clock.now(), ...overrides });
    await repository.add(customer);
    return customer;
  }

  describe('RegisterCustomer', () => {
    it('registers an active customer with a server-generated id and the clock time', async () => {
      const email = anEmail('Ada');
      const customer = await useCases.registerCustomer.execute({ email: ` ${email} `, name: 'Ada' });
      assert.match(customer.id, /^[0-9a-f-]{36}$/);
      assert.equal(customer.status, 'ACTIVE');
      assert.deepEqual(customer.createdAt, clock.now());
      assert.equal((await repository.get(customer.id))?.email.value, email);
    });

    it('refuses an email that differs only by case, and stores nothing more', async () => {
      const email = anEmail();
      await useCases.registerCustomer.execute({ email, name: 'Ada' });
      await assert.rejects(useCases.registerCustomer.execute({ email: email.toUpperCase(), name: 'Ada 2' }), {
        code: 'CUSTOMER.EMAIL_TAKEN',
        kind: 'conflict',
      });
      assert.equal(repository.size, 1);
    });

    it('rejects invalid input before anything is stored', async () => {
      await assert.rejects(useCases.registerCustomer.execute({ email: 'not-an-email', name: 'Ada' }), { code: 'VALIDATION.INVALID_VALUE' });
      await assert.rejects(useCases.registerCustomer.execute({ email: anEmail(), name: ' ' }), { code: 'VALIDATION.INVALID_VALUE' });
      assert.equal(repository.size, 0);
    });
  });

  describe('GetCustomer', () => {
    it('reads a stored customer; an unknown id is not found', async () => {
      const customer = await stored();
      assert.equal((await useCases.getCustomer.execute(customer.id)).email.value, customer.email.value);
      await assert.rejects(useCases.getCustomer.execute(anId()), { code: 'CUSTOMER.NOT_FOUND', kind: 'not_found' });
    });
  });

  describe('FindCustomerByEmail', () => {
    it('finds by email ignoring case; no match is an answer, not an error', async () => {
      const customer = await stored({ email: anEmail('Ada') });
      assert.equal((await useCases.findCustomerByEmail.execute(customer.email.value.toUpperCase()))?.id, customer.id);
      assert.equal(await useCases.findCustomerByEmail.execute(anEmail('bob')), undefined);
    });
  });

  describe('UpdateCustomerProfile', () => {
    it('renames with the clock time; the same name again changes nothing', async () => {
      const { id } = await stored();
      clock.set('2026-01-02T00:00:00Z');
      const renamed = await useCases.updateCustomerProfile.execute(id, { name: 'Ada King' });
      assert.equal(renamed.name, 'Ada King');
      assert.deepEqual(renamed.updatedAt, clock.now());
      clock.set('2026-01-03T00:00:00Z');
      const again = await useCases.updateCustomerProfile.execute(id, { name: ' Ada King ' });
      assert.deepEqual(again.updatedAt, new Date('2026-01-02T00:00:00Z'));
    });

    it('refuses a deactivated customer and keeps the old name', async () => {
      const { id } = await stored({ name: 'Ada', deactivated: true });
      await assert.rejects(useCases.updateCustomerProfile.execute(id, { name: 'Other' }), {
        code: 'CUSTOMER.DEACTIVATED',
        kind: 'conflict',
      });
      assert.equal((await useCases.getCustomer.execute(id)).name, 'Ada');
    });

    it('an unknown id is not found', async () => {
      await assert.rejects(useCases.updateCustomerProfile.execute(anId(), { name: 'x' }), { code: 'CUSTOMER.NOT_FOUND' });
    });
  });

  describe('DeactivateCustomer', () => {
    it('deactivates; deactivating twice returns the customer as the first call left it', async () => {
      const { id } = await stored();
      clock.set('2026-01-03T00:00:00Z');
      const first = await useCases.deactivateCustomer.execute(id);
      clock.set('2026-01-04T00:00:00Z');
      const second = await useCases.deactivateCustomer.execute(id);
      assert.equal(second.status, 'DEACTIVATED');
      assert.deepEqual(second.updatedAt, first.updatedAt);
      assert.equal((await repository.get(id))?.status, 'DEACTIVATED');
    });

    it('an unknown id is not found', async () => {
      await assert.rejects(useCases.deactivateCustomer.execute(anId()), { code: 'CUSTOMER.NOT_FOUND' });
    });
  });

  describe('CheckOrderEligibility', () => {
    it('an active customer may order, a deactivated one may not; an unknown id is not found', async () => {
      const { id } = await stored();
      assert.deepEqual(await useCases.checkOrderEligibility.execute(id), { customerId: id, eligible: true });
      await useCases.deactivateCustomer.execute(id);
      assert.deepEqual(await useCases.checkOrderEligibility.execute(id), { customerId: id, eligible: false, reason: 'DEACTIVATED' });
      await assert.rejects(useCases.checkOrderEligibility.execute(anId()), { code: 'CUSTOMER.NOT_FOUND', kind: 'not_found' });
    });
  });

  describe('LookupCredentials', () => {
    it('hands out credentials by email, with null when registered without a password', async () => {
      const withHash = await stored({ passwordHash: HASH });
      const without = await stored();
      assert.deepEqual(await useCases.lookupCredentials.execute(withHash.email.value.toUpperCase()), {
        customerId: withHash.id,
        status: 'ACTIVE',
        passwordHash: HASH,
      });
      assert.deepEqual(await useCases.lookupCredentials.execute(without.email.value), {
        customerId: without.id,
        status: 'ACTIVE',
        passwordHash: null,
      });
    });

    it('an unknown email is not found', async () => {
      await assert.rejects(useCases.lookupCredentials.execute(anEmail('nobody')), { code: 'CUSTOMER.NOT_FOUND', kind: 'not_found' });
    });
  });
});
