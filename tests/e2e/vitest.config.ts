import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * End-to-end tests: the built renderer served by Vite's preview server, driven in
 * Debian's Chromium through playwright-core. global-setup.ts builds, serves and
 * launches the browser once for the whole run.
 */
export default defineConfig({
  root: repo,
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    // one browser, one server: files take turns, which also keeps a 2-core CI steady
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
