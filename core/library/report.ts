import type { Library } from './library';
import { applicableRoutes } from '../schema';
import { allElementRefs, coverageCounts, coverageOfPreset, coverageOfSelection, resolvePreset } from './coverage-of-preset';

/**
 * A summary of the loaded library: what it holds, and how much of the checklist each
 * template covers under each of its presets (declared coverage, from the clause
 * variants' `satisfies`). Pure: no file system, so the CLI, the app and tests share it.
 */

export interface CoverageRow {
  full: number;
  partial: number;
  none: number;
  total: number;
}

export interface PresetReport extends CoverageRow {
  id: string;
  label: string;
  /** Number of clauses the preset selects. */
  clauses: number;
  isDefault: boolean;
}

export interface TemplateReport {
  id: string;
  title: string;
  kind: string;
  slots: number;
  presets: PresetReport[];
}

export interface LibraryReport {
  name: string;
  version: string;
  routes: number;
  elements: number;
  clauses: {
    total: number;
    byKind: Record<string, number>;
    byTopic: Record<string, number>;
  };
  variants: {
    total: number;
    byStrength: Record<string, number>;
  };
  definedTerms: number;
  profiles: number;
  /** The whole library: elements some variant satisfies fully / only partially / not at all. */
  library: CoverageRow;
  templates: TemplateReport[];
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    out[k] = (out[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export function libraryReport(library: Library): LibraryReport {
  const refs = allElementRefs(library.routes);
  const everyVariant = library.clauses.flatMap((c) => c.variants.map((v) => ({ clause: c.id, variant: v.id })));
  // every variant of every clause, as if one document held them all
  const libCoverage = coverageCounts(coverageOfSelection(library, everyVariant), refs);
  const templates: TemplateReport[] = library.templates.map((t) => ({
    id: t.id,
    title: t.title,
    kind: t.kind,
    slots: t.slots.length,
    presets: t.presets.map((p) => ({
      id: p.id,
      label: p.label,
      clauses: resolvePreset(t, p.id).length,
      isDefault: p.id === t.defaultPreset,
      // measured against the checklist as it applies to the template's kind of jurisdiction
      ...coverageCounts(coverageOfPreset(library, t, p.id), allElementRefs(applicableRoutes(library.routes, t.kind))),
    })),
  }));
  return {
    name: library.info.name,
    version: library.info.version,
    routes: library.routes.length,
    elements: refs.length,
    clauses: {
      total: library.clauses.length,
      byKind: countBy(library.clauses, (c) => c.kind),
      byTopic: countBy(library.clauses, (c) => c.topic),
    },
    variants: {
      total: everyVariant.length,
      byStrength: countBy(
        library.clauses.flatMap((c) => c.variants),
        (v) => v.strength,
      ),
    },
    definedTerms: library.definitionByTerm.size,
    profiles: library.profiles.length,
    library: libCoverage,
    templates,
  };
}

/** Render a table: the first row is the header; columns after the first are right-aligned. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)];
}

function pct(n: number, total: number): string {
  return total === 0 ? '-' : `${Math.round((100 * n) / total)}%`;
}

/** The report as a plain text page. */
export function formatReport(r: LibraryReport): string {
  const out: string[] = [];
  out.push(`${r.name} ${r.version}`, '');
  out.push(
    ...table([
      ['Library', 'Count'],
      ['Routes', String(r.routes)],
      ['Route elements', String(r.elements)],
      ['Clauses', String(r.clauses.total)],
      ['Variants', String(r.variants.total)],
      ['Defined terms', String(r.definedTerms)],
      ['Templates', String(r.templates.length)],
      ['Profiles', String(r.profiles)],
    ]),
  );
  out.push('');
  out.push(...table([['Clauses by kind', 'Count'], ...Object.entries(r.clauses.byKind).map(([k, n]) => [k, String(n)])]));
  out.push('');
  out.push(...table([['Clauses by topic', 'Count'], ...Object.entries(r.clauses.byTopic).map(([k, n]) => [k, String(n)])]));
  out.push('');
  out.push(...table([['Variants by strength', 'Count'], ...Object.entries(r.variants.byStrength).map(([k, n]) => [k, String(n)])]));
  out.push('');
  const covRow = (label: string, clauses: string, c: CoverageRow) => [
    label,
    clauses,
    String(c.full),
    String(c.partial),
    String(c.none),
    String(c.total),
    pct(c.full, c.total),
  ];
  out.push('Element coverage (declared by clause variants)');
  out.push(
    ...table([
      ['Template / preset', 'Clauses', 'Full', 'Partial', 'None', 'Total', 'Full %'],
      covRow('whole library (every variant)', String(r.clauses.total), r.library),
      ...r.templates.flatMap((t) =>
        t.presets.map((p) => covRow(`${t.id} (${t.kind}) / ${p.id}${p.isDefault ? ' *' : ''}`, String(p.clauses), p)),
      ),
    ]),
  );
  if (r.templates.length > 0) out.push('* default preset');
  return out.join('\n') + '\n';
}
