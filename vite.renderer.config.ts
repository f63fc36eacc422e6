import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Build tooling for the renderer; it lives at the repository root because it runs in
// Node, and renderer/ holds only code that runs in the page.
const repo = dirname(fileURLToPath(import.meta.url));
const here = resolve(repo, 'renderer');
const pkg = JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8')) as { version: string };

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/;

/**
 * Dev server only (`npm run web`): Vite injects styles as <style> elements and React
 * Refresh as an inline script, which the app's strict policy forbids. The dev page
 * gets a policy that allows those two and still nothing from another origin. The
 * build keeps the strict policy from index.html untouched, and the end-to-end tests
 * run against the build.
 */
function devCsp(): Plugin {
  const dev = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return {
    name: 'ordwright-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      if (!CSP_META.test(html)) throw new Error('renderer/index.html lost its Content-Security-Policy meta tag');
      return html.replace(CSP_META, `<meta http-equiv="Content-Security-Policy" content="${dev}" />`);
    },
  };
}

export default defineConfig({
  root: here,
  // relative asset URLs: the same build loads from app://ordwright/ and from any server path
  base: './',
  publicDir: resolve(here, 'public'),
  plugins: [react(), devCsp()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: resolve(repo, 'dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    // Chromium supports modulepreload natively; the polyfill would only add a fetch()
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    // one local bundle (React, ProseMirror, zod) read from disk, never downloaded
    chunkSizeWarningLimit: 1024,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  clearScreen: false,
});
