/**
 * The storefront in a real browser against the real system: Debian's Chromium (playwright-core),
 * the built web app, the gateway, the five services and the worker, all started here. Each test
 * is a new shopper in a new browser profile. Screenshots of each final screen go to
 * test-artifacts/e2e/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Locator, Page, WebSocket } from 'playwright-core';
import { eventually, startTestSystem, type TestSystem } from '../support/system.js';
import { axeViolations, describeViolations } from './support/axe.js';
import { chromiumAvailable, CHROMIUM_PATH, openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { startStaticProxy, storefrontOrigin, type WebOrigin } from './support/web-server.js';
import { TEST_CARDS } from '../../src/contexts/payment/contract.js';

const WEB_DIST_DIR = path.resolve('web', 'dist');
const CARDS = {
  approve: TEST_CARDS.APPROVE.number,
  decline: TEST_CARDS.DECLINE.number,
  confirm: TEST_CARDS.REQUIRES_CONFIRMATION.number,
  slow: TEST_CARDS.SLOW_APPROVE.number,
};
/** A saga in the test system takes about a second; this leaves room for a slow CI machine. */
const SAGA_DEADLINE_MS = 30_000;

describe('storefront in a real browser (e2e)', function () {
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
    await build({ configFile: path.resolve('web', 'vite.config.ts'), logLevel: 'warn' });
    system = await startTestSystem({ WEB_DIST_DIR });
    origin = await storefrontOrigin(system.gateway.url, WEB_DIST_DIR);
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

  async function newShopper(
    viewport?: { width: number; height: number },
    url = origin!.url,
  ): Promise<{ page: Page; pushFrames: string[] }> {
    session = await openBrowser(url, viewport);
    const { page } = session;
    const pushFrames: string[] = [];
    page.on('websocket', (socket: WebSocket) => {
      if (!socket.url().includes('/socket.io/')) return;
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string' && payload.startsWith('42')) pushFrames.push(payload);
      });
    });
    return { page, pushFrames };
  }

  async function register(page: Page, name = 'Ada Lovelace'): Promise<string> {
    const email = `shopper-${randomUUID().slice(0, 8)}@example.com`;
    await page.goto('/register');
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    return email;
  }

  async function addToCart(page: Page, productName: string, times = 1): Promise<void> {
    await page.goto('/');
    // The name says what the button says, then which product: "Add to cart: <product>".
    await page.getByRole('button', { name: `Add to cart: ${productName}`, exact: true }).waitFor();
    // After a click it says "Added" for a moment: the next clicks find it by its card.
    const card = page.locator('article[data-sku]', { has: page.getByRole('heading', { name: productName, exact: true }) });
    for (let i = 0; i < times; i++) await card.getByRole('button').click();
  }

  /** Cart -> checkout -> pick the card -> place: resolves on the order page, with its id. */
  async function checkout(page: Page, cardNumber: string): Promise<string> {
    await page.getByTestId('cart-link').click();
    await page.getByRole('button', { name: 'Go to checkout' }).click();
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    await page.locator(`input[type=radio][value="${cardNumber}"]`).check();
    await page.getByTestId('place-order').click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}/);
    const id = /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1];
    // Anything after this point must arrive without a page load.
    await page.evaluate(() => ((globalThis as { __samePage?: boolean }).__samePage = true));
    return id;
  }

  async function waitForFinalStatus(page: Page, status: string): Promise<void> {
    await page.locator(`[data-testid=order-status][data-final=true]`).waitFor({ timeout: SAGA_DEADLINE_MS });
    assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), status);
  }

  /** A step of the timeline once it shows as completed. */
  function completedStep(page: Page, step: string): Locator {
    return page.locator(`[data-testid=timeline] > li[data-step=${step}][data-status=completed]`);
  }

  async function stepStatuses(page: Page): Promise<{ step: string; status: string; kind: string }[]> {
    return page.locator('[data-testid=timeline] > li').evaluateAll((items) =>
      items.map((item) => {
        const data = (item as unknown as { dataset: Record<string, string> }).dataset;
        return { step: data.step, status: data.status, kind: data.kind };
      }),
    );
  }

  async function assertNoReload(page: Page): Promise<void> {
    assert.equal(await page.evaluate(() => (globalThis as { __samePage?: boolean }).__samePage), true, 'the page was reloaded');
  }

  /** Toasts float over the page; the final screens are shot without them. */
  async function dismissToasts(page: Page): Promise<void> {
    await page
      .getByRole('button', { name: 'Dismiss notification' })
      .evaluateAll((buttons) => buttons.forEach((button) => (button as unknown as { click(): void }).click()));
    const toasts = page.getByTestId('toast');
    while ((await toasts.count()) > 0) await toasts.first().waitFor({ state: 'detached' });
  }

  function pushEventsFor(frames: string[], orderId: string): number {
    return frames.filter((frame) => frame.includes('"order.progress"') && frame.includes(orderId)).length;
  }

  it('shows a catalog with no serious or critical accessibility violations (axe-core, label-in-name included)', async () => {
    const { page } = await newShopper();
    await page.goto('/');
    await page.getByTestId('product-grid').waitFor();
    await screenshot(page, 'catalog');
    const serious = (await axeViolations(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    assert.deepEqual(serious, [], `axe found:\n${describeViolations(serious)}`);
  });

  it('registers, fills the cart, pays with the approving card, sees the timeline turn Confirmed live; a notification arrives', async () => {
    const { page, pushFrames } = await newShopper();
    await register(page);
    await addToCart(page, 'Saga T-shirt (black)', 2);
    assert.equal(await page.getByTestId('cart-count').textContent(), '2');

    const orderId = await checkout(page, CARDS.approve);
    await waitForFinalStatus(page, 'CONFIRMED');
    await completedStep(page, 'notify-customer').waitFor({ timeout: SAGA_DEADLINE_MS });

    const steps = await stepStatuses(page);
    const forwardSteps = [
      'verify-customer',
      'create-order',
      'reserve-stock',
      'charge-payment',
      'commit-stock',
      'confirm-order',
      'notify-customer',
    ];
    for (const step of forwardSteps) {
      assert.ok(
        steps.some((entry) => entry.step === step && entry.status === 'completed'),
        `${step} completed in the timeline: ${JSON.stringify(steps)}`,
      );
    }
    assert.ok(!steps.some((entry) => entry.kind === 'compensation'), 'no compensation on the happy path');
    assert.equal(await page.getByTestId('cancel-order').count(), 0, 'no Cancel once the payment is captured');
    assert.equal(await page.getByTestId('order-total').textContent(), '€50.00');
    assert.ok(pushEventsFor(pushFrames, orderId) >= 7, `push events arrived over socket.io (${pushEventsFor(pushFrames, orderId)})`);
    await assertNoReload(page);

    // The bell: the confirmation's notification arrives by push, without a reload.
    await page.getByTestId('notification-count').waitFor({ timeout: SAGA_DEADLINE_MS });
    assert.ok(Number(await page.getByTestId('notification-count').textContent()) >= 1);
    await page
      .getByTestId('toast')
      .filter({ hasText: /confirmed/i })
      .first()
      .waitFor();
    await screenshot(page, 'approved-order-confirmed');

    await page.getByTestId('notification-bell').click();
    await page
      .getByTestId('notification-list')
      .getByText(/confirmed/i)
      .first()
      .waitFor();
    await screenshot(page, 'approved-notifications-open');
    await assertNoReload(page);

    // The session and the order survive a reload.
    await page.reload();
    await waitForFinalStatus(page, 'CONFIRMED');
    assert.ok((await page.getByText('Hi, Ada').count()) === 1, 'still logged in after a reload');
  });

  it('pays with the declining card and shows the compensations and Cancelled', async () => {
    const { page } = await newShopper();
    await register(page, 'Grace Hopper');
    await addToCart(page, 'Compensation mug');
    await checkout(page, CARDS.decline);

    await waitForFinalStatus(page, 'CANCELLED');
    await completedStep(page, 'cancel-order').waitFor();
    const steps = await stepStatuses(page);
    assert.ok(
      steps.some((entry) => entry.step === 'charge-payment' && entry.status === 'failed'),
      JSON.stringify(steps),
    );
    for (const step of ['release-stock', 'cancel-order']) {
      assert.ok(
        steps.some((entry) => entry.step === step && entry.kind === 'compensation' && entry.status === 'completed'),
        `${step} shown as a completed compensation: ${JSON.stringify(steps)}`,
      );
    }
    assert.match((await page.getByTestId('order-reason').textContent()) ?? '', /declined/i);
    assert.equal(await page.getByTestId('cancel-order').count(), 0);
    await assertNoReload(page);
    await page.getByTestId('toast').first().waitFor();
    await dismissToasts(page);
    await screenshot(page, 'declined-order-cancelled');
  });

  it('asks to confirm a payment in a dialog, and the order is confirmed after the shopper confirms', async () => {
    const { page } = await newShopper({ width: 390, height: 844 });
    await register(page, 'Katherine Johnson');
    await addToCart(page, 'Retry cap');
    await checkout(page, CARDS.confirm);

    const dialog = page.getByTestId('confirm-payment-dialog');
    await dialog.getByRole('heading', { name: 'Confirm your payment' }).waitFor({ timeout: SAGA_DEADLINE_MS });
    assert.equal(await page.getByTestId('order-status').getAttribute('data-status'), 'AWAITING_PAYMENT_CONFIRMATION');
    // Focus starts in the dialog on its main action.
    assert.equal(await page.locator(':focus').getAttribute('data-testid'), 'confirm-payment');
    await screenshot(page, 'confirmation-dialog');

    await dialog.getByRole('button', { name: 'Confirm payment' }).click();
    await waitForFinalStatus(page, 'CONFIRMED');
    assert.equal(await dialog.isVisible(), false);
    const steps = await stepStatuses(page);
    assert.ok(
      steps.some((entry) => entry.step === 'capture-payment' && entry.status === 'completed'),
      JSON.stringify(steps),
    );
    assert.equal(await page.getByTestId('cancel-order').count(), 0);
    await assertNoReload(page);
    await dismissToasts(page);
    await screenshot(page, 'confirmation-order-confirmed-phone');
  });

  it('cancels an order with the Cancel button while the payment is still pending, and shows it being undone', async () => {
    const { page } = await newShopper();
    await register(page, 'Edsger Dijkstra');
    await addToCart(page, 'Workflow hoodie');
    await checkout(page, CARDS.slow);

    // The slow card keeps the payment pending for seconds: Cancel is offered meanwhile. Wait until the
    // charge has started, so there is a payment to refund (a cancel before it has none to undo).
    await page.getByText('Charging your card').first().waitFor({ timeout: SAGA_DEADLINE_MS });
    await page.getByTestId('cancel-order').click();
    await page.getByTestId('cancel-order-yes').click();
    await waitForFinalStatus(page, 'CANCELLED');
    await completedStep(page, 'cancel-order').waitFor();
    const steps = await stepStatuses(page);
    for (const step of ['refund-payment', 'release-stock', 'cancel-order']) {
      assert.ok(
        steps.some((entry) => entry.step === step && entry.kind === 'compensation'),
        `${step} shown: ${JSON.stringify(steps)}`,
      );
    }
    await page.getByTestId('order-reason').filter({ hasText: 'You cancelled this order.' }).waitFor();
    assert.equal(await page.getByTestId('cancel-order').count(), 0, 'Cancel disappears once the order ended');
    await assertNoReload(page);
    await page.getByTestId('toast').first().waitFor();
    await dismissToasts(page);
    await screenshot(page, 'cancelled-by-shopper');
  });

  it('after losing the live connection, catches up on reconnect by refetching the order (no reload)', async () => {
    const proxy = await startStaticProxy(system!.gateway.url, WEB_DIST_DIR);
    try {
      const { page } = await newShopper(undefined, proxy.url);
      await register(page, 'Leslie Lamport');
      await addToCart(page, 'Sagas in practice');
      const orderId = await checkout(page, CARDS.slow);
      await page.getByText('Charging your card').first().waitFor({ timeout: SAGA_DEADLINE_MS });

      // The network drops: every event from here to the end of the saga is missed.
      proxy.pauseWebSockets();
      await page.getByTestId('live-lost-banner').waitFor();
      const stored = await page.evaluate(() =>
        (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('sagashop.session'),
      );
      const { token } = JSON.parse(stored ?? '{}') as { token: string };
      await eventually(
        'the saga to finish',
        async () => {
          const answer = await fetch(`${system!.gateway.url}/api/orders/${orderId}`, { headers: { Authorization: `Bearer ${token}` } });
          const view = (await answer.json()) as { saga?: { outcome: string | null } };
          return view.saga?.outcome ? true : undefined;
        },
        SAGA_DEADLINE_MS,
      );
      const statusWhileDisconnected = await page.getByTestId('order-status').getAttribute('data-status');
      assert.notEqual(statusWhileDisconnected, 'CONFIRMED', 'nothing arrived while disconnected');
      await screenshot(page, 'reconnect-live-updates-paused');

      proxy.resumeWebSockets();
      await waitForFinalStatus(page, 'CONFIRMED');
      await completedStep(page, 'confirm-order').waitFor();
      await page.getByTestId('live-lost-banner').waitFor({ state: 'detached' });
      await page.getByTestId('notification-count').waitFor();
      await assertNoReload(page);
      await dismissToasts(page);
      await screenshot(page, 'reconnect-caught-up');
    } finally {
      await proxy.close();
    }
  });

  it('shows a notification pushed while the shopper is elsewhere in the shop, in the bell with its unread count', async () => {
    const { page } = await newShopper();
    await register(page, 'Barbara Liskov');
    await addToCart(page, 'DDD sticker pack');
    await checkout(page, CARDS.decline);
    await page.getByRole('link', { name: 'Shop', exact: true }).click();
    await page.getByRole('heading', { name: 'All products' }).waitFor();

    // Payment failed + order cancelled: two notifications, counted as they arrive.
    await page.locator('[data-testid=notification-count]', { hasText: '2' }).waitFor({ timeout: SAGA_DEADLINE_MS });
    assert.equal(await page.getByTestId('notification-bell').getAttribute('aria-label'), 'Notifications, 2 unread');
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-list').locator('li').nth(1).waitFor();
    await screenshot(page, 'notifications-bell');

    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByTestId('notification-count').waitFor({ state: 'detached' });
    await assertNoReload(page);

    // Logging out from a page that needs the session lands on the shop; the bell goes with the session.
    await page.getByRole('link', { name: 'Orders', exact: true }).click();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'All products' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await page.getByTestId('notification-bell').count(), 0);
  });

  it('shows a banner and a retry button while part of the shop is down, and recovers when it is back', async () => {
    const { page } = await newShopper({ width: 390, height: 844 });
    const restartInventory = await system!.stopService('inventory');
    try {
      await page.goto('/');
      await page.getByTestId('api-down-banner').waitFor();
      await page.getByRole('button', { name: 'Try again' }).waitFor();
      assert.match((await page.getByTestId('api-down-banner').textContent()) ?? '', /unavailable/);
      await screenshot(page, 'inventory-down-banner-phone');
    } finally {
      await restartInventory();
    }
    await page.getByRole('button', { name: 'Retry now' }).click();
    await page.getByTestId('product-grid').waitFor();
    await page.getByTestId('api-down-banner').waitFor({ state: 'detached' });
  });
});
