/**
 * The operator console in a real browser against the real system (Debian's Chromium, the built
 * web app served by the gateway, every service and the worker): an operator logs in, finds the
 * order that needs attention at the top of the list, reads its saga, retries the failed
 * compensation with a reason, and watches it end CANCELLED without reloading. Screenshots go to
 * test-artifacts/e2e/operator-*.png (git-ignored).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { TEST_CARDS } from '../../src/contexts/payment/contract.js';
import type { OperatorOrderViewSchema } from '../../src/apps/gateway/schemas/operator.schemas.js';
import { http } from '../support/services.js';
import { eventually, startTestSystem, type TestSystem } from '../support/system.js';
import { axeViolations, describeViolations } from './support/axe.js';
import { chromiumAvailable, CHROMIUM_PATH, openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { storefrontOrigin, type WebOrigin } from './support/web-server.js';
import type { z } from 'zod';

/** Built apart from web/dist, so this suite and the storefront's may build at the same time. */
const WEB_DIST_DIR = path.resolve('test-artifacts', 'operator-e2e-dist');
const OPERATOR = { email: `ops.${randomUUID().slice(0, 8)}@example.com`, password: 'operator console 1' };

describe('operator console in a real browser (e2e)', function () {
  this.timeout(240_000);

  let system: TestSystem | undefined;
  let origin: WebOrigin | undefined;
  let session: BrowserSession | undefined;

  before(async function () {
    if (!chromiumAvailable()) {
      console.warn(`      skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
      this.skip();
    }
    const { build } = await import('vite');
    await build({
      configFile: path.resolve('web', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: WEB_DIST_DIR, emptyOutDir: true },
    });
    system = await startTestSystem({ WEB_DIST_DIR, OPERATOR_EMAILS: OPERATOR.email });
    origin = await storefrontOrigin(system.gateway.url, WEB_DIST_DIR);
    const registered = await http(system.gateway.url, 'POST', '/api/auth/register', { ...OPERATOR, name: 'Olga Operator' });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
  });

  afterEach(async function () {
    const errors = session?.errors ?? [];
    await session?.close();
    session = undefined;
    if (this.currentTest?.state === 'passed') assert.deepEqual(errors, [], 'the page logged errors');
  });

  after(async () => {
    await origin?.close();
    await system?.stop();
  });

  /** A 3-D Secure order cancelled while the payment service is down: the void fails for good, the saga waits. */
  async function orderNeedingAttention(sys: TestSystem): Promise<string> {
    const api = sys.gateway.url;
    const shopper = await http<{ token: string }>(api, 'POST', '/api/auth/register', {
      email: `shopper-${randomUUID().slice(0, 8)}@example.com`,
      name: 'Stuck Shopper',
      password: 'correct horse battery',
    });
    const headers = { Authorization: `Bearer ${shopper.body.token}` };
    const sku = `E-${randomUUID().slice(0, 8).toUpperCase()}`;
    await http(sys.services.inventory.url, 'POST', '/products', { sku, name: `Item ${sku}`, priceMinor: 1500, currency: 'EUR', stock: 4 });
    const placed = await http<{ orderId: string }>(
      api,
      'POST',
      '/api/orders',
      { lines: [{ sku, quantity: 1 }], cardNumber: TEST_CARDS.REQUIRES_CONFIRMATION.number },
      headers,
    );
    assert.equal(placed.status, 202, JSON.stringify(placed.body));
    const { orderId } = placed.body;
    await eventually('the saga to wait for the confirmation', async () => {
      const view = await http<{ saga: { awaitingPaymentConfirmation: boolean } | null }>(
        api,
        'GET',
        `/api/orders/${orderId}`,
        undefined,
        headers,
      );
      return view.body.saga?.awaitingPaymentConfirmation ? true : undefined;
    });
    const restartPayment = await sys.stopService('payment');
    try {
      assert.equal((await http(api, 'POST', `/api/orders/${orderId}/cancel`, {}, headers)).status, 202);
      await eventually('NEEDS_ATTENTION, waiting for an operator', async () => {
        const view = await http<OperatorView>(api, 'GET', `/api/orders/${orderId}`, undefined, headers);
        return view.body.order?.status === 'NEEDS_ATTENTION' ? true : undefined;
      });
    } finally {
      await restartPayment();
    }
    return orderId;
  }
  type OperatorView = z.infer<typeof OperatorOrderViewSchema>;

  async function logIn(page: Page): Promise<void> {
    await page.goto('/login');
    await page.getByLabel('Email').fill(OPERATOR.email);
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.locator('form button[type=submit]').click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  }

  it('finds the order that needs attention first, retries its compensation with a reason, and sees it end CANCELLED live', async () => {
    const orderId = await orderNeedingAttention(system!);
    session = await openBrowser(origin!.url);
    const { page } = session;
    await logIn(page);
    await page.getByRole('link', { name: 'Operator' }).click();
    await page.getByRole('heading', { name: 'Operator console' }).waitFor();

    const row = page.getByTestId(`operator-order-${orderId}`);
    await row.waitFor({ timeout: 20_000 });
    // NEEDS_ATTENTION first: the first row of the list is one that needs attention.
    assert.equal(
      await page.locator('[data-testid=operator-orders] li').first().locator('[data-status]').getAttribute('data-status'),
      'NEEDS_ATTENTION',
    );
    await row.click();

    const panel = page.getByTestId('decision-panel');
    await panel.waitFor();
    assert.match(await panel.innerText(), /refund-payment/);
    assert.ok(await page.getByTestId('retry-compensations').isDisabled(), 'no decision without a reason');
    await page.getByTestId('saga-steps').waitFor();
    await page.getByTestId('breakers').waitFor();
    await screenshot(page, 'operator-needs-attention');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));

    await page.getByTestId('decision-reason').fill('payment service is back');
    await page.getByTestId('retry-compensations').click();
    // Live: the operator room's push makes the console refetch; no reload.
    await page.locator('[data-testid=operator-detail] [data-status=CANCELLED]').first().waitFor({ timeout: 30_000 });
    assert.match(
      await page.getByTestId('order-history').innerText(),
      new RegExp(`operator:${OPERATOR.email.replace(/\./g, '\\.')}: payment service is back`),
    );
    await screenshot(page, 'operator-retried-cancelled');
  });

  it('a shopper gets no Operator link, and /operator says it is for operators only', async () => {
    session = await openBrowser(origin!.url);
    const { page } = session;
    await page.goto('/register');
    await page.getByLabel('Name').fill('Plain Shopper');
    await page.getByLabel('Email').fill(`shopper-${randomUUID().slice(0, 8)}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Operator' }).count(), 0);
    await page.goto('/operator');
    await page.getByText('Operators only').waitFor();
  });
});
