import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Mapping } from 'prosemirror-transform';

/**
 * Stable ids of sections, provisions and recitals.
 *
 * Composition derives ids from the clause: a section gets its clause id
 * ("fusion-center-participation"), a provision the section id plus its local id in the
 * clause ("fusion-center-participation#use-limit") or its pre-order number
 * ("fusion-center-participation/3"). Composing twice therefore gives identical
 * documents, and a cross-reference to a clause that is not (yet) in the document binds
 * as soon as that clause is inserted. Nodes the drafter creates (split, paste, a new
 * provision) get random fresh ids, so that a deleted node's id is never handed to a new
 * node a stale cross-reference would then silently point at.
 */

/** Node types that carry an `id` attribute. */
export const ID_TYPES: ReadonlySet<string> = new Set(['section', 'provision', 'recital']);

export function hasIdType(node: PMNode): boolean {
  return ID_TYPES.has(node.type.name);
}

/** Every id in the document (section, provision, recital), for uniqueness checks. */
export function collectIds(doc: PMNode): Set<string> {
  const out = new Set<string>();
  doc.descendants((node) => {
    if (hasIdType(node) && node.attrs.id) out.add(node.attrs.id as string);
    return !node.isTextblock; // inline content holds no ids (a recital is itself a textblock)
  });
  return out;
}

/** Position of the node with this id, or -1. */
export function findById(doc: PMNode, id: string): { node: PMNode; pos: number } | null {
  let found: { node: PMNode; pos: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (hasIdType(node) && node.attrs.id === id) {
      found = { node, pos };
      return false;
    }
    return !node.isTextblock;
  });
  return found;
}

/**
 * `base` if no node uses it yet, else `base-2`, `base-3`, ... The chosen id is added to
 * `taken`, so a sequence of calls in a fixed order is deterministic.
 */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

export type IdSource = () => string;

/** Random ids: "n-" and 10 base-36 digits (about 52 bits). */
export const randomIdSource: IdSource = () => {
  let s = '';
  while (s.length < 10) s += Math.floor(Math.random() * 36).toString(36);
  return `n-${s}`;
};

let source: IdSource = randomIdSource;

/** Replace the source of fresh ids (tests that want reproducible ids); returns the previous one. */
export function setIdSource(next: IdSource): IdSource {
  const prev = source;
  source = next;
  return prev;
}

/** A fresh id no node in `taken` uses; it is added to `taken`. */
export function freshId(taken: Set<string>): string {
  for (;;) {
    const id = source();
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

export const idPluginKey = new PluginKey('ordwright-ids');

export interface IdFix {
  pos: number;
  /** The node duplicates another node's id (a split or a paste), rather than lacking one. */
  copy: boolean;
  dropProvenance: boolean;
}

/**
 * Give every section, provision and recital that lacks an id, or shares its id with
 * another node, a fresh one.
 *
 * Which of two nodes with the same id keeps it: the one that was in the old document
 * (its old position, mapped through the change, is where the node now starts), so a
 * split or a paste never takes the id, and with it every cross-reference, away from the
 * original. A node that loses its id because it is a copy also loses its provenance when
 * the original carries the same provenance: only one node can be "the text as inserted".
 * Returns the fixes in document order.
 */
export function planIdFixes(newDoc: PMNode, oldDoc?: PMNode, mapping?: Mapping): IdFix[] {
  const seen = new Map<string, { pos: number; node: PMNode }[]>();
  const missing: number[] = [];
  newDoc.descendants((node, pos) => {
    if (!hasIdType(node)) return !node.isTextblock;
    const id = node.attrs.id as string;
    if (!id) missing.push(pos);
    else {
      const list = seen.get(id);
      if (list) list.push({ pos, node });
      else seen.set(id, [{ pos, node }]);
    }
    return !node.isTextblock;
  });
  const fixes: IdFix[] = missing.map((pos) => ({ pos, copy: false, dropProvenance: false }));
  for (const [id, list] of seen) {
    if (list.length < 2) continue;
    let keeper = 0;
    if (oldDoc && mapping) {
      const old = findById(oldDoc, id);
      if (old) {
        const mapped = mapping.map(old.pos, 1);
        const i = list.findIndex((e) => e.pos === mapped);
        if (i >= 0) keeper = i;
      }
    }
    const keptProv = JSON.stringify(list[keeper]!.node.attrs.prov ?? null);
    list.forEach((e, i) => {
      if (i === keeper) return;
      const prov = e.node.attrs.prov ?? null;
      fixes.push({ pos: e.pos, copy: true, dropProvenance: prov !== null && JSON.stringify(prov) === keptProv });
    });
  }
  return fixes.sort((a, b) => a.pos - b.pos);
}

/** Apply id fixes to a transaction (attribute changes do not move positions). */
export function applyIdFixes(tr: Transaction, fixes: IdFix[], taken: Set<string>): Transaction {
  for (const f of fixes) {
    tr.setNodeAttribute(f.pos, 'id', freshId(taken));
    if (f.dropProvenance) tr.setNodeAttribute(f.pos, 'prov', null);
    // a copy of an imported provision must not print the original's number
    if (f.copy && tr.doc.nodeAt(f.pos)?.attrs.label != null) tr.setNodeAttribute(f.pos, 'label', null);
  }
  return tr;
}

/** Give missing or duplicate ids fresh ones in an editor state (null when all are fine). */
export function ensureIds(state: EditorState, oldDoc?: PMNode, mapping?: Mapping): Transaction | null {
  const fixes = planIdFixes(state.doc, oldDoc, mapping);
  if (fixes.length === 0) return null;
  return applyIdFixes(state.tr, fixes, collectIds(state.doc)).setMeta(idPluginKey, true);
}

/** The plugin: run ensureIds after every transaction that changed the document. */
export function idPlugin(): Plugin {
  return new Plugin({
    key: idPluginKey,
    appendTransaction(transactions, oldState, newState) {
      if (!transactions.some((t) => t.docChanged)) return null;
      const mapping = new Mapping(transactions.flatMap((t) => t.mapping.maps));
      return ensureIds(newState, oldState.doc, mapping);
    },
  });
}
