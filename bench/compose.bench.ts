import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { EditorState, TextSelection } from 'prosemirror-state';
import { definitionsPlugin, idPlugin } from '../core/document/commands';
import { compose } from '../core/document/compose';
import { numberDocument } from '../core/document/numbering';
import { parseProject, newProject, serializeProject } from '../core/document/project';
import type { Library } from '../core/library/library';
import { loadLibrary } from '../core/node/library';
import type { Clause, Profile, Template } from '../core/schema';

/**
 * Composition benchmark: a synthetic city ordinance of N sections, built from every
 * section clause of the library that suits a city (repeated until N is reached; the
 * repeats get suffixed ids like "severability-2"), with findings, enacting clause,
 * definitions and adoption block. Reports the median of several runs; also the time to
 * number the result and to save and load it as a project file.
 */

export interface ComposeBenchResult {
  sections: number;
  runs: number;
  /** compose() alone */
  medianMs: number;
  /** numberDocument() of the result */
  numberMs: number;
  /** serializeProject + parseProject of the result */
  saveLoadMs: number;
  /** One typed character in the middle of the result, through the id and definitions plugins (median of 200) */
  keystrokeMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A city template with `sections` operative sections, using clauses that do not conflict with one another. */
export function syntheticTemplate(library: Library, sections: number): Template {
  const suits = (c: Clause) => c.suits.includes('city');
  const pick: Clause[] = [];
  for (const c of library.clauses) {
    if (c.kind !== 'section' || !suits(c)) continue;
    if (pick.some((p) => p.conflicts.includes(c.id) || c.conflicts.includes(p.id))) continue;
    pick.push(c);
  }
  if (pick.length === 0) throw new Error('the library has no section clauses for a city');
  const of = (kind: Clause['kind']) => library.clauses.filter((c) => c.kind === kind && suits(c));
  const slot = (c: Clause) => ({ clause: c.id, variant: c.variants[c.variants.length - 1]!.id });
  const slots = [
    ...of('finding').map(slot),
    ...of('enacting').slice(0, 1).map(slot),
    ...of('definitions').slice(0, 1).map(slot),
    ...Array.from({ length: sections - (of('definitions').length > 0 ? 1 : 0) }, (_, i) => slot(pick[i % pick.length]!)),
    ...of('adoption').slice(0, 1).map(slot),
  ];
  return {
    id: 'bench-city',
    title: 'Benchmark city ordinance',
    kind: 'city',
    heading: 'ORDINANCE NO. {ordinance_number}',
    caption: 'AN ORDINANCE of the {jurisdiction_full_name} relating to personal information.',
    slots,
    presets: [
      { id: 'as-is', label: 'As is', description: 'The slots as listed.', choices: {}, add: [] },
      { id: 'same', label: 'Same', description: 'The slots as listed.', choices: {}, add: [] },
    ],
    defaultPreset: 'as-is',
  };
}

function cityProfile(library: Library): Profile {
  return (
    library.profiles.find((p) => p.kind === 'city') ?? {
      id: 'bench',
      name: 'Bench City',
      kind: 'city',
      values: { jurisdiction_full_name: 'City of Bench', governing_body: 'City Council' },
    }
  );
}

/** Typing into the composed document with the plugins an editor runs (ids, definitions). */
function keystroke(template: Template, profile: Profile, library: Library): number {
  const { doc } = compose({ template, profile, library });
  let state = EditorState.create({ doc, plugins: [idPlugin(), definitionsPlugin(library)] });
  let pos = 0;
  doc.descendants((n, p) => {
    if (!pos && n.type.name === 'paragraph' && p > doc.content.size / 2) pos = p + 1;
    return !pos;
  });
  state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    state = state.apply(state.tr.insertText('x'));
    times.push(performance.now() - t0);
  }
  return median(times);
}

export function benchCompose(sizes: number[] = [300], runs = 9, library: Library = loadLibrary()): ComposeBenchResult[] {
  const profile = cityProfile(library);
  return sizes.map((size) => {
    const template = syntheticTemplate(library, size);
    // warm up the JIT and the caches that live across documents (library term lists)
    compose({ template, profile, library });
    const times: number[] = [];
    const numberTimes: number[] = [];
    const ioTimes: number[] = [];
    let sections = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const { doc } = compose({ template, profile, library });
      const t1 = performance.now();
      const n = numberDocument(doc);
      const t2 = performance.now();
      const text = serializeProject(newProject({ doc, profile, template: null, preset: null, libraryVersion: library.info.version, now: '2026-01-01T00:00:00.000Z' }));
      const r = parseProject(text);
      const t3 = performance.now();
      if (!r.ok) throw r.error;
      sections = n.sections.length;
      times.push(t1 - t0);
      numberTimes.push(t2 - t1);
      ioTimes.push(t3 - t2);
    }
    return { sections, runs, medianMs: median(times), numberMs: median(numberTimes), saveLoadMs: median(ioTimes), keystrokeMs: keystroke(template, profile, library) };
  });
}

export function formatComposeBench(results: ComposeBenchResult[]): string {
  return results
    .map(
      (r) =>
        `compose ${r.sections} sections: ${r.medianMs.toFixed(1)} ms median of ${r.runs}; number ${r.numberMs.toFixed(2)} ms; save+load project ${r.saveLoadMs.toFixed(1)} ms; keystroke with id+definitions plugins ${r.keystrokeMs.toFixed(2)} ms`,
    )
    .join('\n');
}

// `npx tsx bench/compose.bench.ts` prints the figures
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatComposeBench(benchCompose([30, 300])));
}
