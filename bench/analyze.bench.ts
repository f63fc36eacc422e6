import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { analyze } from '../core/coverage/analyze';
import { lint } from '../core/coverage/lint';
import { clearSentenceCache, compileRules } from '../core/coverage/rules';
import { buildSection, inlineNodes, planIds } from '../core/document/build';
import { schema } from '../core/document/schema';
import type { Library } from '../core/library/library';
import { loadLibrary } from '../core/node/library';

/**
 * Coverage benchmark: an ordinance of N sections made by duplicating the library's
 * section clauses (every variant in turn, each copy with fresh ids, as the composer
 * gives repeated clauses), analysed
 * - first: the first analysis after the library is loaded (copies of the routes are a
 *   new cache key, so the rules are compiled and every clause's library text is read
 *   again, inside the timing);
 * - cold: new nodes and an empty sentence cache, as when a file is opened (the library's
 *   own text has been read once per session, like the compiled rules);
 * - cold, imported: the same text with no provenance anywhere, as an imported .docx
 *   gives it, with an empty sentence cache: every sentence of every section is read;
 * - cold nodes, warm sentences: new nodes but sentences already read in this session
 *   (the library's sentences recur across documents, so a second document opened in
 *   the same session costs this);
 * - incremental: after a one-word edit in one section, every other section node shared
 *   with the previous document, as when typing.
 * Medians of `runs` runs. The analysis includes assembling the report (labels, reasons,
 * suggestions) for the whole checklist.
 */

export interface AnalyzeBenchResult {
  sections: number;
  routes: number;
  runs: number;
  /** CPU time of the process (user + system) for the same runs, medians: less sensitive than wall time to other processes on a busy machine. */
  cpu: { firstMs: number; coldMs: number; incrementalMs: number };
  /** The first analysis after the library is loaded: rules compiled, each clause's library text read, nothing cached. */
  firstMs: number;
  coldMs: number;
  /** Cold, every section without provenance (an imported ordinance): every sentence is read. */
  coldImportedMs: number;
  coldNodesWarmSentencesMs: number;
  incrementalMs: number;
  lintIncrementalMs: number;
}

/** Wall and CPU milliseconds of one call. */
function measure(fn: () => unknown): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A document of `count` sections duplicated from the library's section clauses, with fresh ids. */
export function duplicatedOrdinance(library: Library, count: number): PMNode {
  const pool = library.clauses.filter((c) => c.kind === 'section').flatMap((clause) => clause.variants.map((variant) => ({ clause, variant })));
  if (pool.length === 0) throw new Error('bench: the library has no section clauses');
  const taken = new Set<string>();
  const sections: PMNode[] = [];
  for (let i = 0; i < count; i++) {
    const { clause, variant } = pool[i % pool.length]!;
    sections.push(buildSection({ clause, variant, plan: planIds(clause, variant, clause.id, taken), libraryVersion: library.info.version, external: () => null }));
  }
  return schema.nodes.doc!.create(null, [
    schema.nodes.title!.create(null, inlineNodes('ORDINANCE NO. {ordinance_number}')),
    schema.nodes.caption!.create(null, inlineNodes('AN ORDINANCE relating to the data of the {jurisdiction_full_name}.')),
    schema.nodes.enacting!.create(null, inlineNodes('The {governing_body} of the {jurisdiction_full_name} does ordain as follows:')),
    ...sections,
  ]);
}

/** The document as an import gives it: the same text, no provenance on any node. */
export function withoutProvenance(doc: PMNode): PMNode {
  const strip = (n: PMNode): PMNode => {
    if (n.isTextblock || n.isLeaf) return n;
    const kids: PMNode[] = [];
    n.forEach((c) => kids.push(strip(c)));
    const attrs = 'prov' in n.attrs ? { ...n.attrs, prov: null } : n.attrs;
    return n.type.create(attrs, kids, n.marks);
  };
  return strip(doc);
}

/** The same document rebuilt from JSON: equal content, no node shared, so no memo applies. */
function freshCopy(doc: PMNode): PMNode {
  return schema.nodeFromJSON(doc.toJSON());
}

/** Add a word to the end of the first paragraph of the n-th section; all other sections stay the same objects. */
export function editSection(doc: PMNode, n: number, word: string): PMNode {
  let at = -1;
  let seen = 0;
  doc.forEach((node, pos) => {
    if (node.type.name !== 'section' || at >= 0 || seen++ !== n) return;
    node.descendants((c, p) => {
      if (at < 0 && c.type.name === 'paragraph') at = pos + 1 + p + 1 + c.content.size;
      return at < 0;
    });
  });
  if (at < 0) throw new Error(`bench: section ${n} has no paragraph`);
  return new Transform(doc).insert(at, schema.text(` ${word}`)).doc;
}

export function benchAnalyze(options: { sections?: number; runs?: number; library?: Library } = {}): AnalyzeBenchResult {
  const library = options.library ?? loadLibrary();
  const count = options.sections ?? 300;
  const runs = options.runs ?? 11;
  const index = compileRules(library.routes);
  const doc = duplicatedOrdinance(library, count);
  // warm the JIT and the per-library caches (compiled rules, library text of each variant)
  analyze(freshCopy(doc), library);
  analyze(freshCopy(doc), library);

  const first: number[] = [];
  const cold: number[] = [];
  const coldNodes: number[] = [];
  const coldImported: number[] = [];
  const imported = withoutProvenance(doc);
  const cpuFirst: number[] = [];
  const cpuCold: number[] = [];
  for (let i = 0; i < runs; i++) {
    const f = freshCopy(doc);
    // new route objects: a new cache key for everything that depends on the checklist
    const routes = library.routes.map((r) => ({ ...r }));
    const m0 = measure(() => analyze(f, library, { routes }));
    first.push(m0.wall);
    cpuFirst.push(m0.cpu);
    const a = freshCopy(doc);
    clearSentenceCache(index);
    const m1 = measure(() => analyze(a, library));
    cold.push(m1.wall);
    cpuCold.push(m1.cpu);
    const b = freshCopy(doc);
    coldNodes.push(measure(() => analyze(b, library)).wall);
    const c = freshCopy(imported);
    clearSentenceCache(index);
    coldImported.push(measure(() => analyze(c, library)).wall);
  }

  const inc: number[] = [];
  const cpuInc: number[] = [];
  const lintInc: number[] = [];
  let current = freshCopy(doc);
  analyze(current, library);
  lint(current, library);
  for (let i = 0; i < runs; i++) {
    current = editSection(current, Math.floor(count / 2) + (i % 3), `word${i}`);
    const d = current;
    const m = measure(() => analyze(d, library));
    inc.push(m.wall);
    cpuInc.push(m.cpu);
    lintInc.push(measure(() => lint(d, library)).wall);
  }
  return {
    sections: count,
    routes: library.routes.length,
    runs,
    cpu: { firstMs: median(cpuFirst), coldMs: median(cpuCold), incrementalMs: median(cpuInc) },
    firstMs: median(first),
    coldMs: median(cold),
    coldImportedMs: median(coldImported),
    coldNodesWarmSentencesMs: median(coldNodes),
    incrementalMs: median(inc),
    lintIncrementalMs: median(lintInc),
  };
}

export function formatAnalyzeBench(r: AnalyzeBenchResult): string {
  return [
    `analyze ${r.sections} sections against ${r.routes} routes (median of ${r.runs}; wall time, CPU time in brackets):`,
    `  first analysis after loading the library ${r.firstMs.toFixed(1)} ms (${r.cpu.firstMs.toFixed(1)})`,
    `  cold (new nodes, empty sentence cache)  ${r.coldMs.toFixed(1)} ms (${r.cpu.coldMs.toFixed(1)})   budget 50 ms`,
    `  cold, no provenance (an imported text)  ${r.coldImportedMs.toFixed(1)} ms`,
    `  cold nodes, sentences already read      ${r.coldNodesWarmSentencesMs.toFixed(1)} ms`,
    `  after a one-section edit                ${r.incrementalMs.toFixed(2)} ms (${r.cpu.incrementalMs.toFixed(2)})   budget 10 ms`,
    `  lint after a one-section edit           ${r.lintIncrementalMs.toFixed(2)} ms`,
  ].join('\n');
}

// `npx tsx bench/analyze.bench.ts [sections]` prints the figures
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatAnalyzeBench(benchAnalyze({ sections: Number(process.argv[2] ?? 300) })));
}
