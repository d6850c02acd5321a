/** One headless Chromium per test file, a fresh context per test; uncaught page errors are collected. */
import { existsSync } from 'node:fs';
import { after, type TestContext } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A reason to skip browser tests on a machine without Chromium; CI installs it, so there it never skips. */
export const NO_CHROMIUM = !existsSync(CHROMIUM) && !process.env.CI && `no Chromium at ${CHROMIUM}`;

let browser: Browser | undefined;
after(() => browser?.close());

/** A page in a fresh browser context, closed when the test ends; uncaught page errors are collected in `failures`. */
export async function openPage(t: TestContext): Promise<{ page: Page; failures: string[] }> {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(error.message));
  return { page, failures };
}
