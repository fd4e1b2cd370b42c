import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Payload } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { z } from 'zod';
import type { ConfirmPaymentResponseSchema, PlaceOrderResponseSchema } from '../../src/apps/gateway/schemas/order.schemas.js';
import type { CustomerDto } from '../../src/contexts/customer/contract.js';
import type { ProductDto } from '../../src/contexts/inventory/contract.js';
import { TEST_CARDS, type SimulatorSettingsDto } from '../../src/contexts/payment/contract.js';
import { orderWorkflowId, type SagaProgress } from '../../src/workflows/order-saga.messages.js';
import type { orderSagaWorkflow } from '../../src/workflows/order-saga.workflow.js';
import { http } from '../support/services.js';
import { eventually, startTestSystem, type TestSystem } from '../support/system.js';
import { passesLuhn } from '../../src/shared/kernel/luhn.js';

// What the gateway answers, typed from the zod schemas it answers (and documents) with.
type PlaceOrderResponse = z.infer<typeof PlaceOrderResponseSchema>;
type ConfirmPaymentResponse = z.infer<typeof ConfirmPaymentResponseSchema>;

/**
 * What anyone with the Temporal UI (or a copy of its database) can read must not hold a card
 * number: the saga carries a payment-method token, and every payload is encrypted on top.
 * Checked on the raw histories as the server stores them, and again after decoding them with the
 * codec (as the UI does through the codec endpoint), so the token design holds without the codec.
 */
describe('no card number in Temporal', function () {
  this.timeout(90_000);
  let system: TestSystem;

  before(async function () {
    this.timeout(180_000);
    system = await startTestSystem();
    // The slow card answers quickly; the transient card fails once, then succeeds.
    const settings = { slowCardDelayMs: 50, transientFailuresBeforeSuccess: 1 };
    await http<SimulatorSettingsDto>(system.services.payment.url, 'PUT', '/simulator/settings', settings);
  });
  after(async function () {
    this.timeout(60_000);
    const settings = { transientFailuresBeforeSuccess: null };
    await http<SimulatorSettingsDto>(system.services.payment.url, 'PUT', '/simulator/settings', settings).catch(() => undefined);
    await system?.stop();
  });

  /**
   * 13-19 digits, optionally grouped by single spaces, that pass the Luhn check: a plausible card.
   * Not a run inside a longer token of letters and digits (a hex digest such as the idempotency
   * HMAC, an id): one in ten of those runs passes Luhn by chance. The exact forms of the cards paid
   * with are searched for separately, wherever they stand.
   */
  function cardNumbersIn(text: string): string[] {
    const found: string[] = [];
    for (const match of text.matchAll(/(?<![\dA-Za-z])\d(?:[ ]?\d){12,18}(?![\dA-Za-z])/g)) {
      const digits = match[0].replace(/ /g, '');
      if (passesLuhn(digits)) found.push(match[0]);
    }
    return found;
  }

  /** Every Payload anywhere in a history event (inputs, results, failures' details, memo, search attributes, headers). */
  function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return found;
    const candidate = value as { data?: unknown; metadata?: unknown };
    if (candidate.data instanceof Uint8Array && candidate.metadata && typeof candidate.metadata === 'object') {
      found.push(candidate as Payload);
      return found;
    }
    for (const child of Object.values(value)) payloadsIn(child, found);
    return found;
  }

  const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : '');

  it('orders paid with every test card leave no card number in any payload, memo, search attribute or failure', async () => {
    const cards = Object.values(TEST_CARDS);
    const placed: { orderId: string; customerId: string; card: string }[] = [];
    for (const [i, card] of cards.entries()) {
      const holder = { email: `card-${randomUUID()}@example.com`, name: 'Card Holder' };
      const customer = await http<CustomerDto>(system.services.customer.url, 'POST', '/customers', holder);
      const sku = `C-${randomUUID().slice(0, 8).toUpperCase()}`;
      const product = { sku, name: sku, priceMinor: 500, currency: 'EUR', stock: 5 };
      await http<ProductDto>(system.services.inventory.url, 'POST', '/products', product);
      // Half of them typed the way people type them: in groups of four.
      const typed = i % 2 === 0 ? card.number : card.number.replace(/(\d{4})(?=\d)/g, '$1 ');
      const response = await http<PlaceOrderResponse>(
        system.gateway.url,
        'POST',
        '/api/orders',
        { lines: [{ sku, quantity: 1 }], cardNumber: typed },
        { Authorization: `Bearer ${system.tokenFor(customer.body.id)}`, 'Idempotency-Key': `k-${randomUUID()}` },
      );
      assert.equal(response.status, 202, JSON.stringify(response.body));
      placed.push({ orderId: response.body.orderId, customerId: customer.body.id, card: card.number });
    }

    for (const order of placed) {
      const handle = system.temporal.workflow.getHandle<typeof orderSagaWorkflow>(orderWorkflowId(order.orderId));
      if (order.card === TEST_CARDS.REQUIRES_CONFIRMATION.number) {
        await eventually('the saga to wait for the confirmation', async () =>
          (await handle.query<SagaProgress>('progress')).awaitingPaymentConfirmation ? true : undefined,
        );
        const confirmation = `/api/orders/${order.orderId}/payment-confirmation`;
        const headers = { Authorization: `Bearer ${system.tokenFor(order.customerId)}` };
        const confirmed = await http<ConfirmPaymentResponse>(system.gateway.url, 'POST', confirmation, undefined, headers);
        assert.equal(confirmed.status, 202, JSON.stringify(confirmed.body));
      }
      const result = await handle.result();
      assert.ok(result.outcome === 'CONFIRMED' || result.outcome === 'CANCELLED', JSON.stringify(result));
    }

    const codecs = system.temporal.options.loadedDataConverter.payloadCodecs;
    let payloadCount = 0;
    for (const order of placed) {
      const handle = system.temporal.workflow.getHandle(orderWorkflowId(order.orderId));
      const history = await handle.fetchHistory();
      const raw = historyToJSON(history);
      assert.deepEqual(cardNumbersIn(raw), [], `raw history of the order paid with ${order.card}`);

      const payloads = payloadsIn(history.events);
      payloadCount += payloads.length;
      let decoded = payloads;
      for (const codec of [...codecs].reverse()) decoded = await codec.decode(decoded);
      for (const [i, payload] of decoded.entries()) {
        const metadata = Object.values(payload.metadata ?? {}).map(text);
        const content = `${text(payload.data)} ${metadata.join(' ')}`;
        const where = `decoded payload #${i} of the order paid with ${order.card}`;
        assert.deepEqual(cardNumbersIn(content), [], `${where}: ${content.slice(0, 300)}`);
        for (const form of [order.card, order.card.replace(/(\d{4})(?=\d)/g, '$1 '), order.card.replace(/(\d{4})(?=\d)/g, '$1-')]) {
          assert.ok(!content.includes(form), `payload #${i} holds the card ${form}`);
        }
      }

      const description = await handle.describe();
      assert.deepEqual(cardNumbersIn(JSON.stringify(description.memo ?? {})), [], 'memo');
      assert.deepEqual(cardNumbersIn(JSON.stringify(description.searchAttributes ?? {})), [], 'search attributes');
    }
    assert.ok(payloadCount > placed.length * 10, `the scan saw the payloads (${payloadCount})`);
  });

  it('the scan itself finds a card number where one is', () => {
    // Guards the guard: a detector that never fires would make the test above pass for nothing.
    assert.deepEqual(cardNumbersIn(`{"cardNumber":"${TEST_CARDS.APPROVE.number}"}`), [TEST_CARDS.APPROVE.number]);
    assert.deepEqual(cardNumbersIn('paid with 4000 0000 0000 3220 today'), ['4000 0000 0000 3220']);
    assert.deepEqual(cardNumbersIn('order 6f1c9a4e-2b7d-4c1e-9f3a-1d2e3f4a5b6c at 1764596400123'), []);
  });
});
