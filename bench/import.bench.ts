import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Node as PMNode } from 'prosemirror-model';
import { compose } from '../core/document/compose';
import { documentLines } from '../core/document/text';
import { exportDocx } from '../core/export/docx';
import { importDocx } from '../core/import/docx';
import type { Library } from '../core/library/library';
import { loadLibrary } from '../core/node/library';

/**
 * Import of a 100-page ordinance from Word (issue 9: budget under one second). The
 * ordinance is the city template's comprehensive preset, its sections repeated (with
 * fresh ids) until it runs to about 45,000 words, some 100 pages; exported to .docx
 * with core/export/docx.ts, then imported with core/import/docx.ts (unzip, mammoth,
 * structure recovery) several times. Prints figures; never fails on a time.
 */

export const TARGET_WORDS = 45_000;

function wordsOf(doc: PMNode, values: Record<string, string>): number {
  return documentLines(doc, { values }).join(' ').match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
}

/** A copy of a section with every id made unique by a suffix (repeats must not share ids). */
function renamed(node: PMNode, suffix: string): PMNode {
  if (node.isText || node.isLeaf) return node;
  const kids: PMNode[] = [];
  node.forEach((c) => kids.push(renamed(c, suffix)));
  const attrs = typeof node.attrs.id === 'string' && node.attrs.id ? { ...node.attrs, id: `${node.attrs.id as string}~${suffix}` } : node.attrs;
  return node.type.create(attrs, kids, node.marks);
}

/** The comprehensive city ordinance, its operative sections repeated until it has about `words` words. */
export function hundredPageOrdinance(library: Library, words = TARGET_WORDS): { doc: PMNode; values: Record<string, string>; words: number; sections: number } {
  const profile = library.profiles.find((p) => p.kind === 'city') ?? { id: 'bench', name: 'Bench City', kind: 'city' as const, values: {} };
  const { doc } = compose({ template: 'city-ordinance', presetId: 'comprehensive', profile, library });
  const values = profile.values as Record<string, string>;
  const before: PMNode[] = [];
  const sections: PMNode[] = [];
  const after: PMNode[] = [];
  doc.forEach((n) => (n.type.name === 'section' ? sections : sections.length ? after : before).push(n));
  const operative = sections.filter((s) => s.attrs.role !== 'definitions');
  const frame = wordsOf(doc.type.create(doc.attrs, [...before, ...after]), values);
  // each repeated section adds its own words (its number aside)
  const sizes = operative.map((s) => wordsOf(doc.type.create(doc.attrs, [...before, s, ...after]), values) - frame);
  const extra: PMNode[] = [];
  let total = wordsOf(doc, values);
  for (let i = 0; total < words; i++) {
    const k = i % operative.length;
    extra.push(renamed(operative[k]!, String(Math.floor(i / operative.length) + 1)));
    total += sizes[k]!;
  }
  const big = doc.type.create(doc.attrs, [...before, ...sections, ...extra, ...after]);
  return { doc: big, values, words: wordsOf(big, values), sections: sections.length + extra.length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface ImportBenchDetail {
  medianMs: number;
  runs: number;
  words: number;
  sections: number;
  docxKB: number;
  /** Sections and provisions the import recovered (a check that it read the whole file). */
  imported: { sections: number; provisions: number };
}

export async function benchImport100PagesDetail(runs = 7, library: Library = loadLibrary()): Promise<ImportBenchDetail> {
  const { doc, values, words, sections } = hundredPageOrdinance(library);
  const bytes = await exportDocx({ doc, values, library, options: { mode: 'clean', draft: false, date: '2026-01-01' } });
  // warm-up: the JIT and mammoth's first load
  const first = await importDocx(bytes);
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await importDocx(bytes);
    xs.push(performance.now() - t0);
  }
  return { medianMs: median(xs), runs, words, sections, docxKB: bytes.length / 1024, imported: { sections: first.stats.sections, provisions: first.stats.provisions } };
}

/** Median milliseconds to import a ~100-page ordinance (.docx, about 45,000 words). Budget: under 1,000 ms. */
export async function benchImport100Pages(runs = 7, library?: Library): Promise<number> {
  return (await benchImport100PagesDetail(runs, library)).medianMs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  benchImport100PagesDetail()
    .then((d) => {
      console.log(
        `import a 100-page .docx: ${d.words.toLocaleString('en-US')} words, ${d.sections} sections, ${d.docxKB.toFixed(0)} KB; ` +
          `median ${d.medianMs.toFixed(0)} ms of ${d.runs} runs (budget under 1000 ms); recovered ${d.imported.sections} sections, ${d.imported.provisions} provisions`,
      );
    })
    .catch((e: unknown) => {
      console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    });
}
