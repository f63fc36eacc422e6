import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Node as PMNode } from 'prosemirror-model';
import { chromium, type Browser } from 'playwright-core';
import { build, createServer, preview, type InlineConfig } from 'vite';
import { compose } from '../core/document/compose';
import { schema } from '../core/document/schema';
import type { Library } from '../core/library/library';
import { loadLibrary } from '../core/node/library';
import type { Profile } from '../core/schema';
import { CHROMIUM_ARGS, chromiumAvailable, chromiumExecutable } from '../tests/e2e/chromium';

/**
 * Keystroke to painted frame in the editor, in Chromium, at 300 sections (budget 16 ms).
 *
 * The renderer is served by Vite: by default a production build with the test hook
 * switched on (VITE_ORDWRIGHT_TEST_HOOKS), served by `vite preview`, so the figure is
 * the one a drafter gets (React's production build, minified code); with `dev: true`,
 * Vite's dev server (React's development build: slower, with extra checks).
 *
 * The ordinance: the city template's comprehensive preset composed for the sample city,
 * its operative sections duplicated (fresh ids, cross-references inside a copy pointing
 * into the copy) until it has `sections` sections, loaded through
 * window.__ordwright.loadDocJSON. Then `chars` characters are typed, one by one, at the
 * end of a provision in the middle of the ordinance. For each keystroke the page
 * records performance.now() at keydown (a capturing listener, so it runs first) and
 * then, after ProseMirror has updated the DOM:
 * - frame: the requestAnimationFrame callback of the next frame (the frame that paints
 *   the character; the time includes waiting for that frame), and
 * - painted: a task posted from that callback, which runs once the frame is painted.
 * Median and 95th percentile of each, in milliseconds. Nothing here is asserted: it
 * prints figures.
 */

export interface KeystrokeBenchOptions {
  /** Sections of the ordinance (default 300). */
  sections?: number;
  /** Characters typed (default 50). */
  chars?: number;
  /** Pause between keystrokes in ms (default 120: a quick typist; coverage runs after 150 ms of quiet). */
  delayMs?: number;
  /** Serve Vite's dev server instead of a production build. */
  dev?: boolean;
  /** The clause library (default: the repository's). */
  library?: Library;
  /** Log progress lines. */
  log?: (line: string) => void;
}

export interface KeystrokeBenchResult {
  sections: number;
  keystrokes: number;
  mode: 'production build' | 'dev server';
  /** keydown to the next animation frame (the frame that shows the character) */
  medianMs: number;
  p95Ms: number;
  /** keydown to after that frame was painted */
  paintedMedianMs: number;
  paintedP95Ms: number;
  /** longest keystroke (painted) */
  maxMs: number;
  /** The machine's 1-minute load average per CPU when typing ended: above 1, other processes shared the CPU and the figures are inflated. */
  loadPerCpu: number;
}

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
}

/** A copy of a node with every section/provision id suffixed; cross-references into the copy follow it. */
function copyWithIds(node: PMNode, suffix: string, inside: ReadonlySet<string>): PMNode {
  if (node.isText) return node;
  const attrs = { ...node.attrs };
  if (typeof attrs.id === 'string' && attrs.id) attrs.id = `${attrs.id}${suffix}`;
  if (node.type.name === 'xref' && inside.has(attrs.target as string)) attrs.target = `${attrs.target as string}${suffix}`;
  const kids: PMNode[] = [];
  node.forEach((c) => kids.push(copyWithIds(c, suffix, inside)));
  return node.type.create(attrs, kids, node.marks);
}

function idsIn(node: PMNode): Set<string> {
  const out = new Set<string>();
  node.descendants((n) => {
    if (typeof n.attrs.id === 'string' && n.attrs.id) out.add(n.attrs.id);
    return !n.isTextblock;
  });
  if (typeof node.attrs.id === 'string' && node.attrs.id) out.add(node.attrs.id);
  return out;
}

/** The comprehensive city ordinance, its operative sections repeated until it has `count` sections. */
export function keystrokeOrdinance(library: Library, count: number): { doc: PMNode; profile: Profile } {
  const template = library.templateById.get('city-ordinance') ?? library.templates.find((t) => t.kind === 'city');
  if (!template) throw new Error('bench: the library has no city template');
  const profile = library.profiles.find((p) => p.kind === 'city');
  if (!profile) throw new Error('bench: the library has no sample city profile');
  const presetId = template.presets.some((p) => p.id === 'comprehensive') ? 'comprehensive' : template.defaultPreset;
  const { doc } = compose({ template, presetId, profile, library });
  const before: PMNode[] = [];
  const sections: PMNode[] = [];
  const after: PMNode[] = [];
  doc.forEach((n) => (n.type.name === 'section' ? sections : sections.length ? after : before).push(n));
  const operative = sections.filter((s) => s.attrs.role !== 'definitions');
  const out = [...sections];
  for (let i = 0; out.length < count; i++) {
    const src = operative[i % operative.length]!;
    out.push(copyWithIds(src, `-copy${Math.floor(i / operative.length) + 1}`, idsIn(src)));
  }
  const big = schema.nodes.doc!.create(null, [...before, ...out.slice(0, count), ...after]);
  big.check();
  return { doc: big, profile };
}

interface Served {
  url: string;
  close(): Promise<void>;
}

async function serve(dev: boolean): Promise<Served> {
  const configFile = join(repo, 'vite.renderer.config.ts');
  // the test hook (window.__ordwright) exists in dev and test builds only
  const hooks: InlineConfig = { define: { 'import.meta.env.VITE_ORDWRIGHT_TEST_HOOKS': JSON.stringify('1') } };
  if (dev) {
    const server = await createServer({ configFile, logLevel: 'warn', server: { host: '127.0.0.1', port: 0, strictPort: false } });
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('bench: the Vite dev server has no local address');
    return { url, close: () => server.close() };
  }
  const work = await mkdtemp(join(tmpdir(), 'ordwright-keystroke-'));
  const outDir = join(work, 'renderer');
  await build({ ...hooks, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ configFile, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('bench: the Vite preview server has no local address');
  return {
    url,
    async close() {
      await new Promise<void>((res) => server.httpServer.close(() => res()));
      await rm(work, { recursive: true, force: true });
    },
  };
}

interface Sample {
  frame: number;
  painted: number;
}

export async function benchKeystroke(opts: KeystrokeBenchOptions = {}): Promise<KeystrokeBenchResult> {
  const count = opts.sections ?? 300;
  const chars = opts.chars ?? 50;
  const delay = opts.delayMs ?? 120;
  const log = opts.log ?? (() => undefined);
  if (!chromiumAvailable()) throw new Error(`bench: Chromium was not found at ${chromiumExecutable()} (apt-get install chromium, or set ORDWRIGHT_CHROMIUM)`);
  const library = opts.library ?? loadLibrary();
  const { doc, profile } = keystrokeOrdinance(library, count);
  log(`keystroke: ${count} sections composed; ${opts.dev ? 'starting the Vite dev server' : 'building the renderer'}…`);
  const served = await serve(opts.dev ?? false);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const origin = new URL(served.url).origin;
    // the app makes no request elsewhere; if it tried, it would be refused here too
    await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.waitForFunction(() => typeof (window as unknown as { __ordwright?: unknown }).__ordwright === 'object', null, { timeout: 30_000 });
    const loaded = await page.evaluate(
      ([json, prof]) => (window as unknown as { __ordwright: { loadDocJSON(j: unknown, p: unknown): number } }).__ordwright.loadDocJSON(json, prof),
      [doc.toJSON(), { id: profile.id, name: profile.name, kind: profile.kind, values: profile.values }] as const,
    );
    await page.getByTestId('editor').waitFor();
    // a provision in the middle of the ordinance
    const target = page.locator('.ow-section').nth(Math.floor(loaded / 2)).locator('.ow-provision > p').first();
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await page.waitForTimeout(300);
    await page.keyboard.press('End');
    // let the first coverage check finish before typing, as it would have on opening
    await page.waitForTimeout(1500);
    await page.evaluate(() => {
      const w = window as unknown as { __keystrokes: { frame: number; painted: number }[] };
      w.__keystrokes = [];
      const channel = new MessageChannel();
      const pending: ((t: number) => void)[] = [];
      channel.port1.onmessage = () => pending.shift()?.(performance.now());
      document.addEventListener(
        'keydown',
        () => {
          const t0 = performance.now();
          requestAnimationFrame(() => {
            const t1 = performance.now();
            pending.push((t2) => w.__keystrokes.push({ frame: t1 - t0, painted: t2 - t0 }));
            channel.port2.postMessage(null);
          });
        },
        true,
      );
    });
    const text = 'shall not disclose any record to a federal agency '.slice(0, chars).padEnd(chars, 'x');
    log(`keystroke: typing ${chars} characters with ${delay} ms between them…`);
    await page.keyboard.type(text, { delay });
    await page.waitForTimeout(300);
    const samples = await page.evaluate(() => (window as unknown as { __keystrokes: Sample[] }).__keystrokes);
    const typed = await target.textContent();
    if (!typed?.includes(text.trim())) throw new Error('bench: the typed text did not reach the editor');
    if (errors.length) throw new Error(`bench: the page reported errors: ${errors.join('; ')}`);
    const frames = samples.map((x) => x.frame);
    const painted = samples.map((x) => x.painted);
    return {
      sections: loaded,
      keystrokes: samples.length,
      mode: opts.dev ? 'dev server' : 'production build',
      medianMs: quantile(frames, 0.5),
      p95Ms: quantile(frames, 0.95),
      paintedMedianMs: quantile(painted, 0.5),
      paintedP95Ms: quantile(painted, 0.95),
      maxMs: Math.max(...painted),
      loadPerCpu: loadavg()[0]! / Math.max(1, cpus().length),
    };
  } finally {
    await browser?.close();
    await served.close();
  }
}

export function formatKeystrokeBench(r: KeystrokeBenchResult): string {
  const f = (x: number) => x.toFixed(1);
  return (
    `keystroke to frame, ${r.sections} sections, ${r.keystrokes} keystrokes (${r.mode}, Chromium): ` +
    `median ${f(r.medianMs)} ms, p95 ${f(r.p95Ms)} ms to the next frame; painted: median ${f(r.paintedMedianMs)} ms, p95 ${f(r.paintedP95Ms)} ms, max ${f(r.maxMs)} ms (budget 16 ms; load ${r.loadPerCpu.toFixed(1)} per CPU${r.loadPerCpu > 1 ? ', figures inflated by other processes' : ''})`
  );
}

// `npx tsx bench/keystroke.bench.ts [--dev] [--sections N]` prints the figures
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const n = args.indexOf('--sections');
  const sections = n >= 0 ? Number(args[n + 1]) : 300;
  benchKeystroke({ sections, dev: args.includes('--dev'), log: (l) => console.log(l) })
    .then((r) => console.log(formatKeystrokeBench(r)))
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    });
}
