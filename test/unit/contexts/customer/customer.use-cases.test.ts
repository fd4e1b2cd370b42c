import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CheckOrderEligibility } from '../../../../src/contexts/customer/application/check-order-eligibility.use-case.js';
import { DeactivateCustomer } from '../../../../src/contexts/customer/application/deactivate-customer.use-case.js';
import { FindCustomerByEmail } from '../../../../src/contexts/customer/application/find-customer-by-email.use-case.js';
import { GetCustomer } from '../../../../src/contexts/customer/application/get-customer.use-case.js';
import { LookupCredentials } from '../../../../src/contexts/customer/application/lookup-credentials.use-case.js';
import { RegisterCustomer } from '../../../../src/contexts/customer/application/register-customer.use-case.js';
import { UpdateCustomerProfile } from '../../../../src/contexts/customer/application/update-customer-profile.use-case.js';
import type { Clock } from '../../../../src/shared/kernel/clock.js';
import { InMemoryCustomerRepository } from './in-memory-customer.repository.js';

class FixedClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}

describe('customer use cases (in memory)', () => {
  let repository: InMemoryCustomerRepository;
  let clock: FixedClock;
  let useCases: ReturnType<typeof build>;

  const build = () => ({
    register: new RegisterCustomer(repository, clock),
    get: new GetCustomer(repository),
    findByEmail: new FindCustomerByEmail(repository),
    update: new UpdateCustomerProfile(repository, clock),
    deactivate: new DeactivateCustomer(repository, clock),
    eligibility: new CheckOrderEligibility(repository),
    credentials: new LookupCredentials(repository),
  });

  beforeEach(() => {
    repository = new InMemoryCustomerRepository();
    clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
    useCases = build();
  });

  it('registers with a server-generated id and finds by email ignoring case', async () => {
    const customer = await useCases.register.execute({ email: ' Ada@Example.com ', name: 'Ada' });
    assert.match(customer.id, /^[0-9a-f-]{36}$/);
    assert.equal((await useCases.get.execute(customer.id)).email.value, 'Ada@Example.com');
    assert.equal((await useCases.findByEmail.execute('ada@EXAMPLE.com'))?.id, customer.id);
    assert.equal(await useCases.findByEmail.execute('bob@example.com'), undefined);
  });

  it('refuses an email that differs only by case', async () => {
    await useCases.register.execute({ email: 'ada@example.com', name: 'Ada' });
    await assert.rejects(useCases.register.execute({ email: 'ADA@example.com', name: 'Ada 2' }), { code: 'CUSTOMER.EMAIL_TAKEN' });
    assert.equal(repository.size, 1);
  });

  it('updates the profile, then refuses once deactivated; deactivating twice is fine', async () => {
    const { id } = await useCases.register.execute({ email: 'ada@example.com', name: 'Ada' });
    clock.current = new Date('2026-01-02T00:00:00Z');
    const renamed = await useCases.update.execute(id, { name: 'Ada King' });
    assert.equal(renamed.name, 'Ada King');
    assert.deepEqual(renamed.updatedAt, clock.current);

    clock.current = new Date('2026-01-03T00:00:00Z');
    const first = await useCases.deactivate.execute(id);
    clock.current = new Date('2026-01-04T00:00:00Z');
    const second = await useCases.deactivate.execute(id);
    assert.equal(second.status, 'DEACTIVATED');
    assert.deepEqual(second.updatedAt, first.updatedAt);

    await assert.rejects(useCases.update.execute(id, { name: 'Other' }), { code: 'CUSTOMER.DEACTIVATED' });
    assert.equal((await useCases.get.execute(id)).name, 'Ada King');
  });

  it('answers order eligibility, and unknown ids are not found', async () => {
    const { id } = await useCases.register.execute({ email: 'ada@example.com', name: 'Ada' });
    assert.deepEqual(await useCases.eligibility.execute(id), { customerId: id, eligible: true });
    await useCases.deactivate.execute(id);
    assert.deepEqual(await useCases.eligibility.execute(id), { customerId: id, eligible: false, reason: 'DEACTIVATED' });

    const unknown = randomUUID();
    for (const attempt of [
      useCases.eligibility.execute(unknown),
      useCases.get.execute(unknown),
      useCases.update.execute(unknown, { name: 'x' }),
      useCases.deactivate.execute(unknown),
      useCases.credentials.execute('nobody@example.com'),
    ]) {
      await assert.rejects(attempt, { code: 'CUSTOMER.NOT_FOUND', kind: 'not_found' });
    }
  });

  it('hands out credentials by email, with null when registered without a password', async () => {
    const withHash = await useCases.register.execute({ email: 'ada@example.com', name: 'Ada', passwordHash: '$2b$12$abcdefghijklmnopqrstuv' });
    const without = await useCases.register.execute({ email: 'bob@example.com', name: 'Bob' });
    assert.deepEqual(await useCases.credentials.execute('ADA@example.com'), {
      customerId: withHash.id,
      status: 'ACTIVE',
      passwordHash: '$2b$12$abcdefghijklmnopqrstuv',
    });
    assert.deepEqual(await useCases.credentials.execute('bob@example.com'), { customerId: without.id, status: 'ACTIVE', passwordHash: null });
  });

  it('rejects invalid input before anything is stored', async () => {
    await assert.rejects(useCases.register.execute({ email: 'not-an-email', name: 'Ada' }), { code: 'VALIDATION.INVALID_VALUE' });
    await assert.rejects(useCases.register.execute({ email: 'ada@example.com', name: ' ' }), { code: 'VALIDATION.INVALID_VALUE' });
    assert.equal(repository.size, 0);
  });
});
