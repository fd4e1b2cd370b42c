import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { METADATA_ENCODING_KEY, defaultPayloadConverter } from '@temporalio/common';
import { codecAccess } from '../../../src/apps/worker/worker.config.js';
import { TEST_CARDS } from '../../../src/contexts/payment/contract.js';
import { createHttpApp } from '../../../src/shared/infrastructure/http/app.js';
import { listen, type RunningServer } from '../../../src/shared/infrastructure/http/server.js';
import { createLogger } from '../../../src/shared/infrastructure/logger.js';
import { codecEndpoint, type CodecAccess } from '../../../src/shared/infrastructure/temporal/codec-endpoint.js';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA_KEY } from '../../../src/shared/infrastructure/temporal/payload-codec.js';
import type { ErrorEnvelope } from '../../../src/shared/infrastructure/http/errors.js';
import type { CustomerDto } from '../../../src/contexts/customer/contract.js';
import { orderWorkflowId, type PlaceOrderInput } from '../../../src/workflows/order-saga.messages.js';
import type { orderSagaWorkflow } from '../../../src/workflows/order-saga.workflow.js';
import { TEST_CODEC_KEY_ID, TEST_CODEC_KEYRING } from '../../support/codec.js';
import { http } from '../../support/services.js';
import { startTestSystem, type TestSystem } from '../../support/system.js';
import type { PlaceOrderResponse } from '../gateway/gateway-client.js';

const UI_ORIGIN = 'http://localhost:8233';
const TOKEN = `codec-token-${randomBytes(24).toString('hex')}`;

interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}
/** The body of a codec call and of its answer (the Temporal remote codec protocol). */
interface Payloads {
  payloads: JsonPayload[];
}
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const unb64 = (text: string | undefined) => Buffer.from(text ?? '', 'base64').toString('utf8');
const toJson = (payload: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});
const plainPayload = (value: unknown) => toJson(defaultPayloadConverter.toPayload(value));

/** A CORS preflight as a browser on the Temporal UI sends it before a decode call. */
function preflight(baseUrl: string, origin: string) {
  return fetch(`${baseUrl}/codec/decode`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,x-namespace,authorization',
    },
  });
}

describe('worker codec endpoint', function () {
  this.timeout(60_000);

  describe('on a real worker with a token, decoding a real history', () => {
    let system: TestSystem;
    let codecUrl: string;
    const auth = { Authorization: `Bearer ${TOKEN}`, 'X-Namespace': 'default' };

    before(async function () {
      this.timeout(180_000);
      system = await startTestSystem({ TEMPORAL_CODEC_AUTH_TOKEN: TOKEN, TEMPORAL_UI_ORIGINS: `${UI_ORIGIN},http://127.0.0.1:8233` });
      codecUrl = system.worker.health.url;
    });
    after(async function () {
      this.timeout(60_000);
      await system?.stop();
    });

    async function placeOrder(card: string): Promise<string> {
      const shopper = { email: `codec-${randomUUID()}@example.com`, name: 'Codec Shopper' };
      const customer = await http<CustomerDto>(system.services.customer.url, 'POST', '/customers', shopper);
      const sku = `K-${randomUUID().slice(0, 8).toUpperCase()}`;
      await http(system.services.inventory.url, 'POST', '/products', { sku, name: sku, priceMinor: 700, currency: 'EUR', stock: 3 });
      const placed = await http<PlaceOrderResponse>(
        system.gateway.url,
        'POST',
        '/api/orders',
        { lines: [{ sku, quantity: 1 }], cardNumber: card },
        {
          Authorization: `Bearer ${system.tokenFor(customer.body.id)}`,
        },
      );
      assert.equal(placed.status, 202, JSON.stringify(placed.body));
      return placed.body.orderId;
    }

    it('refuses calls without the token, or with another one', async () => {
      const body = { payloads: [plainPayload({ a: 1 })] };
      const attempts: Record<string, string>[] = [
        {},
        { Authorization: 'Bearer nope' },
        { Authorization: `Basic ${b64(`x:${TOKEN}`)}` },
        { Authorization: `Bearer ${TOKEN}x` },
      ];
      for (const headers of attempts) {
        for (const operation of ['decode', 'encode']) {
          const response = await http<ErrorEnvelope>(codecUrl, 'POST', `/codec/${operation}`, body, { Origin: UI_ORIGIN, ...headers });
          assert.equal(response.status, 401, `${operation} ${JSON.stringify(headers)}: ${JSON.stringify(response.body)}`);
          assert.equal(response.body.error.code, 'CODEC.UNAUTHENTICATED');
          assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer realm=/);
          // The UI can read the refusal (CORS headers on error answers too).
          assert.equal(response.headers.get('access-control-allow-origin'), UI_ORIGIN);
        }
      }
    });

    it('answers the CORS preflight of the Temporal UI origin, and no other', async () => {
      const allowed = await preflight(codecUrl, UI_ORIGIN);
      assert.equal(allowed.status, 204);
      assert.equal(allowed.headers.get('access-control-allow-origin'), UI_ORIGIN);
      assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
      assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /POST/);
      const headers = (allowed.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      for (const header of ['content-type', 'x-namespace', 'authorization']) {
        assert.ok(headers.includes(header), `allows ${header}: ${headers}`);
      }

      const other = await preflight(codecUrl, 'https://evil.example');
      assert.equal(other.headers.get('access-control-allow-origin'), null);
      // Other worker routes get no CORS at all.
      const health = await fetch(`${codecUrl}/health`, { headers: { Origin: UI_ORIGIN } });
      assert.equal(health.headers.get('access-control-allow-origin'), null);
    });

    it('decodes the encrypted input of a real workflow history, and encodes it back', async () => {
      const orderId = await placeOrder(TEST_CARDS.APPROVE.number);
      const handle = system.temporal.workflow.getHandle<typeof orderSagaWorkflow>(orderWorkflowId(orderId));
      await handle.result();
      const history = await handle.fetchHistory();
      const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
      assert.ok(started?.input?.payloads?.length, 'the first event holds the input');
      const stored = started.input.payloads.map(toJson);

      // As the server stores it: encrypted under the test key, nothing readable.
      assert.equal(unb64(stored[0].metadata[METADATA_ENCODING_KEY]), ENCRYPTED_ENCODING);
      assert.equal(unb64(stored[0].metadata[KEY_ID_METADATA_KEY]), TEST_CODEC_KEY_ID);
      assert.ok(!unb64(stored[0].data).includes(orderId));

      const decoded = await http<Payloads>(codecUrl, 'POST', '/codec/decode', { payloads: stored }, { Origin: UI_ORIGIN, ...auth });
      assert.equal(decoded.status, 200, JSON.stringify(decoded.body));
      assert.equal(decoded.body.payloads.length, stored.length);
      assert.equal(unb64(decoded.body.payloads[0].metadata[METADATA_ENCODING_KEY]), 'json/plain');
      const input = JSON.parse(unb64(decoded.body.payloads[0].data)) as PlaceOrderInput;
      assert.equal(input.orderId, orderId);
      assert.match(input.paymentMethodId, /^pm_/);
      assert.equal(decoded.headers.get('access-control-allow-origin'), UI_ORIGIN);

      const encoded = await http<Payloads>(codecUrl, 'POST', '/codec/encode', { payloads: decoded.body.payloads }, auth);
      assert.equal(encoded.status, 200, JSON.stringify(encoded.body));
      assert.equal(unb64(encoded.body.payloads[0].metadata[METADATA_ENCODING_KEY]), ENCRYPTED_ENCODING);
      assert.notEqual(encoded.body.payloads[0].data, stored[0].data, 'a fresh nonce');
      const again = await http<Payloads>(codecUrl, 'POST', '/codec/decode', { payloads: encoded.body.payloads }, auth);
      assert.deepEqual(again.body.payloads, decoded.body.payloads);
    });

    it('failure messages in the history are encrypted too, and the endpoint decodes them', async () => {
      const orderId = await placeOrder(TEST_CARDS.DECLINE.number);
      const handle = system.temporal.workflow.getHandle<typeof orderSagaWorkflow>(orderWorkflowId(orderId));
      assert.equal((await handle.result()).outcome, 'CANCELLED');
      const events = (await handle.fetchHistory()).events ?? [];
      const failure = events.find((event) => event.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes?.failure;
      assert.ok(failure, 'the declined charge failed an activity');
      assert.equal(failure.message, 'Encoded failure');
      assert.equal(failure.stackTrace ?? '', '');
      assert.ok(failure.encodedAttributes, 'message and stack moved into an encoded payload');

      const decoded = await http<Payloads>(codecUrl, 'POST', '/codec/decode', { payloads: [toJson(failure.encodedAttributes)] }, auth);
      assert.equal(decoded.status, 200, JSON.stringify(decoded.body));
      const attributes = JSON.parse(unb64(decoded.body.payloads[0].data)) as { message: string; stack_trace: string };
      assert.ok(attributes.message.length > 0, JSON.stringify(attributes));
    });

    it('answers 400 with a stable code for a payload it cannot decode or a body that is not the protocol', async () => {
      const [encrypted] = await new AesGcmPayloadCodec(TEST_CODEC_KEYRING).encode([defaultPayloadConverter.toPayload({ a: 1 })]);
      const tampered = toJson(encrypted);
      const bytes = Buffer.from(tampered.data, 'base64');
      bytes[15] ^= 0xff;
      tampered.data = bytes.toString('base64');
      const refused = await http<ErrorEnvelope>(codecUrl, 'POST', '/codec/decode', { payloads: [tampered] }, auth);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, 'CODEC.UNDECRYPTABLE');

      const unknownKey = { ...tampered, metadata: { ...tampered.metadata, [KEY_ID_METADATA_KEY]: b64('gone-2020') } };
      const unknown = await http<ErrorEnvelope>(codecUrl, 'POST', '/codec/decode', { payloads: [unknownKey] }, auth);
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error.code, 'CODEC.UNKNOWN_KEY_ID');
      assert.match(unknown.body.error.message, /gone-2020/);

      for (const body of [{}, { payloads: [{ data: 'not base64 !' }] }, { payloads: 'x' }]) {
        const response = await http<ErrorEnvelope>(codecUrl, 'POST', '/codec/decode', body, auth);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.body.error.code, 'VALIDATION.INVALID_REQUEST');
      }
    });
  });

  describe('without a token', () => {
    const servers: RunningServer[] = [];
    after(() => Promise.all(servers.map((server) => server.close())));

    async function serve(access: CodecAccess): Promise<string> {
      const codecHttp = codecEndpoint({ codec: new AesGcmPayloadCodec(TEST_CODEC_KEYRING), access, uiOrigins: [UI_ORIGIN] });
      const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
      const app = createHttpApp({ logger, routers: [codecHttp.router], outermost: [codecHttp.cors], ready: () => Promise.resolve(true) });
      const server = await listen(app, 0, '127.0.0.1');
      servers.push(server);
      return server.url;
    }

    it('in development, answers only the Temporal UI origin over loopback', async () => {
      const url = await serve(codecAccess({ NODE_ENV: 'development', TEMPORAL_CODEC_AUTH_TOKEN: undefined }));
      const body = { payloads: [plainPayload({ hello: 'codec' })] };

      const fromUi = await http<Payloads>(url, 'POST', '/codec/encode', body, { Origin: UI_ORIGIN, 'X-Namespace': 'default' });
      assert.equal(fromUi.status, 200, JSON.stringify(fromUi.body));
      const back = await http<Payloads>(url, 'POST', '/codec/decode', fromUi.body, { Origin: UI_ORIGIN });
      assert.deepEqual(back.body, body);

      const strangers: Record<string, string>[] = [{}, { Origin: 'https://evil.example' }, { Origin: 'http://localhost:5173' }];
      for (const headers of strangers) {
        const response = await http<ErrorEnvelope>(url, 'POST', '/codec/decode', fromUi.body, headers);
        assert.equal(response.status, 403, JSON.stringify(headers));
        assert.equal(response.body.error.code, 'CODEC.FORBIDDEN');
      }
      assert.equal((await preflight(url, UI_ORIGIN)).headers.get('access-control-allow-origin'), UI_ORIGIN);
    });

    it('in production, is off', async () => {
      const url = await serve(codecAccess({ NODE_ENV: 'production', TEMPORAL_CODEC_AUTH_TOKEN: undefined }));
      const response = await http<ErrorEnvelope>(url, 'POST', '/codec/decode', { payloads: [] }, { Origin: UI_ORIGIN });
      assert.equal(response.status, 403);
      assert.equal(response.body.error.code, 'CODEC.DISABLED');
      assert.match(response.body.error.message, /TEMPORAL_CODEC_AUTH_TOKEN/);
    });
  });
});
