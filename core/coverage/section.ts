import type { Node as PMNode } from 'prosemirror-model';
import { ownHash } from '../document/build';
import type { Provenance } from '../document/schema';
import type { Clause, Variant } from '../schema';
import { disqualify, isOpen, joinSentences, matchSentences, readSentences, sentenceCache, sentenceExceptions, type ReadSentence, type RuleIndex, type RuleMatch, type SentenceCache } from './rules';
import { definitionSpecTree, sameClause, sectionTree, specTree, withoutOwnProvenance, type TextNode } from './tree';
import type { CoverageLibrary } from './types';
import { compareWithLibrary, normalise, type Weakening } from './weakening';

/**
 * The analysis of one section, on its own: which elements its provisions address, by
 * provenance or by text, which library clauses in it were edited and how, and which
 * broad exemptions it contains. Nothing here depends on the rest of the document or on
 * the section's position (positions are relative to the section), so the result can be
 * reused for as long as the section node is the same object.
 *
 * Why memoising on the node works: ProseMirror nodes are immutable, and a transaction
 * builds the new document by replacing only the nodes on the path to the change; every
 * untouched section of the new document is the very same object as in the old one. A
 * WeakMap keyed by the section node therefore hands back the old analysis for every
 * section but the edited one, and forgets analyses once their nodes are garbage. The
 * analysis also depends on the library and the checklist, so the cache is keyed by
 * those objects too (a reloaded library is a new object and starts a new cache).
 */

export interface SectionHit {
  /** "route-id.element-id" */
  element: string;
  via: 'provenance' | 'text';
  level: 'full' | 'partial' | 'weakened';
  nodeId: string;
  /** Position relative to the section's start (0 = the section node). */
  rel: number;
  clause?: { id: string; variant: string };
  sentence?: string;
  exceptions?: { text: string; kind: string }[];
  weakenings?: Weakening[];
}

/** A node in the section that came from the library (the section, or a definition inside it). */
export interface ProvenanceUnit {
  clause: string;
  variant: string;
  libraryVersion: string;
  nodeId: string;
  rel: number;
  /** The library has this clause and variant. */
  known: boolean;
  /** The drafter changed its text: it differs from the library text of its variant and from the text as inserted. */
  edited: boolean;
  /** Unchanged since insertion, but the library's text of the variant has changed since (another library version). */
  stale: boolean;
  weakenings: Weakening[];
}

export interface Exemption {
  text: string;
  kind: string;
  /** "document" when it speaks of the chapter or ordinance, "section" otherwise. */
  scope: 'document' | 'section';
  nodeId: string;
  rel: number;
  /** Part of an unedited library clause: the library's own wording, already weighed in its coverage claims. */
  fromLibrary: boolean;
}

export interface SectionAnalysis {
  id: string;
  heading: string;
  hits: SectionHit[];
  units: ProvenanceUnit[];
  exemptions: Exemption[];
}

export interface SectionEnv {
  library: CoverageLibrary;
  index: RuleIndex;
}

/**
 * Text matches of every provision of a tree. Each provision is read with its ancestors:
 * a lead-in that stops short (": " or ";") continues into the provision's first
 * sentence, and a \`none\` phrase anywhere up the line disqualifies a rule. Every
 * sentence is read once per pass; a match is credited to the provision whose own text
 * completes it. The root's own text (a section heading) is left out unless asked.
 */
export interface TreeReading {
  matches: { node: TextNode; matches: RuleMatch[] }[];
  /** Savings sentences ("This section does not apply to ...") with a broad exception, by provision. */
  exemptions: { node: TextNode; sentence: ReadSentence; kind: string }[];
}

export function treeMatches(root: TextNode, index: RuleIndex, cache: SentenceCache, includeRoot: boolean): TreeReading {
  const out: TreeReading = { matches: [], exemptions: [] };
  // \`skip\`: rules the lead-in already satisfied by itself, credited to the lead-in rather than to each item under it
  const visit = (n: TextNode, carry: ReadSentence | null, none: Set<number> | null, skip: Set<number> | null) => {
    const read = n.text.trim() ? readSentences(index, n.text, cache) : [];
    const own = carry && read.length > 0 ? [joinSentences(index, carry, read[0]!, cache), ...read.slice(1)] : read;
    const disq = disqualify(own, none);
    const matches = matchSentences(index, own, disq).filter((m) => !skip?.has(m.rule));
    if (matches.length > 0) out.matches.push({ node: n, matches });
    for (const s of own) {
      if (s.kind !== 'savings') continue;
      for (const e of sentenceExceptions(s)) if (e.broad) out.exemptions.push({ node: n, sentence: s, kind: e.broad });
    }
    const last = own[own.length - 1];
    const next = own.length === 0 ? carry : last && isOpen(last) ? last : null;
    let nextSkip = own.length === 0 ? skip : null;
    if (next && next === last) {
      for (const m of matches) if (m.sentence === last) (nextSkip ??= new Set()).add(m.rule);
    }
    for (const c of n.children) visit(c, next, disq, nextSkip);
  };
  if (includeRoot) visit(root, null, null, null);
  else for (const c of root.children) visit(c, null, null, null);
  return out;
}

// How the library text of a variant reads: its text matches, by provision path, and from
// them, which provisions its declared elements live in. Memoised per variant object and
// rule index; a library clause in a draft whose text is unchanged reads the same, so its
// matches are taken from here instead of reading its sentences again.
interface LibraryReading {
  reading: TreeReading;
  /** element ref -> paths of the provisions whose text matches it */
  localisation: Map<string, number[][]>;
}
const libReadingCache = new WeakMap<Variant, WeakMap<RuleIndex, LibraryReading>>();

function libraryReading(clause: Clause, variant: Variant, index: RuleIndex): LibraryReading {
  let byIndex = libReadingCache.get(variant);
  if (!byIndex) libReadingCache.set(variant, (byIndex = new WeakMap()));
  const hit = byIndex.get(index);
  if (hit) return hit;
  const asDefinition = clause.kind === 'definition';
  const reading = treeMatches(libraryTree(variant, asDefinition), index, sentenceCache(index), asDefinition);
  const loc = new Map<string, number[][]>();
  for (const { node, matches } of reading.matches) {
    for (const m of matches) (loc.get(m.element) ?? loc.set(m.element, []).get(m.element)!).push(node.path);
  }
  const out = { reading, localisation: loc };
  byIndex.set(index, out);
  return out;
}

function localisation(clause: Clause, variant: Variant, index: RuleIndex): Map<string, number[][]> {
  return libraryReading(clause, variant, index).localisation;
}

/** The draft node at a library path, in a tree known to have the library's shape. */
function atPath(root: TextNode, path: number[]): TextNode | undefined {
  let n: TextNode | undefined = root;
  for (const i of path) n = n?.children[i];
  return n;
}

function onLine(a: number[], b: number[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Does a weakening touch an element? When the element's text rule finds it in the
 * library text of the clause, only a change on that provision's line (itself, its
 * ancestors, its descendants) touches it; when the rules cannot place the element in
 * the clause, or the change concerns the clause as a whole, every change does.
 */
function touches(w: Weakening, paths: number[][] | undefined): boolean {
  if (!paths || paths.length === 0 || w.libPath.length === 0) return true;
  return paths.some((p) => onLine(p, w.libPath));
}

// The library text of a variant as a tree, built once per variant object.
const libTreeCache = new WeakMap<Variant, { asSection?: LibNode; asDefinition?: LibNode }>();

function libraryTree(variant: Variant, asDefinition: boolean): LibNode {
  let entry = libTreeCache.get(variant);
  if (!entry) libTreeCache.set(variant, (entry = {}));
  if (asDefinition) return (entry.asDefinition ??= normaliseTree(definitionSpecTree(variant.provisions)));
  return (entry.asSection ??= normaliseTree(specTree(variant.provisions)));
}

interface LibNode extends TextNode {
  /** The text with spacing and quotation marks normalised. */
  norm: string;
  children: LibNode[];
}

function normaliseTree(t: TextNode): LibNode {
  return { ...t, norm: normalise(t.text), children: t.children.map(normaliseTree) };
}

/**
 * Is the draft's text the library's, provision for provision? (The heading of a section
 * is not compared.) The text read from the node is compared with the library text of
 * the variant, which is what weakening is judged against; only when they differ does the
 * provenance hash decide who changed it (the drafter, or the library since insertion).
 */
function sameText(lib: LibNode, draft: TextNode, compareRoot: boolean): boolean {
  if (compareRoot && lib.text !== draft.text && lib.norm !== normalise(draft.text)) return false;
  if (lib.children.length !== draft.children.length) return false;
  for (let i = 0; i < lib.children.length; i++) if (!sameText(lib.children[i]!, draft.children[i]!, true)) return false;
  return true;
}

function findClause(library: CoverageLibrary, prov: Provenance): { clause: Clause; variant: Variant } | null {
  const clause = library.clauseById.get(prov.clause);
  const variant = clause?.variants.find((v) => v.id === prov.variant);
  return clause && variant ? { clause, variant } : null;
}

const DOCUMENT_SCOPE = /\b(?:chapter|ordinance|article|act|title|code|law)\b/i;

function analyzeSectionUncached(section: PMNode, env: SectionEnv): SectionAnalysis {
  const { library, index } = env;
  const tree = sectionTree(section);
  const cache = sentenceCache(index);

  // 1. library clauses in the section: the section itself, and nested nodes with provenance of their own
  const units: ProvenanceUnit[] = [];
  const unitOf = new Map<TextNode, { unit: ProvenanceUnit; declared: Set<string> }>();
  const hits: SectionHit[] = [];
  const visitUnits = (n: TextNode, enclosing: TextNode | null) => {
    let current = enclosing;
    if (n.prov && (!enclosing || !sameClause(n.prov, enclosing.prov))) {
      current = n;
      const found = findClause(library, n.prov);
      let edited = false;
      let stale = false;
      let weakenings: Weakening[] = [];
      if (found) {
        const draft = withoutOwnProvenance(n);
        const asDefinition = n.rel !== 0 && found.clause.kind === 'definition';
        const lib = libraryTree(found.variant, asDefinition);
        // the section is compared provision for provision (its heading is not); a definition
        // as one provision, reshaped the way buildDefinition does; a section clause inserted
        // as a provision stands for the variant's provisions
        const compared = n.rel === 0 || asDefinition ? draft : { ...draft, text: '', children: [draft] };
        if (!sameText(lib, compared, asDefinition)) {
          // Different from the library text: edited by the drafter, unless the node still
          // hashes as inserted, in which case the library moved on since (another version)
          // and the drafter's text stands as it came.
          const pm = n.rel === 0 ? section : section.nodeAt(n.rel - 1);
          if (pm && ownHash(pm) === n.prov.hash) stale = true;
          else {
            edited = true;
            weakenings = compareWithLibrary(lib, compared, asDefinition).weakenings;
          }
        }
      }
      const unit: ProvenanceUnit = {
        clause: n.prov.clause,
        variant: n.prov.variant,
        libraryVersion: n.prov.libraryVersion,
        nodeId: n.id,
        rel: n.rel,
        known: !!found,
        edited,
        stale,
        weakenings,
      };
      units.push(unit);
      const declared = new Set<string>();
      if (found) {
        const loc = localisation(found.clause, found.variant, index);
        for (const [ref, level] of Object.entries(found.variant.satisfies)) {
          if (!index.elements.has(ref)) continue;
          declared.add(ref);
          const touching = weakenings.filter((w) => touches(w, loc.get(ref)));
          hits.push({
            element: ref,
            via: 'provenance',
            level: touching.length > 0 ? 'weakened' : level,
            nodeId: n.id,
            rel: n.rel,
            clause: { id: found.clause.id, variant: found.variant.id },
            ...(touching.length > 0 ? { weakenings: touching } : {}),
          });
        }
      }
      unitOf.set(n, { unit, declared });
    } else if (current) unitOf.set(n, unitOf.get(current)!);
    for (const c of n.children) visitUnits(c, current);
  };
  visitUnits(tree, null);

  // 2. the text of every provision, read with its ancestors
  // A section that is a library clause, unedited and with no nested clause of its own,
  // reads as the library text does: its matches are the library's, placed on its nodes.
  const root = tree.prov ? unitOf.get(tree) : undefined;
  const pristine = !!root && root.unit.known && !root.unit.edited && !root.unit.stale && units.length === 1 ? findClause(library, tree.prov!) : null;
  let reading: TreeReading;
  if (pristine) {
    const lib = libraryReading(pristine.clause, pristine.variant, index).reading;
    reading = { matches: [], exemptions: [] };
    for (const m of lib.matches) {
      const node = atPath(tree, m.node.path);
      if (node) reading.matches.push({ node, matches: m.matches });
    }
  } else reading = treeMatches(tree, index, cache, false);
  for (const { node, matches } of reading.matches) {
    const owner = unitOf.get(node);
    const best = new Map<string, RuleMatch>();
    for (const m of matches) {
      if (owner?.declared.has(m.element)) continue; // the clause's own claim governs what it declares
      const prev = best.get(m.element);
      if (!prev || (prev.broad.length > 0 && m.broad.length === 0)) best.set(m.element, m);
    }
    for (const m of best.values()) {
      hits.push({
        element: m.element,
        via: 'text',
        level: m.broad.length > 0 ? 'partial' : 'full',
        nodeId: node.id,
        rel: node.rel,
        sentence: m.sentence.text,
        ...(m.broad.length > 0 ? { exceptions: m.broad.map((e) => ({ text: e.text, kind: e.broad! })) } : {}),
      });
    }
  }

  // 3. exemptions standing as their own sentence ("This section does not apply to publicly available information.")
  const exemptions: Exemption[] = [];
  for (const { node: n, sentence, kind } of reading.exemptions) {
    const owner = unitOf.get(n);
    const fromLibrary = !!owner && !owner.unit.edited && owner.unit.known;
    if (exemptions.some((e) => e.text === sentence.text && e.kind === kind)) continue;
    const scope = /\bsection\b/i.test(sentence.text) || !DOCUMENT_SCOPE.test(sentence.text) ? 'section' : 'document';
    exemptions.push({ text: sentence.text, kind, scope, nodeId: n.id, rel: n.rel, fromLibrary });
  }
  // a section-wide exemption lowers the text matches of its own section
  const local = exemptions.filter((e) => e.scope === 'section' && !e.fromLibrary);
  if (local.length > 0) {
    for (const h of hits) {
      if (h.via !== 'text' || h.level !== 'full') continue;
      h.level = 'partial';
      h.exceptions = [...(h.exceptions ?? []), ...local.map((e) => ({ text: e.text, kind: e.kind }))];
    }
  }

  return { id: tree.id, heading: tree.text, hits, units, exemptions };
}

const memo = new WeakMap<CoverageLibrary, WeakMap<RuleIndex, WeakMap<PMNode, SectionAnalysis>>>();

/** The analysis of a section node, memoised per (library, checklist, node). */
export function analyzeSection(section: PMNode, env: SectionEnv): SectionAnalysis {
  let byIndex = memo.get(env.library);
  if (!byIndex) memo.set(env.library, (byIndex = new WeakMap()));
  let byNode = byIndex.get(env.index);
  if (!byNode) byIndex.set(env.index, (byNode = new WeakMap()));
  const hit = byNode.get(section);
  if (hit) return hit;
  const result = analyzeSectionUncached(section, env);
  byNode.set(section, result);
  return result;
}
