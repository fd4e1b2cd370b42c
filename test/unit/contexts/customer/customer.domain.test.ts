import assert from 'node:assert/strict';
import { Email } from '../../../../src/contexts/customer/domain/email.value.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { aCustomer, type CustomerOverrides } from './customer.builder.js';

const t0 = new Date(TEST_EPOCH);
const t1 = new Date('2026-01-02T00:00:00Z');
const t2 = new Date('2026-01-03T00:00:00Z');

const register = (overrides: CustomerOverrides = {}) => aCustomer({ email: 'Ada@Example.com', name: 'Ada', at: t0, ...overrides });

describe('customer domain', () => {
  describe('Email', () => {
    it('keeps the address as given but trimmed, and compares ignoring case', () => {
      const email = Email.of('  Ada.Lovelace@Example.COM \n');
      assert.equal(email.value, 'Ada.Lovelace@Example.COM');
      assert.equal(email.normalized, 'ada.lovelace@example.com');
      assert.ok(email.equals(Email.of('ADA.LOVELACE@example.com')));
      assert.ok(!email.equals(Email.of('ada@example.com')));
    });

    for (const valid of ["o'brien@example.ie", 'a+tag@sub.example.co.uk', 'x@a-b.io', `${'a'.repeat(64)}@example.com`]) {
      it(`accepts ${valid}`, () => {
        assert.equal(Email.of(valid).value, valid);
      });
    }

    const longest = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(58)}.io`;
    it('accepts exactly 254 characters and rejects 255', () => {
      assert.equal(longest.length, 254);
      assert.equal(Email.of(longest).value, longest);
      assert.throws(() => Email.of(`a${longest}`), { code: 'VALIDATION.INVALID_VALUE' });
    });

    const invalid = [
      '',
      '   ',
      'plainaddress',
      '@example.com',
      'ada@',
      'ada@localhost',
      'ada@@example.com',
      'ada @example.com',
      'ada@exa mple.com',
      'ada@-example.com',
      'ada@example.com.',
      'ada@example..com',
      'ädä@example.com',
      "x'; DROP TABLE customers;--@example.com",
      'ada@example.com\u0000',
      `${'a'.repeat(65)}@example.com`,
    ];
    for (const raw of invalid) {
      it(`rejects ${JSON.stringify(raw)}`, () => {
        assert.throws(() => Email.of(raw), { code: 'VALIDATION.INVALID_VALUE' });
      });
    }
  });

  describe('Customer', () => {
    it('registers active, trims the name, keeps the hash but never serialises it', () => {
      const customer = register({ name: '  Ada Lovelace  ', passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' });
      assert.equal(customer.status, 'ACTIVE');
      assert.equal(customer.name, 'Ada Lovelace');
      assert.equal(customer.email.value, 'Ada@Example.com');
      assert.equal(customer.passwordHash, '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA');
      assert.deepEqual([customer.createdAt, customer.updatedAt], [t0, t0]);
      assert.ok(!JSON.stringify(customer).includes('argon2'), 'the hash leaked into JSON');
    });

    it('counts name length in code points: 100 emoji fit, 101 do not', () => {
      assert.equal([...register({ name: '😀'.repeat(100) }).name].length, 100);
      assert.throws(() => register({ name: '😀'.repeat(101) }), { code: 'VALIDATION.INVALID_VALUE' });
      assert.throws(() => register({ name: 'a'.repeat(101) }), { code: 'VALIDATION.INVALID_VALUE' });
    });

    for (const name of ['', '   ', 'Ada\u0000', 'Ada\nLovelace', 'Ada\ud800']) {
      it(`rejects name ${JSON.stringify(name)}`, () => {
        assert.throws(() => register({ name }), { code: 'VALIDATION.INVALID_VALUE' });
      });
    }

    it('accepts unicode names', () => {
      for (const name of ['Zoë Ćwik', '山田 太郎', 'Ngũgĩ wa Thiong’o', 'Σωκράτης', "Robert'); DROP TABLE customers;--"]) {
        assert.equal(register({ name }).name, name);
      }
    });

    for (const passwordHash of ['', 'has space', 'x'.repeat(513), 'tab\there', 'ünïcode']) {
      it(`rejects passwordHash ${JSON.stringify(passwordHash.slice(0, 20))}`, () => {
        assert.throws(() => register({ passwordHash }), { code: 'VALIDATION.INVALID_VALUE' });
      });
    }

    it('rename changes the name and updatedAt; the same name is a no-op', () => {
      const customer = register();
      assert.equal(customer.rename('  Ada King ', t1), true);
      assert.equal(customer.name, 'Ada King');
      assert.deepEqual(customer.updatedAt, t1);
      assert.equal(customer.rename('Ada King', t2), false);
      assert.deepEqual(customer.updatedAt, t1);
    });

    it('deactivate is idempotent: the second call changes nothing', () => {
      const customer = register();
      assert.equal(customer.deactivate(t1), true);
      assert.equal(customer.status, 'DEACTIVATED');
      assert.equal(customer.deactivate(t2), false);
      assert.equal(customer.status, 'DEACTIVATED');
      assert.deepEqual(customer.updatedAt, t1);
    });

    it('grantRole and revokeRole are idempotent and change updatedAt only when they change the roles', () => {
      const customer = register();
      assert.equal(customer.revokeRole('operator', t1), false);
      assert.equal(customer.grantRole('operator', t1), true);
      assert.equal(customer.grantRole('operator', t2), false);
      assert.deepEqual([customer.roles, customer.updatedAt], [['operator'], t1]);
      assert.equal(customer.revokeRole('operator', t2), true);
      assert.equal(customer.revokeRole('operator', t2), false);
      assert.deepEqual([customer.roles, customer.updatedAt], [[], t2]);
    });

    it('a deactivated customer cannot be renamed', () => {
      const customer = register();
      customer.deactivate(t1);
      assert.throws(() => customer.rename('Someone else', t2), { code: 'CUSTOMER.DEACTIVATED', kind: 'conflict' });
      assert.equal(customer.name, 'Ada');
    });

    it('only an active customer may order', () => {
      const customer = register();
      assert.deepEqual(customer.orderEligibility(), { eligible: true });
      customer.deactivate(t1);
      assert.deepEqual(customer.orderEligibility(), { eligible: false, reason: 'DEACTIVATED' });
    });
  });
});
