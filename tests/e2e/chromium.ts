import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserServer, type Page, type Request } from 'playwright-core';

/**
 * Debian's Chromium through playwright-core; never a downloaded browser.
 * Playwright gives every launch a fresh temporary profile (--user-data-dir of its own;
 * it refuses the flag from us), so no state leaks between runs.
 */

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumExecutable(): string {
  return process.env.ORDWRIGHT_CHROMIUM || '/usr/bin/chromium';
}

export function chromiumAvailable(): boolean {
  return existsSync(chromiumExecutable());
}

/** Start one Chromium for the run; tests connect to it over its websocket. */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
}

/** What global-setup hands to the tests. */
export type E2eContext =
  | { available: true; baseUrl: string; contractUrl: string; wsEndpoint: string }
  | { available: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

export interface AppSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every request the page made, in order. */
  requests: string[];
  /** Console errors and warnings, uncaught exceptions and CSP violations. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * A fresh browser context (its own storage) with one page, recording every request
 * and every problem the page reports. Requests to any other origin are recorded and
 * then aborted, so a regression shows up as a failed test, not as traffic.
 */
export async function openSession(wsEndpoint: string, origin: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<AppSession> {
  const browser = await chromium.connect(wsEndpoint);
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
    serviceWorkers: 'block',
  });
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (r: Request) => requests.push(r.url()));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('blob:' + origin)) return route.continue();
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  return {
    browser,
    context,
    page,
    requests,
    problems,
    async close() {
      await context.close();
      await browser.close();
    },
  };
}
