import type { Clause, CoverageLevel, Route, Template } from '../schema';

/**
 * Which route elements a template, under one of its presets, satisfies according to the
 * `satisfies` declarations of the clause variants it selects. This is the library's own
 * claim about its clauses (declared coverage), not a reading of the text: the text rules
 * in the routes are applied elsewhere, to drafts.
 */

/** One clause as a template and preset select it. */
export interface SelectedClause {
  clause: string;
  variant: string;
  /** Where the selection came from: a template slot, or a preset's `add` list. */
  from: 'slot' | 'add';
}

/**
 * The clauses a template selects under a preset, in document order: the slots (with the
 * preset's choices applied, "omit" dropping a slot), then the preset's added clauses. A
 * preset choice also applies to a clause the preset adds. Without a preset id, the
 * template's default preset is used; an unknown preset id selects the slots unchanged.
 */
export function resolvePreset(template: Template, presetId: string = template.defaultPreset): SelectedClause[] {
  const preset = template.presets.find((p) => p.id === presetId);
  const choices = preset?.choices ?? {};
  const out: SelectedClause[] = [];
  const seen = new Set<string>();
  const push = (clause: string, defaultVariant: string, from: SelectedClause['from']) => {
    const choice = choices[clause];
    if (choice === 'omit' || seen.has(clause)) return;
    seen.add(clause);
    out.push({ clause, variant: choice ?? defaultVariant, from });
  };
  for (const s of template.slots) push(s.clause, s.variant, 'slot');
  for (const s of preset?.add ?? []) push(s.clause, s.variant, 'add');
  return out;
}

/** A clause variant that declares an element, and at which level. */
export interface CoverageSource {
  clause: string;
  variant: string;
  level: CoverageLevel;
}

export interface PresetCoverage {
  /** Element refs ("route-id.element-id") some selected variant satisfies fully. */
  full: Set<string>;
  /** Element refs satisfied only partially (never also in `full`). */
  partial: Set<string>;
  /** For each covered element, the selected variants that declare it. */
  by: Map<string, CoverageSource[]>;
  /** Selections naming a clause or variant the library does not have. */
  unknown: SelectedClause[];
}

interface ClauseLookup {
  clauseById: Map<string, Clause>;
}

/** Declared coverage of an explicit selection of clause variants. */
export function coverageOfSelection(
  library: ClauseLookup,
  selection: readonly { clause: string; variant: string; from?: SelectedClause['from'] }[],
): PresetCoverage {
  const full = new Set<string>();
  const partial = new Set<string>();
  const by = new Map<string, CoverageSource[]>();
  const unknown: SelectedClause[] = [];
  for (const sel of selection) {
    const variant = library.clauseById.get(sel.clause)?.variants.find((v) => v.id === sel.variant);
    if (!variant) {
      unknown.push({ clause: sel.clause, variant: sel.variant, from: sel.from ?? 'slot' });
      continue;
    }
    for (const [ref, level] of Object.entries(variant.satisfies)) {
      const list = by.get(ref) ?? [];
      list.push({ clause: sel.clause, variant: sel.variant, level });
      by.set(ref, list);
      if (level === 'full') full.add(ref);
    }
  }
  for (const ref of by.keys()) if (!full.has(ref)) partial.add(ref);
  return { full, partial, by, unknown };
}

/** Declared coverage of a template under a preset (default preset when omitted). */
export function coverageOfPreset(library: ClauseLookup, template: Template, presetId?: string): PresetCoverage {
  return coverageOfSelection(library, resolvePreset(template, presetId));
}

/** Every element ref of the given routes, in route then element order. */
export function allElementRefs(routes: readonly Route[]): string[] {
  return routes.flatMap((r) => r.elements.map((e) => `${r.id}.${e.id}`));
}

/** Full / partial / none counts of a coverage against a list of element refs. */
export function coverageCounts(coverage: PresetCoverage, refs: readonly string[]): { full: number; partial: number; none: number; total: number } {
  let full = 0;
  let partial = 0;
  for (const ref of refs) {
    if (coverage.full.has(ref)) full++;
    else if (coverage.partial.has(ref)) partial++;
  }
  return { full, partial, none: refs.length - full - partial, total: refs.length };
}
