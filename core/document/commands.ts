import { Fragment, type Node as PMNode, type ResolvedPos } from 'prosemirror-model';
import { NodeSelection, TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import type { Library } from '../library/library';
import { isPlaceholderKey, type Clause, type Profile, type Variant } from '../schema';
import {
  buildAdoption,
  buildDefinition,
  buildEnacting,
  buildRecitals,
  buildSection,
  isEdited,
  planIds,
  type BuildInput,
} from './build';
import {
  definitionsLayout,
  documentRefs,
  findDefinitionsSection,
  insertDefinitionNode,
  insertDefinitionsSection,
  syncDefinitionsInto,
} from './definitions';
import { collectIds, findById, freshId } from './ids';
import { numberDocument } from './numbering';
import { canonicalText } from './hash';
import { schema, type Provenance } from './schema';

export { syncDefinitions, removeUnusedDefinitions, definitionsStatus, definitionsPlugin } from './definitions';
export { idPlugin } from './ids';

/**
 * The editing operations a drafter needs, as ProseMirror commands. Each keeps the
 * document valid, gives new sections and provisions ids, and brings the definitions
 * section in step (a newly used term gets its definition in the same transaction; a
 * term no longer used is reported by syncDefinitions/definitionsStatus, never deleted).
 */

/** Fresh-node attrs for a section or provision the drafter creates. */
function freshAttrs(doc: PMNode, taken?: Set<string>): { id: string; prov: null; label: null } {
  return { id: freshId(taken ?? collectIds(doc)), prov: null, label: null };
}

/** Innermost provision around a resolved position: its depth, or -1. */
function provisionDepth($pos: ResolvedPos): number {
  for (let d = $pos.depth; d > 0; d--) if ($pos.node(d).type.name === 'provision') return d;
  return -1;
}

function finish(tr: Transaction, library: Library | null): Transaction {
  if (library) syncDefinitionsInto(tr, library);
  return tr.scrollIntoView();
}

// ---------------------------------------------------------------------------------
// Inserting a clause

export interface InsertCheck {
  ok: boolean;
  /** Why the clause cannot be inserted (ok = false). */
  reason?: string;
  /** Things the drafter should know that do not block the insertion. */
  warnings: string[];
}

/** Clause ids in the document (from provenance). */
export function clausesInDocument(doc: PMNode): Set<string> {
  const out = new Set<string>();
  doc.descendants((node) => {
    const prov = node.attrs.prov as Provenance | null | undefined;
    if (prov) out.add(prov.clause);
    return !node.isTextblock;
  });
  return out;
}

/** Can this clause variant go into the document? Conflicts block; unmet requirements and an unsuited kind warn. */
export function canInsertClause(
  state: EditorState,
  library: Library,
  clauseId: string,
  variantId: string,
  profile?: Pick<Profile, 'kind'>,
): InsertCheck {
  const clause = library.clauseById.get(clauseId);
  if (!clause) return { ok: false, reason: `unknown clause "${clauseId}"`, warnings: [] };
  if (!clause.variants.some((v) => v.id === variantId)) {
    return { ok: false, reason: `clause "${clauseId}" has no variant "${variantId}" (it has: ${clause.variants.map((v) => v.id).join(', ')})`, warnings: [] };
  }
  const present = clausesInDocument(state.doc);
  for (const other of present) {
    const o = library.clauseById.get(other);
    if (clause.conflicts.includes(other) || o?.conflicts.includes(clauseId)) {
      return { ok: false, reason: `clause "${clauseId}" (${clause.title}) conflicts with clause "${other}" (${o?.title ?? other}) already in the ordinance`, warnings: [] };
    }
  }
  if (clause.kind === 'definitions' && findDefinitionsSection(state.doc)) {
    return { ok: false, reason: 'the ordinance already has a definitions section', warnings: [] };
  }
  if (clause.kind === 'definition' && definitionsLayout(state.doc, library)?.entries.some((e) => e.term === clause.term)) {
    return { ok: false, reason: `the term "${clause.term}" is already defined`, warnings: [] };
  }
  const warnings: string[] = [];
  if (profile && !clause.suits.includes(profile.kind)) warnings.push(`clause "${clauseId}" is not written for a ${profile.kind}`);
  for (const req of clause.requires) {
    const r = library.clauseById.get(req);
    if (!present.has(req) && r && r.kind !== 'definition') warnings.push(`clause "${clauseId}" requires "${req}" (${r.title}), which the ordinance does not include`);
  }
  return { ok: true, warnings };
}

function buildInput(doc: PMNode, library: Library, clause: Clause, variant: Variant, taken: Set<string>): BuildInput {
  return {
    clause,
    variant,
    plan: planIds(clause, variant, clause.id, taken),
    libraryVersion: library.info.version,
    external: documentRefs(doc),
  };
}

/** Where a new section goes: after the section holding the selection; before the first section from the preamble; after the last from the adoption block. */
function sectionInsertPos(state: EditorState): number {
  const { $from } = state.selection;
  const doc = state.doc;
  if ($from.depth >= 1) {
    const top = $from.node(1);
    if (top.type.name === 'section') return $from.after(1);
    if (top.type.name === 'adoption') return $from.before(1);
  }
  let first = -1;
  let afterLast = -1;
  doc.forEach((node, off) => {
    if (node.type.name !== 'section') return;
    if (first < 0) first = off;
    afterLast = off + node.nodeSize;
  });
  if ($from.depth >= 1 && $from.node(1).type.name === 'adoption') return afterLast;
  return first >= 0 ? first : afterLast;
}

/**
 * Insert a clause variant where the drafter is: a section after the current section; a
 * definition into the definitions section (alphabetically); a finding among the
 * recitals; an enacting clause or adoption block in place of the existing one.
 * Refuses (returns false) a clause that conflicts with one in the ordinance; see
 * canInsertClause for the reason.
 */
export function insertClause(library: Library, clauseId: string, variantId: string, profile?: Pick<Profile, 'kind'>): Command {
  return (state, dispatch) => {
    if (!canInsertClause(state, library, clauseId, variantId, profile).ok) return false;
    if (!dispatch) return true;
    const clause = library.clauseById.get(clauseId)!;
    const variant = clause.variants.find((v) => v.id === variantId)!;
    const tr = state.tr;
    const taken = collectIds(state.doc);
    const input = buildInput(state.doc, library, clause, variant, taken);
    let cursor = -1;
    switch (clause.kind) {
      case 'section':
      case 'definitions': {
        const node = buildSection(input);
        const pos = sectionInsertPos(state);
        tr.insert(pos, node);
        cursor = pos + 2; // inside the heading
        break;
      }
      case 'definition': {
        const node = buildDefinition(input);
        if (!findDefinitionsSection(tr.doc)) insertDefinitionsSection(tr, library);
        const pos = insertDefinitionNode(tr, library, node, clause.term ?? '');
        if (pos < 0) return false;
        cursor = pos + 2;
        break;
      }
      case 'finding': {
        const nodes = buildRecitals(input);
        const { $from } = state.selection;
        let pos = -1;
        if ($from.depth >= 1 && $from.node(1).type.name === 'recital') pos = $from.after(1);
        else state.doc.forEach((n, off) => {
          if (n.type.name === 'enacting') pos = off; // after the last recital, before the enacting clause
        });
        tr.insert(pos, Fragment.from(nodes));
        cursor = pos + 1;
        break;
      }
      case 'enacting': {
        let at = -1;
        state.doc.forEach((n, off) => {
          if (n.type.name === 'enacting') at = off;
        });
        const node = buildEnacting(input);
        tr.replaceWith(at, at + state.doc.nodeAt(at)!.nodeSize, node);
        cursor = at + 1;
        break;
      }
      case 'adoption': {
        const last = state.doc.lastChild!;
        const node = buildAdoption(input);
        const end = state.doc.content.size;
        if (last.type.name === 'adoption') tr.replaceWith(end - last.nodeSize, end, node);
        else tr.insert(end, node);
        cursor = tr.doc.content.size - node.nodeSize + 2;
        break;
      }
    }
    if (cursor >= 0) tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(cursor, tr.doc.content.size))));
    dispatch(finish(tr, library));
    return true;
  };
}

// ---------------------------------------------------------------------------------
// Swapping a clause's variant

export type SwapResult =
  | { status: 'swapped'; tr: Transaction; keptHeading: boolean }
  | {
      status: 'edited';
      /** The drafter's edits that a swap would discard: labels of changed provisions ("Section 3(b)") and "heading". */
      changed: string[];
      message: string;
    }
  | { status: 'error'; message: string };

interface Unit {
  kind: 'section' | 'definition' | 'finding';
  clause: Clause;
  prov: Provenance;
  /** Range replaced by the swap. */
  from: number;
  to: number;
  nodes: PMNode[];
}

function unitOf(doc: PMNode, id: string, library: Library): Unit | { error: string } {
  const found = findById(doc, id);
  if (!found) return { error: `no section, provision or recital with id "${id}"` };
  const prov = found.node.attrs.prov as Provenance | null;
  if (!prov) return { error: `"${id}" was not inserted from the library, so it has no variants` };
  const clause = library.clauseById.get(prov.clause);
  if (!clause) return { error: `"${id}" came from clause "${prov.clause}", which this library does not have` };
  const type = found.node.type.name;
  if (type === 'section') return { kind: 'section', clause, prov, from: found.pos, to: found.pos + found.node.nodeSize, nodes: [found.node] };
  if (type === 'provision') return { kind: 'definition', clause, prov, from: found.pos, to: found.pos + found.node.nodeSize, nodes: [found.node] };
  // a finding: the run of adjacent recitals from the same clause around this one
  const same = (n: PMNode | undefined) => n?.type.name === 'recital' && (n.attrs.prov as Provenance | null)?.clause === prov.clause;
  const index = doc.resolve(found.pos).index(0);
  let first = index;
  let last = index;
  while (first > 0 && same(doc.child(first - 1))) first--;
  while (last + 1 < doc.childCount && same(doc.child(last + 1))) last++;
  const nodes: PMNode[] = [];
  let from = 0;
  doc.forEach((n, pos, i) => {
    if (i === first) from = pos;
  });
  for (let i = first; i <= last; i++) nodes.push(doc.child(i));
  const to = from + nodes.reduce((sum, n) => sum + n.nodeSize, 0);
  return { kind: 'finding', clause, prov, from, to, nodes };
}

/** Ids inside a unit (they may be reused by the new variant). */
function idsInside(nodes: PMNode[]): Set<string> {
  const out = new Set<string>();
  for (const n of nodes) {
    if (n.attrs.id) out.add(n.attrs.id as string);
    n.descendants((d) => {
      if (d.attrs.id) out.add(d.attrs.id as string);
      return !d.isTextblock;
    });
  }
  return out;
}

function bodyText(section: PMNode): string {
  const parts: string[] = [];
  section.forEach((c) => {
    if (c.type.name !== 'heading') parts.push(canonicalText(c));
  });
  return parts.join('\n');
}

/**
 * Work out a variant swap. A unit whose text is unchanged since insertion swaps
 * outright. A section whose heading alone was edited swaps and keeps the drafter's
 * heading. Otherwise the swap would discard the drafter's edits: the result says which
 * parts changed, and `force` swaps anyway (still keeping an edited heading).
 */
export function planSwapVariant(state: EditorState, library: Library, id: string, newVariantId: string, opts: { force?: boolean } = {}): SwapResult {
  const unit = unitOf(state.doc, id, library);
  if ('error' in unit) return { status: 'error', message: unit.error };
  const variant = unit.clause.variants.find((v) => v.id === newVariantId);
  if (!variant) {
    return { status: 'error', message: `clause "${unit.clause.id}" has no variant "${newVariantId}" (it has: ${unit.clause.variants.map((v) => v.id).join(', ')})` };
  }
  if (unit.prov.variant === newVariantId) return { status: 'error', message: `"${id}" already uses variant "${newVariantId}"` };
  const oldVariant = unit.clause.variants.find((v) => v.id === unit.prov.variant);
  const inside = idsInside(unit.nodes);
  const taken = collectIds(state.doc);
  for (const i of inside) taken.delete(i);
  const external = documentRefs(state.doc);
  const rootId = unit.nodes[0]!.attrs.id as string;
  const input = (v: Variant, t: Set<string>): BuildInput => ({
    clause: unit.clause,
    variant: v,
    plan: planIds(unit.clause, v, rootId, t, { keepRoot: true }),
    libraryVersion: library.info.version,
    external,
  });

  const edited = unit.nodes.some((n) => isEdited(n));
  let keepHeading: PMNode | null = null;
  const changed: string[] = [];
  if (edited) {
    const numbering = numberDocument(state.doc);
    if (unit.kind === 'section' && oldVariant) {
      // rebuild what was inserted, to tell a heading edit from a body edit
      const original = buildSection(input(oldVariant, new Set(taken)));
      const current = unit.nodes[0]!;
      const currentOwn = stripDefinitions(current, state.doc, library);
      if (canonicalText(current.firstChild!) !== canonicalText(original.firstChild!)) {
        keepHeading = current.firstChild!;
        if (bodyText(currentOwn) !== bodyText(original)) changed.push(...changedProvisions(currentOwn, original, numbering));
        if (changed.length === 0 && bodyText(currentOwn) !== bodyText(original)) changed.push(numbering.byId.get(rootId)?.full ?? rootId);
      } else changed.push(...changedProvisions(currentOwn, original, numbering));
      // the hash differs but the text matches the library's (hand-written definitions,
      // or a library update that made the same change): nothing to discard
    } else {
      for (const n of unit.nodes) if (isEdited(n)) changed.push(numbering.byId.get(n.attrs.id as string)?.full ?? `"${n.attrs.id as string}"`);
    }
  }
  if (changed.length > 0 && !opts.force) {
    return {
      status: 'edited',
      changed,
      message: `swapping "${unit.clause.id}" to variant "${newVariantId}" would discard your edits to ${changed.join(', ')}; swap with force to discard them`,
    };
  }

  let nodes: PMNode[];
  const fresh = input(variant, taken);
  if (unit.kind === 'section') {
    const old = unit.nodes[0]!;
    const defs = old.attrs.role === 'definitions' ? (definitionsLayout(state.doc, library)?.entries.map((e) => e.node) ?? []) : [];
    let node = buildSection(fresh, defs);
    if (keepHeading) node = node.copy(node.content.replaceChild(0, keepHeading));
    node = node.type.create({ ...node.attrs, label: old.attrs.label }, node.content);
    nodes = [node];
  } else if (unit.kind === 'definition') nodes = [buildDefinition(fresh)];
  else nodes = buildRecitals(fresh);
  const tr = state.tr.replaceWith(unit.from, unit.to, nodes);
  finish(tr, library);
  return { status: 'swapped', tr, keptHeading: keepHeading !== null };
}

/**
 * The definitions section without its definitions, library or hand-written (they are
 * kept across a swap, so they are no edit the swap would discard); other sections as
 * they are.
 */
function stripDefinitions(section: PMNode, doc: PMNode, library: Library): PMNode {
  if (section.attrs.role !== 'definitions') return section;
  const entries = new Set(definitionsLayout(doc, library)?.entries.map((e) => e.node) ?? []);
  const strip = (node: PMNode): PMNode => {
    if (node.isTextblock) return node;
    const kept: PMNode[] = [];
    node.forEach((c) => {
      if (!entries.has(c)) kept.push(strip(c));
    });
    return node.copy(Fragment.from(kept));
  };
  return strip(section);
}

/** Labels of the top-level provisions that differ between the current and the original section. */
function changedProvisions(current: PMNode, original: PMNode, numbering: ReturnType<typeof numberDocument>): string[] {
  const cur: PMNode[] = [];
  const orig: PMNode[] = [];
  current.forEach((c) => c.type.name === 'provision' && cur.push(c));
  original.forEach((c) => c.type.name === 'provision' && orig.push(c));
  const out: string[] = [];
  const n = Math.max(cur.length, orig.length);
  for (let i = 0; i < n; i++) {
    const a = cur[i];
    const b = orig[i];
    if (a && b && canonicalText(a) === canonicalText(b)) continue;
    if (a) out.push(numbering.byId.get(a.attrs.id as string)?.full || `provision "${a.attrs.id as string}"`);
    else out.push(`a deleted provision (${i + 1} of ${orig.length})`);
  }
  return out;
}

/** Command form of planSwapVariant: false (and no change) when the swap would discard edits and `force` is not set. */
export function swapVariant(library: Library, id: string, newVariantId: string, opts: { force?: boolean } = {}): Command {
  return (state, dispatch) => {
    const r = planSwapVariant(state, library, id, newVariantId, opts);
    if (r.status !== 'swapped') return false;
    dispatch?.(r.tr);
    return true;
  };
}

// ---------------------------------------------------------------------------------
// Sections

function sectionIndex(doc: PMNode, id: string): { index: number; pos: number; node: PMNode } | null {
  let out: { index: number; pos: number; node: PMNode } | null = null;
  doc.forEach((node, pos, index) => {
    if (!out && node.type.name === 'section' && node.attrs.id === id) out = { index, pos, node };
  });
  return out;
}

/** Move a section one place up or down among the sections. Numbers and cross-references follow (they are computed). */
export function moveSection(id: string, dir: 'up' | 'down'): Command {
  return (state, dispatch) => {
    const s = sectionIndex(state.doc, id);
    if (!s) return false;
    const otherIndex = dir === 'up' ? s.index - 1 : s.index + 1;
    if (otherIndex < 0 || otherIndex >= state.doc.childCount) return false;
    const other = state.doc.child(otherIndex);
    if (other.type.name !== 'section') return false;
    if (!dispatch) return true;
    const otherPos = dir === 'up' ? s.pos - other.nodeSize : s.pos + s.node.nodeSize;
    const from = Math.min(s.pos, otherPos);
    const to = from + s.node.nodeSize + other.nodeSize;
    const tr = state.tr.replaceWith(from, to, dir === 'up' ? [s.node, other] : [other, s.node]);
    // keep the cursor where it was in the text
    const { from: selFrom, to: selTo } = state.selection;
    const shift = (p: number) => {
      if (p >= s.pos && p <= s.pos + s.node.nodeSize) return p + (dir === 'up' ? -other.nodeSize : other.nodeSize);
      if (p >= otherPos && p <= otherPos + other.nodeSize) return p + (dir === 'up' ? s.node.nodeSize : -s.node.nodeSize);
      return p;
    };
    if (selFrom >= from && selTo <= to) tr.setSelection(TextSelection.between(tr.doc.resolve(shift(selFrom)), tr.doc.resolve(shift(selTo))));
    dispatch(tr.scrollIntoView());
    return true;
  };
}

/** Delete a section (not the last one: an ordinance needs a section). Its terms may become unused: syncDefinitions reports them. */
export function deleteSection(id: string, library?: Library): Command {
  return (state, dispatch) => {
    const s = sectionIndex(state.doc, id);
    if (!s) return false;
    let sections = 0;
    state.doc.forEach((n) => {
      if (n.type.name === 'section') sections++;
    });
    if (sections < 2) return false;
    if (dispatch) {
      const tr = state.tr.delete(s.pos, s.pos + s.node.nodeSize);
      dispatch(finish(tr, library ?? null));
    }
    return true;
  };
}

// ---------------------------------------------------------------------------------
// Provisions

/**
 * Split the provision at the cursor into two siblings: the text after the cursor, and
 * the nested provisions, go to the new one, which gets a fresh id and no provenance.
 * In a section heading, at its end: add a first provision to the section.
 */
export function splitProvision(): Command {
  return (state, dispatch) => {
    const { $from, $to } = state.selection;
    if (!$from.sameParent($to) || !$from.parent.isTextblock) return false;
    const parentType = $from.parent.type.name;
    if (parentType === 'heading' && $from.node($from.depth - 1).type.name === 'section') {
      if ($to.parentOffset !== $to.parent.content.size) return false;
      if (!dispatch) return true;
      const tr = state.tr.deleteSelection();
      const pos = tr.mapping.map($from.after());
      const p = schema.nodes.provision!.create(freshAttrs(state.doc), schema.nodes.paragraph!.create());
      tr.insert(pos, p);
      tr.setSelection(TextSelection.create(tr.doc, pos + 2));
      dispatch(tr.scrollIntoView());
      return true;
    }
    if (parentType !== 'paragraph') return false;
    const d = provisionDepth($from);
    if (d < 0 || d !== $from.depth - 1) return false;
    if (!dispatch) return true;
    const tr = state.tr.deleteSelection();
    const pos = tr.mapping.map($from.pos);
    // typesAfter runs from the outermost split node inward
    tr.split(pos, 2, [{ type: schema.nodes.provision!, attrs: freshAttrs(state.doc) }, { type: schema.nodes.paragraph! }]);
    tr.setSelection(TextSelection.create(tr.doc, tr.mapping.slice(tr.mapping.maps.length - 1).map(pos, 1)));
    dispatch(tr.scrollIntoView());
    return true;
  };
}

function needsSpace(a: PMNode, b: PMNode): boolean {
  const ta = a.textContent;
  const tb = b.textContent;
  if (a.childCount === 0 || b.childCount === 0) return false;
  return !/\s$/.test(ta) && !/^\s/.test(tb);
}

/** Join the provision at the cursor with its previous sibling: texts joined with a space, nested provisions appended. */
export function joinProvision(): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    const d = provisionDepth($from);
    if (d < 0) return false;
    const index = $from.index(d - 1);
    const parent = $from.node(d - 1);
    if (index === 0) return false;
    const prev = parent.child(index - 1);
    if (prev.type.name !== 'provision') return false;
    if (!dispatch) return true;
    const cur = $from.node(d);
    const start = $from.before(d) - prev.nodeSize;
    const prevPara = prev.firstChild!;
    const curPara = cur.firstChild!;
    const sep = needsSpace(prevPara, curPara) ? [schema.text(' ')] : [];
    const para = prevPara.copy(prevPara.content.append(Fragment.from(sep)).append(curPara.content));
    const kids: PMNode[] = [];
    prev.forEach((c, _o, i) => i > 0 && kids.push(c));
    cur.forEach((c, _o, i) => i > 0 && kids.push(c));
    const joined = prev.copy(Fragment.from([para, ...kids]));
    const tr = state.tr.replaceWith(start, $from.after(d), joined);
    tr.setSelection(TextSelection.create(tr.doc, start + 2 + prevPara.content.size + sep.length));
    dispatch(tr.scrollIntoView());
    return true;
  };
}

/** Selection offsets relative to a node start, to restore them after the node moves. */
function relativeSelection(state: EditorState, nodeStart: number): { a: number; h: number } {
  return { a: state.selection.anchor - nodeStart, h: state.selection.head - nodeStart };
}

function restoreSelection(tr: Transaction, newStart: number, rel: { a: number; h: number }): void {
  tr.setSelection(TextSelection.between(tr.doc.resolve(newStart + rel.a), tr.doc.resolve(newStart + rel.h)));
}

/** Make the provision at the cursor the last child of its previous sibling: one level deeper ((b) -> (a)(1)). */
export function indentProvision(): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    const d = provisionDepth($from);
    if (d < 0) return false;
    const index = $from.index(d - 1);
    if (index === 0) return false;
    const parent = $from.node(d - 1);
    const prev = parent.child(index - 1);
    if (prev.type.name !== 'provision') return false;
    if (!dispatch) return true;
    const cur = $from.node(d);
    const curStart = $from.before(d);
    const start = curStart - prev.nodeSize;
    const rel = relativeSelection(state, curStart);
    const merged = prev.copy(prev.content.addToEnd(cur));
    const tr = state.tr.replaceWith(start, $from.after(d), merged);
    restoreSelection(tr, start + prev.nodeSize - 1, rel);
    dispatch(tr.scrollIntoView());
    return true;
  };
}

/**
 * Make the provision at the cursor a sibling of its parent provision, right after it:
 * one level up ((a)(2) -> (b)). Its later siblings become its children, so the reading
 * order of the text does not change.
 */
export function outdentProvision(): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    const d = provisionDepth($from);
    if (d < 0 || d - 1 < 1) return false;
    const parent = $from.node(d - 1);
    if (parent.type.name !== 'provision') return false;
    if (!dispatch) return true;
    const index = $from.index(d - 1);
    const cur = $from.node(d);
    const before: PMNode[] = [];
    const after: PMNode[] = [];
    parent.forEach((c, _o, i) => {
      if (i < index) before.push(c);
      else if (i > index) after.push(c);
    });
    const newParent = parent.copy(Fragment.from(before));
    const lifted = cur.copy(cur.content.append(Fragment.from(after)));
    const parentStart = $from.before(d - 1);
    const rel = relativeSelection(state, $from.before(d));
    const tr = state.tr.replaceWith(parentStart, $from.after(d - 1), [newParent, lifted]);
    restoreSelection(tr, parentStart + newParent.nodeSize, rel);
    dispatch(tr.scrollIntoView());
    return true;
  };
}

// ---------------------------------------------------------------------------------
// Inline atoms

/** Insert a cross-reference to a section or provision at the selection (false when the target does not exist). */
export function insertXref(targetId: string): Command {
  return (state, dispatch) => {
    const t = findById(state.doc, targetId);
    if (!t || t.node.type.name === 'recital') return false;
    if (!state.selection.$from.parent.inlineContent) return false;
    if (dispatch) dispatch(state.tr.replaceSelectionWith(schema.nodes.xref!.create({ target: targetId }), false).scrollIntoView());
    return true;
  };
}

/** Insert a placeholder bound to a profile key at the selection (replacing selected text). */
export function setPlaceholder(key: string): Command {
  return (state, dispatch) => {
    if (!isPlaceholderKey(key)) return false;
    if (!state.selection.$from.parent.inlineContent) return false;
    if (dispatch) dispatch(state.tr.replaceSelectionWith(schema.nodes.placeholder!.create({ key }), false).scrollIntoView());
    return true;
  };
}

/**
 * Remove the placeholder that is selected, or just before the cursor; with
 * `replacement`, put that text in its place (filling it for this spot only).
 */
export function clearPlaceholder(replacement?: string): Command {
  return (state, dispatch) => {
    const sel = state.selection;
    let from = -1;
    let node: PMNode | null = null;
    if (sel instanceof NodeSelection && sel.node.type.name === 'placeholder') {
      from = sel.from;
      node = sel.node;
    } else if (sel.empty && sel.$from.nodeBefore?.type.name === 'placeholder') {
      node = sel.$from.nodeBefore;
      from = sel.from - node.nodeSize;
    } else if (sel.empty && sel.$from.nodeAfter?.type.name === 'placeholder') {
      node = sel.$from.nodeAfter;
      from = sel.from;
    }
    if (!node) return false;
    if (dispatch) {
      const marks = node.marks;
      const tr = replacement ? state.tr.replaceWith(from, from + node.nodeSize, schema.text(replacement, marks)) : state.tr.delete(from, from + node.nodeSize);
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}
