// Bundle the Electron main process and preload with esbuild.
//   electron/main.ts    -> dist-electron/main.cjs     (Node, CommonJS, electron external)
//   electron/preload.ts -> dist-electron/preload.cjs  (one file for a sandboxed renderer)
// A sandboxed preload can require nothing but 'electron' (and a few polyfilled
// modules), so the build fails if the preload bundle requires anything else.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-electron');
const production = process.env.NODE_ENV !== 'development';

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 41 runs Node 24 in main and Chromium 146 in the renderer
  target: 'node22',
  external: ['electron'],
  sourcemap: production ? false : 'inline',
  minify: false,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: join(outdir, 'main.cjs') });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: join(outdir, 'preload.cjs') });

/** Every module a CommonJS bundle requires at run time. */
export function requiredModules(code) {
  return [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
}

const preload = readFileSync(join(outdir, 'preload.cjs'), 'utf8');
const extra = requiredModules(preload).filter((m) => m !== 'electron');
if (extra.length) {
  console.error(`build-electron: the preload requires ${extra.join(', ')}; a sandboxed preload may only require 'electron'`);
  process.exit(1);
}
const kb = (f) => (readFileSync(join(outdir, f)).length / 1024).toFixed(1);
console.log(`build-electron: dist-electron/main.cjs ${kb('main.cjs')} KiB, dist-electron/preload.cjs ${kb('preload.cjs')} KiB`);
