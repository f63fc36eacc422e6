import { afterEach } from 'vitest';
import { openSession, type AppSession, type E2eContext } from './chromium';

/**
 * For a describe block: a launcher that opens the app at its start screen in a fresh
 * Chromium context, and closes that session after each test.
 */
export function startScreenLauncher(ctx: E2eContext): (colorScheme?: 'light' | 'dark') => Promise<AppSession> {
  let s: AppSession | null = null;
  afterEach(async () => {
    // a test may have closed its session already
    await s?.close().catch(() => undefined);
    s = null;
  });
  return async (colorScheme = 'light') => {
    if (!ctx.available) throw new Error(ctx.reason);
    s = await openSession(ctx.wsEndpoint, new URL(ctx.baseUrl).origin, { colorScheme });
    await s.page.goto(ctx.baseUrl);
    await s.page.getByTestId('start-screen').waitFor();
    return s;
  };
}
