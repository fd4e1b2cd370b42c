import assert from 'node:assert/strict';
import { customerService } from '../../../../src/apps/customer/customer.service.js';
import { HttpCustomerClient } from '../../../../src/clients/http-customer.client.js';
import {
  CustomerDtoSchema,
  EligibilityDtoSchema,
  type CredentialsDto,
  type CustomerDto,
  type EligibilityDto,
} from '../../../../src/contexts/customer/contract.js';
import type { RunningService } from '../../../../src/shared/infrastructure/context-service.js';
import type { ErrorEnvelope } from '../../../../src/shared/infrastructure/http/errors.js';
import { RemoteServiceError } from '../../../../src/shared/infrastructure/http/json-client.js';
import { GENERIC_BAD_BODIES, expectRejected } from '../../../support/bad-input.js';
import { http, startServiceForTest } from '../../../support/services.js';
import { anEmail, anId } from '../../../support/doubles/ids.js';

const HASH = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$c2VjcmV0aGFzaHZhbHVl';

describe('customer service over HTTP (real Postgres)', function () {
  let service: RunningService;
  let url: string;

  before(async () => {
    service = await startServiceForTest(customerService);
    url = service.url;
  });
  after(async () => {
    await service?.stop();
  });

  const rowCount = async () => Number((await service.knex('customers').count<{ count: string }[]>({ count: '*' }))[0].count);
  const rowsWithEmail = async (email: string) =>
    Number(
      (await service.knex('customers').whereRaw('lower(email) = lower(?)', [email]).count<{ count: string }[]>({ count: '*' }))[0].count,
    );

  async function register(body: Record<string, unknown> = {}) {
    const response = await http<CustomerDto>(url, 'POST', '/customers', { email: anEmail(), name: 'Ada Lovelace', ...body });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body;
  }

  it('answers /health and /ready', async () => {
    assert.equal((await http(url, 'GET', '/health')).status, 200);
    assert.deepEqual((await http(url, 'GET', '/ready')).body, { status: 'ready' });
  });

  it('registers (trimmed, case kept), gets, and finds by email ignoring case', async () => {
    const email = anEmail('Ada');
    const created = await http<CustomerDto>(url, 'POST', '/customers', { email: `  ${email} `, name: '  Ada Lovelace ' });
    assert.equal(created.status, 201);
    const dto = CustomerDtoSchema.parse(created.body);
    assert.deepEqual(Object.keys(created.body).sort(), ['createdAt', 'email', 'id', 'name', 'roles', 'status', 'updatedAt']);
    assert.equal(dto.email, email);
    assert.equal(dto.name, 'Ada Lovelace');
    assert.equal(dto.status, 'ACTIVE');
    assert.equal(new Date(dto.createdAt).toISOString(), dto.createdAt);
    assert.equal(created.headers.get('location'), `/customers/${dto.id}`);

    assert.deepEqual((await http(url, 'GET', `/customers/${dto.id}`)).body, dto);
    assert.deepEqual((await http(url, 'GET', `/customers/${dto.id.toUpperCase()}`)).body, dto, 'ids are case-insensitive');
    const found = await http(url, 'GET', `/customers?email=${encodeURIComponent(email.toUpperCase())}`);
    assert.equal(found.status, 200);
    assert.deepEqual(found.body, { items: [dto] });
    const none = await http(url, 'GET', `/customers?email=${encodeURIComponent(anEmail('nobody'))}`);
    assert.deepEqual(none.body, { items: [] });
  });

  it('updates the name, deactivates idempotently, and then refuses updates', async () => {
    const customer = await register();
    const renamed = await http<CustomerDto>(url, 'PATCH', `/customers/${customer.id}`, { name: ' Ada King ' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'Ada King');
    assert.ok(renamed.body.updatedAt >= customer.updatedAt);
    assert.equal(renamed.body.createdAt, customer.createdAt);

    const first = await http<CustomerDto>(url, 'POST', `/customers/${customer.id}/deactivate`);
    assert.equal(first.status, 200);
    assert.equal(first.body.status, 'DEACTIVATED');
    const second = await http<CustomerDto>(url, 'POST', `/customers/${customer.id}/deactivate`);
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body, 'a second deactivate changes nothing');

    const refused = await http<ErrorEnvelope>(url, 'PATCH', `/customers/${customer.id}`, { name: 'Someone Else' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'CUSTOMER.DEACTIVATED');
    assert.equal((await http<CustomerDto>(url, 'GET', `/customers/${customer.id}`)).body.name, 'Ada King');
  });

  it('answers order eligibility', async () => {
    const customer = await register();
    const eligible = await http<EligibilityDto>(url, 'GET', `/customers/${customer.id}/order-eligibility`);
    assert.equal(eligible.status, 200);
    assert.deepEqual(EligibilityDtoSchema.parse(eligible.body), { customerId: customer.id, eligible: true });
    assert.ok(!('reason' in eligible.body));
    await http(url, 'POST', `/customers/${customer.id}/deactivate`);
    const refused = await http(url, 'GET', `/customers/${customer.id}/order-eligibility`);
    assert.deepEqual(refused.body, { customerId: customer.id, eligible: false, reason: 'DEACTIVATED' });
  });

  it('an email that differs only by case is taken: 409 and still one row', async () => {
    const email = anEmail('Grace');
    await register({ email });
    for (const variant of [email.toUpperCase(), email.toLowerCase(), `  ${email}  `]) {
      const duplicate = await http<ErrorEnvelope>(url, 'POST', '/customers', { email: variant, name: 'Grace Hopper' });
      assert.equal(duplicate.status, 409, variant);
      assert.equal(duplicate.body.error.code, 'CUSTOMER.EMAIL_TAKEN');
    }
    assert.equal(await rowsWithEmail(email), 1);
  });

  it('20 parallel registrations of one email (mixed case) -> exactly one 201', async () => {
    const email = anEmail('race');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http<CustomerDto | ErrorEnvelope>(url, 'POST', '/customers', { email: i % 2 ? email.toUpperCase() : email, name: `Racer ${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, `statuses: ${statuses.join(',')}`);
    assert.equal(statuses.filter((s) => s === 409).length, 19, `statuses: ${statuses.join(',')}`);
    assert.ok(results.filter((r) => r.status === 409).every((r) => 'error' in r.body && r.body.error.code === 'CUSTOMER.EMAIL_TAKEN'));
    assert.equal(await rowsWithEmail(email), 1);
  });

  it('renames racing a deactivation never bring the customer back to ACTIVE', async () => {
    const customer = await register();
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        http<CustomerDto | ErrorEnvelope>(url, 'PATCH', `/customers/${customer.id}`, { name: `Name ${i}` }),
      ),
      http<CustomerDto | ErrorEnvelope>(url, 'POST', `/customers/${customer.id}/deactivate`),
    ]);
    const deactivatedRefusal = (body: CustomerDto | ErrorEnvelope) => 'error' in body && body.error.code === 'CUSTOMER.DEACTIVATED';
    assert.ok(results.every((r) => r.status === 200 || (r.status === 409 && deactivatedRefusal(r.body))));
    assert.equal((await http<CustomerDto>(url, 'GET', `/customers/${customer.id}`)).body.status, 'DEACTIVATED');
  });

  describe('password hash', () => {
    it('is stored when given but never appears in ordinary reads', async () => {
      const email = anEmail('secret');
      const created = await http<CustomerDto>(url, 'POST', '/customers', { email, name: 'Secret Keeper', passwordHash: HASH });
      assert.equal(created.status, 201);
      const { id } = created.body;
      const responses = [
        created,
        await http(url, 'GET', `/customers/${id}`),
        await http(url, 'GET', `/customers?email=${encodeURIComponent(email)}`),
        await http(url, 'PATCH', `/customers/${id}`, { name: 'Still Secret' }),
        await http(url, 'GET', `/customers/${id}/order-eligibility`),
        await http(url, 'POST', `/customers/${id}/deactivate`),
        await http(url, 'POST', '/customers', { email, name: 'dup', passwordHash: HASH }),
      ];
      for (const response of responses) {
        const text = JSON.stringify(response.body);
        assert.ok(!text.includes(HASH) && !/password/i.test(text), `leaked: ${text}`);
      }
      const row = await service.knex('customers').where({ id }).first<{ password_hash: string | null } | undefined>('password_hash');
      assert.equal(row?.password_hash, HASH);
    });

    it('is handed out by the credentials lookup, case-insensitively', async () => {
      const email = anEmail('login');
      const withHash = await register({ email, passwordHash: HASH });
      const lookup = await http(url, 'POST', '/customers/credentials/lookup', { email: email.toLowerCase() });
      assert.equal(lookup.status, 200);
      assert.deepEqual(lookup.body, { customerId: withHash.id, status: 'ACTIVE', passwordHash: HASH });

      await http(url, 'POST', `/customers/${withHash.id}/deactivate`);
      assert.equal((await http<CredentialsDto>(url, 'POST', '/customers/credentials/lookup', { email })).body.status, 'DEACTIVATED');

      const without = await register();
      const noHash = await http(url, 'POST', '/customers/credentials/lookup', { email: without.email });
      assert.deepEqual(noHash.body, { customerId: without.id, status: 'ACTIVE', passwordHash: null });

      const unknown = await expectRejected(url, 'POST', '/customers/credentials/lookup', { email: anEmail('ghost') }, 'unknown email');
      assert.deepEqual(unknown, { status: 404, code: 'CUSTOMER.NOT_FOUND' });
    });
  });

  describe('bad input -> 4xx with a code, nothing written', () => {
    it('rejects a corpus of bad registration bodies', async () => {
      const before = await rowCount();
      const email = anEmail('corpus');
      const corpus: { label: string; body: unknown }[] = [
        ...GENERIC_BAD_BODIES,
        { label: 'missing email', body: { name: 'Ada' } },
        { label: 'missing name', body: { email } },
        { label: 'email as number', body: { email: 42, name: 'Ada' } },
        { label: 'email null', body: { email: null, name: 'Ada' } },
        { label: 'email as array', body: { email: [email], name: 'Ada' } },
        { label: 'name as number', body: { email, name: 7 } },
        { label: 'name as object', body: { email, name: { first: 'Ada' } } },
        { label: 'passwordHash as number', body: { email, name: 'Ada', passwordHash: 123 } },
        { label: 'passwordHash null', body: { email, name: 'Ada', passwordHash: null } },
        { label: 'empty passwordHash', body: { email, name: 'Ada', passwordHash: '' } },
        { label: 'passwordHash with spaces', body: { email, name: 'Ada', passwordHash: 'plain text password' } },
        { label: 'over-long passwordHash', body: { email, name: 'Ada', passwordHash: 'h'.repeat(513) } },
        { label: 'over-long email', body: { email: `${'a'.repeat(250)}@example.com`, name: 'Ada' } },
        { label: 'over-long name', body: { email, name: 'a'.repeat(101) } },
        { label: 'very long name', body: { email, name: 'a'.repeat(50_000) } },
        { label: 'blank name', body: { email, name: '   ' } },
        { label: 'NUL in name', body: { email, name: 'Ada\u0000Lovelace' } },
        { label: 'newline in name', body: { email, name: 'Ada\nLovelace' } },
        { label: 'no @', body: { email: 'ada.example.com', name: 'Ada' } },
        { label: 'no domain dot', body: { email: 'ada@localhost', name: 'Ada' } },
        { label: 'two @', body: { email: 'ada@@example.com', name: 'Ada' } },
        { label: 'unknown field', body: { email, name: 'Ada', admin: true } },
        { label: 'client-chosen id', body: { email, name: 'Ada', id: anId() } },
        { label: 'client-chosen status', body: { email, name: 'Ada', status: 'DEACTIVATED' } },
        { label: 'injection in email', body: { email: "x'; DROP TABLE customers;--@example.com", name: 'Ada' } },
        { label: 'injection-like object', body: { email: { $ne: null }, name: 'Ada' } },
        { label: 'own __proto__ key', body: `{"email":"${email}","name":"Ada","__proto__":{"admin":true}}` },
        { label: 'constructor key', body: { email, name: 'Ada', constructor: { prototype: { admin: true } } } },
      ];
      for (const { label, body } of corpus) {
        const { status } = await expectRejected(url, 'POST', '/customers', body, label);
        assert.equal(status, 400, label);
      }
      const tooBig = await expectRejected(url, 'POST', '/customers', JSON.stringify({ email, name: 'x'.repeat(200_000) }), 'huge body');
      assert.equal(tooBig.status, 413);
      assert.equal(await rowCount(), before, 'nothing half-written');
      assert.deepEqual((await http(url, 'GET', `/customers?email=${encodeURIComponent(email)}`)).body, { items: [] });
    });

    it('accepts unicode names and stores injection-looking names verbatim', async () => {
      for (const name of ['Zoë Ćwik', '山田 太郎', 'Ngũgĩ wa Thiong’o', '😀'.repeat(100), "Robert'); DROP TABLE customers;--"]) {
        const created = await register({ name });
        assert.equal(created.name, name);
        assert.equal((await http<CustomerDto>(url, 'GET', `/customers/${created.id}`)).body.name, name);
      }
      assert.ok((await rowCount()) > 0, 'the table is still there');
    });

    it('rejects bad profile updates and leaves the customer as it was', async () => {
      const customer = await register();
      const corpus: { label: string; body: unknown }[] = [
        ...GENERIC_BAD_BODIES,
        { label: 'name as number', body: { name: 1 } },
        { label: 'name null', body: { name: null } },
        { label: 'blank name', body: { name: '' } },
        { label: 'over-long name', body: { name: 'n'.repeat(101) } },
        { label: 'email change attempt', body: { name: 'Ada', email: anEmail() } },
        { label: 'status change attempt', body: { name: 'Ada', status: 'ACTIVE' } },
        { label: 'passwordHash change attempt', body: { name: 'Ada', passwordHash: HASH } },
      ];
      for (const { label, body } of corpus) {
        const { status } = await expectRejected(url, 'PATCH', `/customers/${customer.id}`, body, label);
        assert.equal(status, 400, label);
      }
      assert.deepEqual((await http(url, 'GET', `/customers/${customer.id}`)).body, customer);
    });

    it('tells an unknown id (404) from an invalid one (400) on every route', async () => {
      const unknown = anId();
      const routes: [string, (id: string) => string, unknown][] = [
        ['GET', (id) => `/customers/${id}`, undefined],
        ['PATCH', (id) => `/customers/${id}`, { name: 'Ada' }],
        ['POST', (id) => `/customers/${id}/deactivate`, undefined],
        ['GET', (id) => `/customers/${id}/order-eligibility`, undefined],
      ];
      for (const [method, path, body] of routes) {
        assert.deepEqual(await expectRejected(url, method, path(unknown), body, `${method} unknown`), {
          status: 404,
          code: 'CUSTOMER.NOT_FOUND',
        });
        for (const bad of ['not-a-uuid', '123', "1'%20OR%20'1'='1", 'credentials', `${unknown}0`]) {
          const { status } = await expectRejected(url, method, path(bad), body, `${method} ${bad}`);
          assert.equal(status, 400, `${method} ${path(bad)}`);
        }
      }
    });

    it('rejects bad queries and credential look-ups', async () => {
      for (const query of [
        '',
        '?email=',
        '?email=not-an-email',
        '?email=a@example.com&email=b@example.com',
        '?email=a@example.com&limit=5',
        '?name=Ada',
      ]) {
        const { status } = await expectRejected(url, 'GET', `/customers${query}`, undefined, `query ${query}`);
        assert.equal(status, 400, query);
      }
      const corpus: { label: string; body: unknown }[] = [
        ...GENERIC_BAD_BODIES,
        { label: 'email as number', body: { email: 1 } },
        { label: 'not an email', body: { email: 'nope' } },
        { label: 'unknown field', body: { email: anEmail(), password: 'hunter2' } },
      ];
      for (const { label, body } of corpus) {
        const { status } = await expectRejected(url, 'POST', '/customers/credentials/lookup', body, label);
        assert.equal(status, 400, label);
      }
      const wrongMethod = await http(url, 'DELETE', `/customers/${anId()}`);
      assert.equal(wrongMethod.status, 405);
    });
  });

  describe('HttpCustomerClient', () => {
    let client: HttpCustomerClient;
    before(() => {
      client = new HttpCustomerClient({ baseUrl: url });
    });

    it('implements every port method against the real service', async () => {
      const email = anEmail('client');
      const created = await client.register({ email, name: 'Client Test', passwordHash: HASH });
      assert.equal(created.status, 'ACTIVE');
      assert.deepEqual(await client.get(created.id), created);
      assert.deepEqual(await client.findByEmail(email.toUpperCase()), created);
      assert.equal(await client.findByEmail(anEmail('none')), undefined);
      assert.equal((await client.updateProfile(created.id, { name: 'Renamed' })).name, 'Renamed');
      assert.deepEqual(await client.checkOrderEligibility(created.id), { customerId: created.id, eligible: true });
      assert.deepEqual(await client.lookupCredentials(email), { customerId: created.id, status: 'ACTIVE', passwordHash: HASH });
      // Granting a role is idempotent and keyed by email (the operator CLI knows people by email).
      assert.deepEqual((await client.grantRole({ email: email.toUpperCase(), role: 'operator' })).roles, ['operator']);
      assert.deepEqual((await client.grantRole({ email, role: 'operator' })).roles, ['operator']);
      assert.deepEqual((await client.get(created.id)).roles, ['operator']);
      // Revoking too; revoking a role the customer lacks changes nothing.
      assert.deepEqual((await client.revokeRole({ email: email.toUpperCase(), role: 'operator' })).roles, []);
      assert.deepEqual((await client.revokeRole({ email, role: 'operator' })).roles, []);
      assert.deepEqual((await client.get(created.id)).roles, []);
      assert.equal((await client.deactivate(created.id)).status, 'DEACTIVATED');
      assert.equal((await client.deactivate(created.id)).status, 'DEACTIVATED');
      assert.deepEqual(await client.checkOrderEligibility(created.id), { customerId: created.id, eligible: false, reason: 'DEACTIVATED' });
    });

    it('surfaces coded failures as RemoteServiceError', async () => {
      const expectCode = (status: number, code: string) => (error: unknown) =>
        error instanceof RemoteServiceError && error.status === status && error.code === code;
      await assert.rejects(client.get(anId()), expectCode(404, 'CUSTOMER.NOT_FOUND'));
      await assert.rejects(client.lookupCredentials(anEmail('ghost')), expectCode(404, 'CUSTOMER.NOT_FOUND'));
      await assert.rejects(client.grantRole({ email: anEmail('ghost'), role: 'operator' }), expectCode(404, 'CUSTOMER.NOT_FOUND'));
      await assert.rejects(client.revokeRole({ email: anEmail('ghost'), role: 'operator' }), expectCode(404, 'CUSTOMER.NOT_FOUND'));
      await assert.rejects(
        client.revokeRole({ email: anEmail('r'), role: 'admin' as 'operator' }),
        expectCode(400, 'VALIDATION.INVALID_REQUEST'),
      );
      const { email } = await client.register({ email: anEmail('dup'), name: 'Dup' });
      await assert.rejects(client.register({ email: email.toLowerCase(), name: 'Dup' }), expectCode(409, 'CUSTOMER.EMAIL_TAKEN'));
      await assert.rejects(client.get('nope'), expectCode(400, 'VALIDATION.INVALID_REQUEST'));
    });
  });
});
