import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../../src/apps/gateway/auth/access-tokens.js';
import { INSECURE_DEV_JWT_SECRET, loadGatewayConfig } from '../../../src/apps/gateway/gateway.config.js';
import type { CredentialsDto } from '../../../src/contexts/customer/contract.js';
import type { ErrorEnvelope } from '../../../src/shared/infrastructure/http/errors.js';
import { http } from '../../support/services.js';
import { startTestSystem, TEST_JWT_SECRET, type TestSystem } from '../../support/system.js';
import { assertError, bearer, registerShopper, type AuthResponse, type Me } from './gateway-client.js';

describe('gateway: accounts and tokens', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let api: string;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    api = system.gateway.url;
  });
  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  const sign = (claims: object, options: jwt.SignOptions = {}, secret = TEST_JWT_SECRET) =>
    jwt.sign(claims, secret, { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, expiresIn: 600, ...options });

  it('register returns a working token; login returns another; /api/me names the customer', async () => {
    const email = `Ada.${randomUUID()}@Example.com`;
    const account = { email, name: 'Ada Lovelace', password: 'analytical engine' };
    const registered = await http<AuthResponse>(api, 'POST', '/api/auth/register', account);
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const { token, expiresAt, customer } = registered.body;
    assert.equal(typeof token, 'string');
    assert.deepEqual(Object.keys(customer).sort(), ['email', 'id', 'name', 'roles']);
    assert.equal(customer.name, 'Ada Lovelace');
    const ttl = Date.parse(expiresAt) - Date.now();
    assert.ok(ttl > 110 * 60_000 && ttl <= 120 * 60_000, `default JWT_TTL is 2h, got ${ttl} ms`);
    const claims = jwt.decode(token) as jwt.JwtPayload;
    assert.equal(claims.sub, customer.id);
    assert.equal(claims.iss, 'sagashop');
    assert.equal(claims.aud, 'sagashop-web');
    assert.equal((jwt.decode(token, { complete: true }) as jwt.Jwt).header.alg, 'HS256');

    const me = await http<Me>(api, 'GET', '/api/me', undefined, bearer(token));
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.deepEqual(me.body, { id: customer.id, email: customer.email, name: 'Ada Lovelace', status: 'ACTIVE', roles: [] });

    // Email matching is case-insensitive (the customer context's rule).
    const login = await http<AuthResponse>(api, 'POST', '/api/auth/login', { email: email.toLowerCase(), password: 'analytical engine' });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    assert.equal(login.body.customer.id, customer.id);
    assert.equal((await http<Me>(api, 'GET', '/api/me', undefined, bearer(login.body.token))).body.id, customer.id);
  });

  it('stores an argon2id hash, never the password, and returns neither', async () => {
    const shopper = await registerShopper(api, { password: 'my secret passphrase' });
    const lookup = { email: shopper.email };
    const credentials = await http<CredentialsDto>(system.services.customer.url, 'POST', '/customers/credentials/lookup', lookup);
    const { passwordHash } = credentials.body;
    assert.ok(passwordHash, `a password hash is stored: ${JSON.stringify(credentials.body)}`);
    assert.match(passwordHash, /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    assert.ok(!passwordHash.includes('my secret passphrase'));
    const login = await http(api, 'POST', '/api/auth/login', { email: shopper.email, password: shopper.password });
    const me = await http(api, 'GET', '/api/me', undefined, shopper.headers);
    for (const body of [login.body, me.body]) {
      const text = JSON.stringify(body);
      assert.ok(!text.includes('argon2') && !text.includes(shopper.password) && !/password/i.test(text), text);
    }
  });

  it('a taken email is 409 CUSTOMER.EMAIL_TAKEN', async () => {
    const shopper = await registerShopper(api);
    const copy = { email: shopper.email.toUpperCase(), name: 'Copy', password: 'another password' };
    const again = await http(api, 'POST', '/api/auth/register', copy);
    assertError(again, 409, 'CUSTOMER.EMAIL_TAKEN');
  });

  it('a wrong password and an unknown email get the same 401 AUTH.INVALID_CREDENTIALS', async () => {
    const shopper = await registerShopper(api);
    const wrong = await http<ErrorEnvelope>(api, 'POST', '/api/auth/login', { email: shopper.email, password: 'not the password' });
    const nobody = { email: `nobody-${randomUUID()}@example.com`, password: 'whatever it is' };
    const unknown = await http<ErrorEnvelope>(api, 'POST', '/api/auth/login', nobody);
    assertError(wrong, 401, 'AUTH.INVALID_CREDENTIALS');
    assertError(unknown, 401, 'AUTH.INVALID_CREDENTIALS');
    assert.equal(wrong.body.error.message, unknown.body.error.message);
    assert.ok(!('token' in wrong.body), 'no token with a refusal');
  });

  it('a customer registered without a password (internal API) cannot log in', async () => {
    const email = `no-password-${randomUUID()}@example.com`;
    assert.equal((await http(system.services.customer.url, 'POST', '/customers', { email, name: 'Internal' })).status, 201);
    assertError(await http(api, 'POST', '/api/auth/login', { email, password: 'anything at all' }), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('a deactivated customer cannot log in, and its token stops working on /api/me', async () => {
    const shopper = await registerShopper(api);
    assert.equal((await http(system.services.customer.url, 'POST', `/customers/${shopper.id}/deactivate`)).status, 200);
    const login = { email: shopper.email, password: shopper.password };
    assertError(await http(api, 'POST', '/api/auth/login', login), 401, 'AUTH.ACCOUNT_DISABLED');
    assertError(await http(api, 'GET', '/api/me', undefined, shopper.headers), 401, 'AUTH.ACCOUNT_DISABLED');
    // ...but a wrong password still says only "invalid credentials": no account state without the password.
    assertError(await http(api, 'POST', '/api/auth/login', { ...login, password: 'wrong password' }), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it('no token, a malformed header, an expired, tampered or foreign token: 401 with the envelope', async () => {
    const shopper = await registerShopper(api);
    const [header, payload, signature] = shopper.token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ ...(jwt.decode(shopper.token) as object), sub: randomUUID() })).toString('base64url');
    const cases: { label: string; headers: Record<string, string>; code: string }[] = [
      { label: 'no token', headers: {}, code: 'AUTH.UNAUTHENTICATED' },
      { label: 'basic auth', headers: { Authorization: 'Basic dXNlcjpwYXNz' }, code: 'AUTH.TOKEN_INVALID' },
      { label: 'bearer without token', headers: { Authorization: 'Bearer' }, code: 'AUTH.TOKEN_INVALID' },
      { label: 'garbage', headers: bearer('not.a.jwt'), code: 'AUTH.TOKEN_INVALID' },
      { label: 'expired', headers: bearer(sign({ sub: shopper.id }, { expiresIn: -10 })), code: 'AUTH.TOKEN_EXPIRED' },
      { label: 'payload swapped, signature kept', headers: bearer(`${header}.${otherPayload}.${signature}`), code: 'AUTH.TOKEN_INVALID' },
      { label: 'signature flipped', headers: bearer(`${header}.${payload}.${signature.slice(0, -2)}AA`), code: 'AUTH.TOKEN_INVALID' },
      { label: 'other secret', headers: bearer(sign({ sub: shopper.id }, {}, `${TEST_JWT_SECRET}-other`)), code: 'AUTH.TOKEN_INVALID' },
      {
        label: 'alg none',
        headers: bearer(jwt.sign({ sub: shopper.id, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE }, '', { algorithm: 'none' })),
        code: 'AUTH.TOKEN_INVALID',
      },
      { label: 'HS512', headers: bearer(sign({ sub: shopper.id }, { algorithm: 'HS512' })), code: 'AUTH.TOKEN_INVALID' },
      { label: 'wrong issuer', headers: bearer(sign({ sub: shopper.id }, { issuer: 'someone-else' })), code: 'AUTH.TOKEN_INVALID' },
      { label: 'wrong audience', headers: bearer(sign({ sub: shopper.id }, { audience: 'other-app' })), code: 'AUTH.TOKEN_INVALID' },
      {
        label: 'no expiry',
        headers: bearer(
          jwt.sign({ sub: shopper.id }, TEST_JWT_SECRET, { algorithm: 'HS256', issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE }),
        ),
        code: 'AUTH.TOKEN_INVALID',
      },
      { label: 'subject not a customer id', headers: bearer(sign({ sub: 'admin' })), code: 'AUTH.TOKEN_INVALID' },
      { label: 'dev default secret', headers: bearer(sign({ sub: shopper.id }, {}, INSECURE_DEV_JWT_SECRET)), code: 'AUTH.TOKEN_INVALID' },
    ];
    for (const { label, headers, code } of cases) {
      for (const [method, path] of [
        ['GET', '/api/me'],
        ['GET', '/api/orders'],
        ['POST', `/api/orders/${randomUUID()}/cancel`],
        ['GET', '/api/notifications'],
      ] as const) {
        const response = await http(api, method, path, method === 'POST' ? {} : undefined, headers);
        assertError(response, 401, code, `${label} ${method} ${path}`);
        assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer realm="sagashop"/, label);
      }
    }
  });

  it('a token signed by this system for its customer works on every gateway sharing the secret', async () => {
    const shopper = await registerShopper(api);
    const second = await system.startGateway();
    assert.equal((await http<Me>(second.url, 'GET', '/api/me', undefined, shopper.headers)).body.id, shopper.id);
  });

  describe('configuration', () => {
    const base = { NODE_ENV: 'production' };
    it('refuses to start in production on the default or a short JWT_SECRET, naming the variable but not the value', () => {
      assert.throws(() => loadGatewayConfig(base), /JWT_SECRET: must be set in production/);
      assert.throws(
        () => loadGatewayConfig({ ...base, JWT_SECRET: 'short-secret-value' }),
        (error: Error) => /JWT_SECRET: must be at least 32 bytes/.test(error.message) && !error.message.includes('short-secret-value'),
      );
      assert.equal(loadGatewayConfig({ ...base, JWT_SECRET: 'x'.repeat(32) }).JWT_SECRET.length, 32);
      // Development keeps working with no env at all.
      assert.equal(loadGatewayConfig({}).JWT_SECRET, INSECURE_DEV_JWT_SECRET);
    });

    it('names the variable of any bad value', () => {
      assert.throws(() => loadGatewayConfig({ JWT_TTL: 'forever' }), /JWT_TTL/);
      assert.throws(() => loadGatewayConfig({ AUTH_RATE_LIMIT_MAX: '0' }), /AUTH_RATE_LIMIT_MAX/);
      assert.throws(() => loadGatewayConfig({ WEB_ORIGIN: 'not a url' }), /WEB_ORIGIN/);
      assert.throws(() => loadGatewayConfig({ REDIS_URL: 'nope' }), /REDIS_URL/);
      assert.equal(loadGatewayConfig({ JWT_TTL: '15m' }).JWT_TTL, 900);
    });
  });
});
