/**
 * Debian's Chromium driven by playwright-core (never `npx playwright install`), each session in a
 * new empty profile directory.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const ARTIFACTS_DIR = path.resolve('test-artifacts', 'e2e');

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors, and uncaught exceptions: a clean run has none. */
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(
  baseURL: string,
  viewport: { width: number; height: number } = { width: 1280, height: 900 },
): Promise<BrowserSession> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'sagashop-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    baseURL,
    viewport,
    locale: 'en-IE',
    timezoneId: 'Europe/Dublin',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // Refused resources and dropped WebSockets are logged by the browser itself; the app handles them.
    const expected = /Failed to load resource|WebSocket connection to .* failed/;
    if (message.type() === 'error' && !expected.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Full-page screenshot under test-artifacts/e2e (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  // From the top, so the sticky header sits where a person sees it.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}
