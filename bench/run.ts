/**
 * `npm run bench`: every speed budget of the project, measured in one run.
 *
 * For ordinances of 30, 300 and 3,000 sections (synthetic city ordinances composed from
 * the real clause library, see bench/compose.bench.ts) it times compose, analyze (first,
 * cold, and incremental after one section changed, from bench/analyze.bench.ts), lint,
 * Word export, pandoc converting the
 * same text to .docx (the export budget is "faster than pandoc"), import of the exported
 * .docx, and saving and loading the project file. It prints the median of each and how
 * it grows with size (x10 sections should cost about x10 time; more means worse than
 * linear). It prints figures; it never fails on a time.
 *
 *   npm run bench                     all sizes
 *   npm run bench -- --sizes 30,300   some sizes
 *   npm run bench -- --library DIR    another clause library
 *   npm run bench -- --no-browser     skip the keystroke-to-frame measure in Chromium
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { compose } from '../core/document/compose';
import { newProject } from '../core/document/project';
import { documentLines } from '../core/document/text';
import { exportDocx } from '../core/export/docx';
import type { Library } from '../core/library/library';
import { loadLibrary } from '../core/node/library';
import { readProjectFile, writeProjectFile } from '../core/node/project-files';
import type { Profile } from '../core/schema';
import { importDocx } from '../core/import/docx';
import { benchAnalyze } from './analyze.bench';
import { benchCompose, syntheticTemplate } from './compose.bench';

export interface Timing {
  /** Median in milliseconds; null when the step was skipped. */
  ms: number | null;
  runs: number;
  note?: string;
}

export type Row =
  | 'compose'
  | 'analyze first (library just loaded)'
  | 'analyze cold'
  | 'analyze cold nodes, warm sentences'
  | 'analyze 1 section changed'
  | 'lint 1 section changed'
  | 'export .docx'
  | 'pandoc .md -> .docx'
  | 'import .docx'
  | 'project save'
  | 'project load'
  | 'keystroke (editor state)';

export interface SizeResult {
  /** Sections asked for, and sections in the composed ordinance. */
  size: number;
  sections: number;
  docxKB: number;
  projectKB: number;
  timings: Partial<Record<Row, Timing>>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(runs: number, fn: (i: number) => unknown | Promise<unknown>, setup?: (i: number) => void): Promise<Timing> {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    setup?.(i);
    const t0 = performance.now();
    await fn(i);
    xs.push(performance.now() - t0);
  }
  return { ms: median(xs), runs };
}

/** Fewer repetitions for bigger documents, so a full run stays within a few minutes on two cores. */
export function repetitions(size: number): number {
  return size <= 30 ? 15 : size <= 300 ? 7 : 3;
}

/** The slowest steps (pandoc, import) run fewer times still: at 3,000 sections one run takes 10 to 20 s. */
export function heavyRepetitions(size: number): number {
  return size <= 30 ? 7 : size <= 300 ? 3 : 1;
}

function hasPandoc(): string | null {
  const r = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? (r.stdout.split('\n')[0] ?? 'pandoc') : null;
}

function cityProfile(library: Library): Profile {
  return library.profiles.find((p) => p.kind === 'city') ?? { id: 'bench', name: 'Bench City', kind: 'city', values: {} };
}

export async function benchSize(library: Library, size: number, dir: string, pandoc: boolean, log: (s: string) => void): Promise<SizeResult> {
  const runs = repetitions(size);
  const heavy = heavyRepetitions(size);
  const profile = cityProfile(library);
  const values = profile.values;
  const template = syntheticTemplate(library, size);
  const t: SizeResult['timings'] = {};
  const step = async (row: Row, timing: Promise<Timing> | Timing) => {
    t[row] = await timing;
    log(`  ${size} sections: ${row} ${t[row]!.ms === null ? t[row]!.note : `${t[row]!.ms!.toFixed(1)} ms`}`);
  };

  // warm-up: the JIT, and caches that live across documents (library term lists)
  const { doc } = compose({ template, profile, library });
  let sections = 0;
  doc.forEach((n) => void (n.type.name === 'section' && sections++));

  await step('compose', time(runs, () => compose({ template, profile, library })));

  // analyze and lint: bench/analyze.bench.ts (its own ordinance of `size` sections, every variant of every section clause in turn)
  const a = benchAnalyze({ sections: size, runs, library });
  await step('analyze first (library just loaded)', { ms: a.firstMs, runs });
  await step('analyze cold', { ms: a.coldMs, runs });
  await step('analyze cold nodes, warm sentences', { ms: a.coldNodesWarmSentencesMs, runs });
  await step('analyze 1 section changed', { ms: a.incrementalMs, runs });
  await step('lint 1 section changed', { ms: a.lintIncrementalMs, runs });

  let bytes: Uint8Array = new Uint8Array();
  await step('export .docx', time(runs, async () => void (bytes = await exportDocx({ doc, values, library, options: { date: '2026-01-01' } }))));
  const docxFile = join(dir, `ordinance-${size}.docx`);
  writeFileSync(docxFile, bytes);

  if (pandoc) {
    // the same reading text (numbers, filled placeholders), one paragraph per line
    const md = join(dir, `ordinance-${size}.md`);
    writeFileSync(md, documentLines(doc, profile).map((l) => l.trim().replace(/^([#>*+-])/, '\\$1')).join('\n\n') + '\n');
    const out = join(dir, `pandoc-${size}.docx`);
    await step('pandoc .md -> .docx', time(heavy, () => execFileSync('pandoc', [md, '-f', 'markdown', '-t', 'docx', '-o', out], { stdio: 'ignore' })));
  } else {
    await step('pandoc .md -> .docx', { ms: null, runs: 0, note: 'skipped: pandoc is not installed' });
  }

  await step('import .docx', time(heavy, () => importDocx(bytes)));

  const project = newProject({ doc, profile, template: null, preset: null, libraryVersion: library.info.version, now: '2026-01-01T00:00:00.000Z' });
  const file = join(dir, `ordinance-${size}.ordinance.json`);
  await step('project save', time(runs, () => writeProjectFile(file, project, { backup: false })));
  await step('project load', time(runs, () => readProjectFile(file, { library })));

  // the editor's part of a keystroke (transaction + id and definitions plugins), from compose.bench.ts
  try {
    const [r] = benchCompose([size], 1, library) as (ReturnType<typeof benchCompose>[number] & { keystrokeMs?: number })[];
    if (r && typeof r.keystrokeMs === 'number') await step('keystroke (editor state)', { ms: r.keystrokeMs, runs: 200 });
  } catch (e) {
    await step('keystroke (editor state)', { ms: null, runs: 0, note: `skipped: ${(e as Error).message}` });
  }

  return { size, sections, docxKB: bytes.length / 1024, projectKB: readFileSync(file).length / 1024, timings: t };
}

const ROWS: Row[] = [
  'compose',
  'analyze first (library just loaded)',
  'analyze cold',
  'analyze cold nodes, warm sentences',
  'analyze 1 section changed',
  'lint 1 section changed',
  'export .docx',
  'pandoc .md -> .docx',
  'import .docx',
  'project save',
  'project load',
  'keystroke (editor state)',
];

function fmt(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function ratio(a: number | null | undefined, b: number | null | undefined): string {
  if (a == null || b == null || b === 0) return '-';
  return `x${(a / b).toFixed(1)}`;
}

/** The table: one row per step, one column per size, then the growth between sizes. */
export function formatTable(results: SizeResult[]): string {
  const head = ['median ms', ...results.map((r) => `${r.sections} sect.`)];
  const pairs: [SizeResult, SizeResult][] = [];
  for (let i = 1; i < results.length; i++) pairs.push([results[i - 1]!, results[i]!]);
  head.push(...pairs.map(([a, b]) => `${b.size}/${a.size}`));
  const rows = ROWS.filter((row) => results.some((r) => r.timings[row])).map((row) => [
    row,
    ...results.map((r) => fmt(r.timings[row]?.ms)),
    ...pairs.map(([a, b]) => ratio(b.timings[row]?.ms, a.timings[row]?.ms)),
  ]);
  const exportVsPandoc = [
    'export / pandoc',
    ...results.map((r) => {
      const e = r.timings['export .docx']?.ms;
      const p = r.timings['pandoc .md -> .docx']?.ms;
      return e != null && p != null ? (e / p).toFixed(2) : '-';
    }),
    ...pairs.map(() => ''),
  ];
  const all = [head, ...rows, exportVsPandoc];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), line(exportVsPandoc)].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { sizes: { type: 'string' }, library: { type: 'string' }, 'no-browser': { type: 'boolean' } } });
  const sizes = (values.sizes ?? '30,300,3000').split(',').map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 3)) throw new Error(`--sizes: expected section counts like 30,300,3000, got "${values.sizes}"`);
  const library = values.library ? loadLibrary(resolve(values.library)) : loadLibrary();
  const pandoc = hasPandoc();
  const dir = mkdtempSync(join(tmpdir(), 'ordwright-bench-'));
  const started = performance.now();
  console.log(`Ordwright benchmarks: ${library.info.name} ${library.info.version}, ${library.routes.length} routes, ${library.clauses.length} clauses`);
  console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${pandoc ?? 'no pandoc'}`);
  console.log(`repetitions: ${sizes.map((s) => `${repetitions(s)} at ${s}`).join(', ')} (pandoc and import: ${sizes.map((s) => heavyRepetitions(s)).join(', ')}); the median is printed`);
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) results.push(await benchSize(library, size, dir, pandoc !== null, (s) => console.error(s)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('');
  console.log(formatTable(results));
  console.log('');
  console.log(results.map((r) => `${r.sections} sections: .docx ${r.docxKB.toFixed(0)} KB, project file ${r.projectKB.toFixed(0)} KB`).join('; '));
  console.log('Growth columns: time at the larger size over time at the smaller (x10 sections: x10 is linear).');
  console.log('Budgets (architecture): analyze at 300 sections under 50 ms cold and 10 ms after one change; export faster than pandoc (export / pandoc below 1).');
  console.log(`Import of a 100-page .docx (~45,000 words, bench/import.bench.ts): median ${(await (await import('./import.bench')).benchImport100Pages(7, library)).toFixed(0)} ms (budget under 1000 ms).`);
  if (!values['no-browser']) {
    // keystroke to painted frame in the editor, in Chromium against the production build (bench/keystroke.bench.ts)
    const { benchKeystroke, formatKeystrokeBench } = await import('./keystroke.bench');
    try {
      console.log(formatKeystrokeBench(await benchKeystroke({ sections: 300, library })));
    } catch (e) {
      console.log(`keystroke to frame: skipped (${(e as Error).message})`);
    }
  }
  console.log(`Total ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
