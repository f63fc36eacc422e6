import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import type { Library } from '../library/library';
import type { Clause } from '../schema';
import { buildDefinition, buildSection, planIds, type ExternalRefs } from './build';
import { collectIds } from './ids';
import type { Provenance } from './schema';

/**
 * The definitions section follows the text: every term the ordinance uses (a `term`
 * mark), and every term used inside those definitions, transitively, has a definition;
 * definitions are in alphabetical order. A definition whose term is no longer used is
 * reported as unused and left in place: it is the drafter's text, and only an explicit
 * command (removeUnusedDefinitions) deletes it.
 */

/** Alphabetical order of term ids: words compared as words ("fusion center" < "fusion-centers"). */
export function compareTerms(a: string, b: string): number {
  const ka = a.replace(/-/g, ' ');
  const kb = b.replace(/-/g, ' ');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

const termCache = new WeakMap<PMNode, ReadonlySet<string>>();

/**
 * Terms (term mark ids) used in a node and its descendants. Memoised per node: nodes are
 * immutable and shared between editor states, so an edit rescans only what changed.
 */
export function termsIn(node: PMNode): ReadonlySet<string> {
  const hit = termCache.get(node);
  if (hit) return hit;
  const out = new Set<string>();
  if (node.isText) {
    for (const m of node.marks) if (m.type.name === 'term') out.add(m.attrs.term as string);
  } else {
    node.forEach((child) => {
      for (const t of termsIn(child)) out.add(t);
    });
  }
  termCache.set(node, out);
  return out;
}

export function findDefinitionsSection(doc: PMNode): { node: PMNode; pos: number } | null {
  let found: { node: PMNode; pos: number } | null = null;
  doc.forEach((node, pos) => {
    if (!found && node.type.name === 'section' && node.attrs.role === 'definitions') found = { node, pos };
  });
  return found;
}

function definitionClauseOf(node: PMNode, library: Library): Clause | null {
  const prov = node.attrs.prov as Provenance | null;
  if (!prov) return null;
  const c = library.clauseById.get(prov.clause);
  return c && c.kind === 'definition' ? c : null;
}

/**
 * The term a provision of the definitions section defines: its definition clause's term
 * when it came from the library; for one the drafter typed, a term mark at the very
 * start of its text ('"Vendor" means ...'); otherwise null (not a definition).
 */
export function definedTermOf(provision: PMNode, library: Library): string | null {
  const clause = definitionClauseOf(provision, library);
  if (clause?.term) return clause.term;
  const para = provision.firstChild;
  if (!para || para.type.name !== 'paragraph') return null;
  let offset = 0;
  let term: string | null = null;
  para.forEach((child) => {
    if (term !== null || offset > 2) return;
    const mark = child.marks.find((m) => m.type.name === 'term');
    if (mark) term = mark.attrs.term as string;
    else offset += child.isText ? (child.text ?? '').trimEnd().length : 1;
  });
  return term;
}

export interface DefinitionEntry {
  term: string;
  id: string;
  pos: number;
  node: PMNode;
  /** Definition clause id, when the definition came from the library. */
  clause: string | null;
}

export interface DefinitionsLayout {
  section: { node: PMNode; pos: number };
  /** The node the definitions live in: the lead-in provision, or the section itself. */
  container: { node: PMNode; pos: number };
  entries: DefinitionEntry[];
}

/** Where the definitions are. The container is the first provision unless that one is itself a definition. */
export function definitionsLayout(doc: PMNode, library: Library): DefinitionsLayout | null {
  const section = findDefinitionsSection(doc);
  if (!section) return null;
  let container = section;
  let first: { node: PMNode; pos: number } | null = null;
  section.node.forEach((child, off) => {
    if (!first && child.type.name === 'provision') first = { node: child, pos: section.pos + 1 + off };
  });
  const f = first as { node: PMNode; pos: number } | null;
  if (f && definedTermOf(f.node, library) === null) container = f;
  const entries: DefinitionEntry[] = [];
  container.node.forEach((child, off) => {
    if (child.type.name !== 'provision') return;
    const term = definedTermOf(child, library);
    if (term === null) return;
    const prov = child.attrs.prov as Provenance | null;
    entries.push({ term, id: child.attrs.id as string, pos: container.pos + 1 + off, node: child, clause: prov?.clause ?? null });
  });
  return { section, container, entries };
}

/** Terms a definition uses, leaving out the term it defines. */
function termsOfDefinition(node: PMNode, ownTerm: string): string[] {
  return [...termsIn(node)].filter((t) => t !== ownTerm);
}

export interface DefinitionsStatus {
  /** Terms used, transitively through definitions, sorted. */
  used: string[];
  /** Definitions in the document whose term nothing uses. */
  unused: DefinitionEntry[];
  /** Used terms without a definition in the document (whether or not the library has one). */
  undefinedTerms: string[];
  /** Of those, terms the library has no definition clause for. */
  missing: string[];
  /** Terms defined more than once in the definitions section. */
  duplicates: string[];
}

/**
 * Work out which terms are used and which definitions are missing or unused. Terms used
 * inside a definition count only when that definition's own term is used.
 */
export function definitionsStatus(doc: PMNode, library: Library): DefinitionsStatus {
  const layout = definitionsLayout(doc, library);
  const entryNodes = new Set(layout?.entries.map((e) => e.node) ?? []);
  const inDoc = new Map<string, DefinitionEntry>();
  const duplicates = new Set<string>();
  for (const e of layout?.entries ?? []) {
    if (inDoc.has(e.term)) duplicates.add(e.term);
    else inDoc.set(e.term, e);
  }
  const direct = new Set<string>();
  // everything but the definitions themselves
  const visit = (node: PMNode) => {
    if (entryNodes.has(node)) return;
    // descend into the definitions section and its container, to skip the entries
    if (node === layout?.section.node || node === layout?.container.node) node.forEach(visit);
    else for (const t of termsIn(node)) direct.add(t);
  };
  doc.forEach(visit);
  const used = new Set<string>();
  const queue = [...direct];
  while (queue.length > 0) {
    const t = queue.shift()!;
    if (used.has(t)) continue;
    used.add(t);
    const e = inDoc.get(t);
    let next: string[] = [];
    if (e) next = termsOfDefinition(e.node, t);
    else {
      const c = library.definitionByTerm.get(t);
      if (c) next = libraryTermsOfDefinition(c);
    }
    for (const n of next) if (!used.has(n)) queue.push(n);
  }
  const undefinedTerms = [...used].filter((t) => !inDoc.has(t)).sort(compareTerms);
  return {
    used: [...used].sort(compareTerms),
    unused: (layout?.entries ?? []).filter((e) => !used.has(e.term)),
    undefinedTerms,
    missing: undefinedTerms.filter((t) => !library.definitionByTerm.has(t)),
    duplicates: [...duplicates].sort(compareTerms),
  };
}

const libTermCache = new WeakMap<Clause, string[]>();
/** Terms a definition clause's default variant uses, leaving out its own. */
function libraryTermsOfDefinition(c: Clause): string[] {
  const hit = libTermCache.get(c);
  if (hit) return hit;
  const node = buildDefinition({
    clause: c,
    variant: c.variants[0]!,
    plan: { root: c.id, provisions: [], local: new Map() },
    libraryVersion: '',
    external: () => null,
  });
  const terms = termsOfDefinition(node, c.term ?? '');
  libTermCache.set(c, terms);
  return terms;
}

/** Resolve a library reference ("clause" or "clause#local") against a document's sections. */
export function documentRefs(doc: PMNode): ExternalRefs {
  const ids = collectIds(doc);
  const sectionOf = new Map<string, string>();
  doc.forEach((node) => {
    const prov = node.attrs.prov as Provenance | null | undefined;
    if (node.type.name === 'section' && prov && !sectionOf.has(prov.clause)) sectionOf.set(prov.clause, node.attrs.id as string);
  });
  return (ref) => {
    const [clause, local] = ref.split('#') as [string, string | undefined];
    const sec = sectionOf.get(clause);
    if (!sec) return null;
    if (local === undefined) return sec;
    const id = `${sec}#${local}`;
    return ids.has(id) ? id : null;
  };
}

export interface SyncResult {
  /** Terms whose definitions were added. */
  added: string[];
  /** Definitions whose term is no longer used (left in place; lint flags them). */
  unused: { term: string; id: string }[];
  /** Used terms the library cannot define. */
  missing: string[];
  /** A definitions section was created because the document had none. */
  createdSection: boolean;
}

/**
 * Bring the definitions section of `tr.doc` in step, adding steps to `tr`: add a
 * definition (from the library) for every used term without one, in alphabetical
 * order; report unused and undefinable terms. Creates the definitions section from the
 * library's definitions clause when terms need one and the document has none.
 */
export function syncDefinitionsInto(tr: Transaction, library: Library): SyncResult {
  const result: SyncResult = { added: [], unused: [], missing: [], createdSection: false };
  const status = definitionsStatus(tr.doc, library);
  result.unused = status.unused.map((e) => ({ term: e.term, id: e.id }));
  result.missing = status.missing;
  const toAdd = status.undefinedTerms.filter((t) => library.definitionByTerm.has(t));
  if (toAdd.length === 0) return result;

  if (!findDefinitionsSection(tr.doc)) {
    if (!insertDefinitionsSection(tr, library)) {
      result.missing = status.undefinedTerms;
      return result;
    }
    result.createdSection = true;
  }
  const taken = collectIds(tr.doc);
  const external = documentRefs(tr.doc);
  for (const term of toAdd) {
    const clause = library.definitionByTerm.get(term)!;
    const variant = clause.variants[0]!;
    const node = buildDefinition({ clause, variant, plan: planIds(clause, variant, clause.id, taken), libraryVersion: library.info.version, external });
    insertDefinitionNode(tr, library, node, term);
    result.added.push(term);
  }
  return result;
}

/**
 * Insert a definition provision into the definitions section of `tr.doc`, in
 * alphabetical order: before the first definition whose term sorts after it, else
 * after the last definition, else at the end of the container. Returns its position,
 * or -1 when the document has no definitions section.
 */
export function insertDefinitionNode(tr: Transaction, library: Library, node: PMNode, term: string): number {
  const layout = definitionsLayout(tr.doc, library);
  if (!layout) return -1;
  const after = layout.entries.find((e) => compareTerms(e.term, term) > 0);
  const last = layout.entries[layout.entries.length - 1];
  const pos = after ? after.pos : last ? last.pos + last.node.nodeSize : layout.container.pos + layout.container.node.nodeSize - 1;
  tr.insert(pos, node);
  return pos;
}

/** Sections whose provenance is a general clause (short title, purpose) that usually open an ordinance. */
function opensOrdinance(node: PMNode, library: Library): boolean {
  const prov = node.attrs.prov as Provenance | null;
  const c = prov ? library.clauseById.get(prov.clause) : undefined;
  return !!c && c.topic === 'general' && c.kind === 'section';
}

/**
 * Insert the library's definitions clause as a section: after the opening general
 * sections (short title, purpose) and before the first operative one. False when the
 * library has no definitions clause.
 */
export function insertDefinitionsSection(tr: Transaction, library: Library, kind?: string): boolean {
  const clause =
    library.clauses.find((c) => c.kind === 'definitions' && (!kind || c.suits.includes(kind as never))) ??
    library.clauses.find((c) => c.kind === 'definitions');
  if (!clause) return false;
  const variant = clause.variants[0]!;
  const taken = collectIds(tr.doc);
  const node = buildSection({ clause, variant, plan: planIds(clause, variant, clause.id, taken), libraryVersion: library.info.version, external: documentRefs(tr.doc) });
  let pos = -1;
  let lastSectionEnd = -1;
  tr.doc.forEach((child, off) => {
    if (child.type.name !== 'section') return;
    lastSectionEnd = off + child.nodeSize;
    if (pos < 0 && !opensOrdinance(child, library)) pos = off;
  });
  tr.insert(pos >= 0 ? pos : lastSectionEnd, node);
  return true;
}

/**
 * Sync the definitions section of an editor state. `tr` is null when nothing was added;
 * `unused` lists definitions to flag (not deleted).
 */
export function syncDefinitions(state: EditorState, library: Library): SyncResult & { tr: Transaction | null } {
  const tr = state.tr;
  const r = syncDefinitionsInto(tr, library);
  return { ...r, tr: tr.docChanged ? tr : null };
}

/** Explicit command: delete the definitions whose term nothing uses. */
export function removeUnusedDefinitions(library: Library): Command {
  return (state, dispatch) => {
    const status = definitionsStatus(state.doc, library);
    if (status.unused.length === 0) return false;
    if (dispatch) {
      const tr = state.tr;
      for (const e of [...status.unused].sort((a, b) => b.pos - a.pos)) tr.delete(e.pos, e.pos + e.node.nodeSize);
      // removing a definition can leave terms used only inside it unused in turn; the
      // drafter sees those flagged next and decides again
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}

export const definitionsPluginKey = new PluginKey('ordwright-definitions');

/**
 * Keeps the definitions section in step while the drafter types: after a change that
 * makes a new term used, the definition is added in an appended transaction.
 */
export function definitionsPlugin(library: Library): Plugin {
  return new Plugin({
    key: definitionsPluginKey,
    appendTransaction(transactions, _old, newState) {
      if (!transactions.some((t) => t.docChanged) || transactions.some((t) => t.getMeta(definitionsPluginKey))) return null;
      const { tr } = syncDefinitions(newState, library);
      return tr ? tr.setMeta(definitionsPluginKey, true) : null;
    },
  });
}
