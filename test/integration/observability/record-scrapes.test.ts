import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { TEST_CARDS } from '../../../src/contexts/payment/contract.js';
import { http } from '../../support/services.js';
import { eventually, startTestSystem, type TestSystem } from '../../support/system.js';
import { parsePrometheusText, sum } from './prometheus-text.js';
import { newProduct, registerShopper } from '../gateway/gateway-client.js';

/**
 * Not a check: records a real run for the dashboard picture in the README. Skipped unless
 * RECORD_SCRAPES_DIR is set; then it places up to 60 orders over ~30 s (approved, declined and
 * flaky payments, whose 5xx answers open the payment breaker) and scrapes every /metrics each
 * second into RECORD_SCRAPES_DIR/scrapes.jsonl (appended as it goes), which deploy/observability/render-panels.ts charts.
 *
 *   RECORD_SCRAPES_DIR=/tmp/run npx mocha test/integration/observability/record-scrapes.test.ts
 */
describe('observability: record a run for the dashboard picture', function () {
  this.timeout(600_000);
  const dir = process.env.RECORD_SCRAPES_DIR;
  let system: TestSystem | undefined;

  before(function () {
    if (!dir) this.skip();
  });
  after(async function () {
    this.timeout(60_000);
    await system?.stop();
  });

  it('records', async () => {
    system = await startTestSystem();
    const running = system;
    const shopper = await registerShopper(running.gateway.url, { name: 'Recorder' });
    const sku = await newProduct(running, 100_000);
    await mkdir(dir!, { recursive: true });
    const file = path.join(dir!, 'scrapes.jsonl');
    const targets = (): Record<string, string> => ({
      gateway: running.gateway.url,
      worker: running.worker.health.url,
      ...Object.fromEntries(
        (['customer', 'inventory', 'order', 'payment', 'notification'] as const).map((n) => [n, running.services[n].url]),
      ),
    });
    const scrapeAll = async () => {
      const t = Date.now();
      await Promise.all(
        Object.entries(targets()).map(async ([target, url]) => {
          const text = await fetch(`${url}/metrics`)
            .then((r) => r.text())
            .catch(() => undefined);
          if (text) await appendFile(file, JSON.stringify({ t, target, text }) + '\n');
        }),
      );
    };
    let recording = true;
    const recorder = (async () => {
      while (recording) {
        await scrapeAll();
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    })();

    const cards = [
      ...Array<string>(15).fill(TEST_CARDS.APPROVE.number),
      ...Array<string>(3).fill(TEST_CARDS.DECLINE.number),
      ...Array<string>(2).fill(TEST_CARDS.TRANSIENT_FAILURE.number),
    ];
    const started = Date.now();
    let placed = 0;
    for (let i = 0; Date.now() - started < 30_000 && i < 60; i++) {
      placed++;
      void http(
        running.gateway.url,
        'POST',
        '/api/orders',
        { lines: [{ sku, quantity: 1 }], cardNumber: cards[i % cards.length] },
        shopper.headers,
      );
      await new Promise((resolve) => setTimeout(resolve, 400 + (i % 5) * 80));
    }
    // Keep recording until every saga has ended (or a deadline): retries and compensations included.
    const ended = async () => {
      const text = await fetch(`${running.worker.health.url}/metrics`).then((r) => r.text());
      return sum(parsePrometheusText(text), 'sagashop_saga_completed_total') >= placed ? true : undefined;
    };
    await eventually('every saga ended', ended, 120_000).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    recording = false;
    await recorder;
  });
});
