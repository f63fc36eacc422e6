import type { Node as PMNode } from 'prosemirror-model';
import { numberDocument } from '../document/numbering';
import { applicableRoutes, type Clause, type Element, type Route, type Variant } from '../schema';
import { compileRules } from './rules';
import { analyzeSection, type SectionAnalysis, type SectionHit } from './section';
import { broadLabel, excerpt } from './text';
import type {
  Address,
  AnalyzeOptions,
  CoverageLibrary,
  CoverageReport,
  EditReport,
  ElementReport,
  ElementStatus,
  ProvisionRef,
  RouteReport,
  RouteStatus,
  Suggestion,
} from './types';
import type { Weakening } from './weakening';

/**
 * analyze(doc, library, options) -> CoverageReport: for every route of the checklist
 * and each of its elements, whether the draft closes it, which provisions address it
 * and why, and which library clauses would close what is left open.
 *
 * Pure: the same document and library give the same report. Incremental: each
 * section's analysis is memoised on the section node (see core/coverage/section.ts),
 * so after an edit only the edited section is read again; what is recomputed here is
 * the cheap assembly (labels, statuses, reasons, suggestions).
 */

interface Placed {
  hit: SectionHit;
  place: Place;
}

/**
 * Labels of a section's provisions by position relative to the section ("(b)(2)"),
 * memoised per section node. Numbering within a section depends on that section alone,
 * so it is worked out by core/document/numbering on a one-section document and reused
 * until the section changes; only the section's number comes from the whole document.
 * (Numbering the whole document on every keystroke costs more than the rest of an
 * incremental analysis.)
 */
const pathCache = new WeakMap<PMNode, Map<number, string>>();

function sectionPaths(section: PMNode): Map<number, string> {
  let paths = pathCache.get(section);
  if (paths) return paths;
  const schema = section.type.schema;
  const lead = [schema.nodes.title!.create(), schema.nodes.caption!.create(), schema.nodes.enacting!.create()];
  const mini = schema.nodes.doc!.create(null, [...lead, section]);
  const start = lead.reduce((n, x) => n + x.nodeSize, 0);
  paths = new Map();
  for (const l of numberDocument(mini).byPos.values()) paths.set(l.pos - start, l.path);
  pathCache.set(section, paths);
  return paths;
}

interface Place {
  section: PMNode;
  pos: number;
  /** 1-based section number */
  no: number;
}

function ref(place: Place, rel: number, nodeId: string): ProvisionRef {
  const path = sectionPaths(place.section).get(rel);
  return { nodeId, pos: place.pos + rel, label: path === undefined ? 'an unnumbered provision' : `Section ${place.no}${path}` };
}

function withLabels(ws: Weakening[] | undefined, place: Place): (Weakening & { label: string })[] {
  return (ws ?? []).map((w) => ({ ...w, label: ref(place, w.rel, w.nodeId).label }));
}

function variantOf(library: CoverageLibrary, clauseId: string, variantId: string): { clause: Clause; variant: Variant } | null {
  const clause = library.clauseById.get(clauseId);
  const variant = clause?.variants.find((v) => v.id === variantId);
  return clause && variant ? { clause, variant } : null;
}

const LEVEL_RANK: Record<Address['level'], number> = { full: 0, weakened: 1, partial: 2 };

function statusOf(addresses: Address[]): ElementStatus {
  if (addresses.some((a) => a.level === 'full')) return 'closed';
  if (addresses.some((a) => a.level === 'weakened')) return 'weakened';
  if (addresses.some((a) => a.level === 'partial')) return 'partial';
  return 'open';
}

function routeStatus(elements: ElementReport[]): RouteStatus {
  if (elements.every((e) => e.status === 'closed')) return 'closed';
  if (elements.every((e) => e.status === 'open')) return 'open';
  return 'partial';
}

function labels(list: Address[]): string {
  const uniq = [...new Set(list.map((a) => a.provision.label))];
  if (uniq.length <= 3) return uniq.length === 2 ? `${uniq[0]} and ${uniq[1]}` : uniq.join(', ');
  return `${uniq.slice(0, 3).join(', ')} and ${uniq.length - 3} more`;
}

function lowerFirst(s: string): string {
  return s ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** The reason, in one plain sentence. */
function reasonFor(status: ElementStatus, addresses: Address[], element: Element): string {
  const full = addresses.filter((a) => a.level === 'full');
  if (status === 'closed') {
    const byProv = full.filter((a) => a.via === 'provenance');
    if (byProv.length > 0) {
      const c = byProv[0]!.clause!;
      return `Closed by ${labels(byProv)} (${c.title}, ${c.variantLabel.toLowerCase()} variant${byProv.length > 1 ? ' and others' : ''}).`;
    }
    return `Closed by the text of ${labels(full)}: "${excerpt(full[0]!.sentence ?? '', 18)}".`;
  }
  if (status === 'weakened') {
    const w = addresses.find((a) => a.level === 'weakened')!;
    const ws = w.weakenings ?? [];
    const what = ws.map((x) => `${x.words} (${x.message})`).join('; ');
    const where = [...new Set(ws.map((x) => x.label))];
    const inherited = ws.length > 0 && !where.some((l) => l.startsWith(w.provision.label));
    if (inherited) return `Weakened: ${w.provision.label} (${w.clause?.title ?? 'a library clause'}) relies on a definition that was edited in ${where.join(', ')}: ${what}.`;
    return `Weakened: ${where.join(', ') || w.provision.label} was edited from the library text of ${w.clause?.title ?? 'its clause'}: ${what}.`;
  }
  if (status === 'partial') {
    const withException = addresses.find((a) => a.level === 'partial' && a.exceptions && a.exceptions.length > 0);
    if (withException) {
      const e = withException.exceptions![0]!;
      return `Partly closed: ${withException.provision.label} addresses it, but "${excerpt(e.text, 14)}" is ${e.label}.`;
    }
    const p = addresses.find((a) => a.level === 'partial')!;
    if (p.clause) return `Partly closed: the ${p.clause.variantLabel.toLowerCase()} variant of ${p.clause.title} in ${p.provision.label} covers it only in part.`;
    return `Partly closed by ${p.provision.label}.`;
  }
  return `Open: nothing in the draft addresses it; it needs ${lowerFirst(element.satisfiedBy).replace(/\.$/, '')}.`;
}

// Library clauses by the elements they declare, memoised per clause list.
const declaredCache = new WeakMap<readonly Clause[], Map<string, { clause: Clause; variant: Variant; level: 'full' | 'partial' }[]>>();

function declaredBy(library: CoverageLibrary): Map<string, { clause: Clause; variant: Variant; level: 'full' | 'partial' }[]> {
  const hit = declaredCache.get(library.clauses);
  if (hit) return hit;
  const out = new Map<string, { clause: Clause; variant: Variant; level: 'full' | 'partial' }[]>();
  for (const clause of library.clauses) {
    for (const variant of clause.variants) {
      for (const [r, level] of Object.entries(variant.satisfies)) (out.get(r) ?? out.set(r, []).get(r)!).push({ clause, variant, level });
    }
  }
  declaredCache.set(library.clauses, out);
  return out;
}

interface DocClauses {
  /** clause id -> variants present (with whether that instance is edited-and-weakened) */
  present: Map<string, Set<string>>;
}

function suggestionsFor(
  elementRef: string,
  library: CoverageLibrary,
  doc: DocClauses,
  notClosed: Set<string>,
  options: AnalyzeOptions,
): Suggestion[] {
  const candidates = declaredBy(library).get(elementRef) ?? [];
  const out: Suggestion[] = [];
  for (const { clause, variant, level } of candidates) {
    if (options.kind && !clause.suits.includes(options.kind)) continue;
    const variants = doc.present.get(clause.id);
    // the same clause and variant, unedited, is already there and did not close it
    if (variants?.has(variant.id) && level === 'partial') continue;
    const conflictsWith = [...doc.present.keys()].filter(
      (id) => clause.conflicts.includes(id) || (library.clauseById.get(id)?.conflicts.includes(clause.id) ?? false),
    );
    out.push({
      clause: clause.id,
      variant: variant.id,
      title: clause.title,
      variantLabel: variant.label,
      strength: variant.strength,
      coverage: level,
      missingRequires: clause.requires.filter((r) => !doc.present.has(r)),
      alsoCloses: Object.entries(variant.satisfies)
        .filter(([r, l]) => r !== elementRef && l === 'full' && notClosed.has(r))
        .map(([r]) => r),
      conflictsWith,
      inDocument: !!variants,
    });
  }
  out.sort(
    (a, b) =>
      a.conflictsWith.length - b.conflictsWith.length ||
      (a.coverage === b.coverage ? 0 : a.coverage === 'full' ? -1 : 1) ||
      a.missingRequires.length - b.missingRequires.length ||
      b.alsoCloses.length - a.alsoCloses.length ||
      a.clause.localeCompare(b.clause) ||
      a.variant.localeCompare(b.variant),
  );
  return out.slice(0, options.maxSuggestions ?? 5);
}

export function analyze(doc: PMNode, library: CoverageLibrary, options: AnalyzeOptions = {}): CoverageReport {
  if (doc.type.name !== 'doc') throw new Error(`analyze: expected an ordinance document node, got a "${doc.type.name}" node`);
  // the checklist as it applies to this kind of jurisdiction (a city is not asked to close jail routes)
  const routes: readonly Route[] = applicableRoutes(options.routes ?? library.routes, options.kind);
  const index = compileRules(routes);
  const env = { library, index };
  const sections: SectionAnalysis[] = [];
  const placed: { analysis: SectionAnalysis; place: Place }[] = [];
  doc.forEach((node, pos) => {
    if (node.type.name !== 'section') return;
    const analysis = analyzeSection(node, env);
    sections.push(analysis);
    placed.push({ analysis, place: { section: node, pos, no: placed.length + 1 } });
  });

  // clauses present, edits, and exemptions that reach the whole document
  const present = new Map<string, Set<string>>();
  const edits: EditReport[] = [];
  const outdated: CoverageReport['outdated'] = [];
  const docExemptions: { text: string; kind: string; provision: ProvisionRef }[] = [];
  for (const { analysis, place } of placed) {
    for (const u of analysis.units) {
      (present.get(u.clause) ?? present.set(u.clause, new Set()).get(u.clause)!).add(u.variant);
      if (u.stale) outdated.push({ clause: u.clause, variant: u.variant, provision: ref(place, u.rel, u.nodeId), libraryVersion: u.libraryVersion });
      if (u.edited) {
        edits.push({
          clause: u.clause,
          variant: u.variant,
          provision: ref(place, u.rel, u.nodeId),
          known: u.known,
          weakenings: withLabels(u.weakenings, place),
          libraryVersion: u.libraryVersion,
        });
      }
    }
    for (const e of analysis.exemptions) {
      if (e.scope === 'document' && !e.fromLibrary) docExemptions.push({ text: e.text, kind: e.kind, provision: ref(place, e.rel, e.nodeId) });
    }
  }

  // A narrowed definition narrows every clause that relies on it: the weakenings of an
  // edited definition clause carry over to the clauses that require it.
  const weakenedDefinitions = new Map<string, (Weakening & { label: string })[]>();
  for (const e of edits) {
    if (e.weakenings.length > 0 && library.clauseById.get(e.clause)?.kind === 'definition') weakenedDefinitions.set(e.clause, e.weakenings);
  }

  // every hit, placed and labelled, by element
  const byElement = new Map<string, Placed[]>();
  for (const { analysis, place } of placed) {
    for (const hit of analysis.hits) (byElement.get(hit.element) ?? byElement.set(hit.element, []).get(hit.element)!).push({ hit, place });
  }

  const toAddress = ({ hit, place }: Placed): Address => {
    const found = hit.clause ? variantOf(library, hit.clause.id, hit.clause.variant) : null;
    let level = hit.level;
    let weakenings = hit.weakenings ? withLabels(hit.weakenings, place) : undefined;
    if (found && level !== 'weakened' && weakenedDefinitions.size > 0) {
      const inherited = found.clause.requires.flatMap((r) => weakenedDefinitions.get(r) ?? []);
      if (inherited.length > 0) {
        level = 'weakened';
        weakenings = inherited;
      }
    }
    let exceptions = hit.exceptions?.map((e) => ({ ...e, label: broadLabel(e.kind) }));
    if (level === 'full' && docExemptions.length > 0) {
      level = 'partial';
      exceptions = [...(exceptions ?? []), ...docExemptions.map((e) => ({ text: e.text, kind: e.kind, label: broadLabel(e.kind) }))];
    }
    return {
      via: hit.via,
      level,
      provision: ref(place, hit.rel, hit.nodeId),
      ...(found ? { clause: { id: found.clause.id, variant: found.variant.id, title: found.clause.title, variantLabel: found.variant.label } } : {}),
      ...(hit.sentence ? { sentence: hit.sentence } : {}),
      ...(exceptions && exceptions.length > 0 ? { exceptions } : {}),
      ...(weakenings ? { weakenings } : {}),
    };
  };

  const draft: { route: Route; elements: { element: Element; ref: string; addresses: Address[]; status: ElementStatus }[] }[] = routes.map((route) => ({
    route,
    elements: route.elements.map((element) => {
      const r = `${route.id}.${element.id}`;
      const addresses = (byElement.get(r) ?? []).map(toAddress).sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.provision.pos - b.provision.pos);
      return { element, ref: r, addresses, status: statusOf(addresses) };
    }),
  }));
  const notClosed = new Set(draft.flatMap((d) => d.elements.filter((e) => e.status !== 'closed').map((e) => e.ref)));
  const docClauses: DocClauses = { present };

  const reports: RouteReport[] = draft.map(({ route, elements }) => {
    const els: ElementReport[] = elements.map(({ element, ref: r, addresses, status }) => ({
      ref: r,
      routeId: route.id,
      elementId: element.id,
      statement: element.statement,
      status,
      addressedBy: addresses,
      reason: reasonFor(status, addresses, element),
      suggestions: status === 'closed' ? [] : suggestionsFor(r, library, docClauses, notClosed, options),
    }));
    return { id: route.id, title: route.title, category: route.category, severity: route.severity, status: routeStatus(els), elements: els };
  });

  return { libraryVersion: library.info.version, routes: reports, edits, outdated, exemptions: docExemptions, sections };
}
