import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { contentSecurityPolicy } from '../../electron/csp';
import { chromiumAvailable, chromiumExecutable, launchChromiumServer, type E2eContext } from './chromium';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function isCi(): boolean {
  const v = (process.env.CI ?? '').toLowerCase();
  return v !== '' && v !== '0' && v !== 'false';
}

function banner(lines: string[]): string {
  const bar = '!'.repeat(78);
  return ['', bar, ...lines.map((l) => `!! ${l}`), bar, ''].join('\n');
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

/** The page the HostApi contract runs in: the browser host, bundled, under the app's CSP. */
async function buildContractHarness(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await esbuild({
    entryPoints: [join(repo, 'tests/e2e/contract-harness.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outfile: join(outDir, 'harness.js'),
    logLevel: 'warning',
  });
  await writeFile(
    join(outDir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
      `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ forMeta: true })}">` +
      `<title>HostApi contract</title><script type="module" src="./harness.js"></script></head>` +
      `<body><p>HostApi contract harness</p></body></html>`,
  );
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (!chromiumAvailable()) {
    const reason = `Chromium was not found at ${chromiumExecutable()}. The end-to-end tests need Debian's chromium package (apt-get install chromium) or ORDWRIGHT_CHROMIUM set to a Chromium binary.`;
    if (isCi()) throw new Error(`${reason} Under CI the end-to-end tests fail rather than skip.`);
    console.warn(banner(['END-TO-END TESTS SKIPPED', reason, 'They would FAIL under CI=true.']));
    project.provide('e2e', { available: false, reason } satisfies E2eContext);
    return;
  }

  const work = await mkdtemp(join(tmpdir(), 'ordwright-e2e-'));
  const outDir = join(work, 'renderer');
  const configFile = join(repo, 'vite.renderer.config.ts');
  // the production build, so the tests see the strict CSP and the real bundle
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  await buildContractHarness(join(outDir, '__contract'));

  const port = await freePort();
  const server = await preview({ configFile, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  const browser = await launchChromiumServer();
  const baseUrl = `http://127.0.0.1:${port}/`;
  project.provide('e2e', { available: true, baseUrl, contractUrl: `${baseUrl}__contract/index.html`, wsEndpoint: browser.wsEndpoint() } satisfies E2eContext);

  return async () => {
    await browser.close();
    await new Promise<void>((res) => server.httpServer.close(() => res()));
    await rm(work, { recursive: true, force: true });
  };
}
