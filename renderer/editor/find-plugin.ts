import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';

/** Find in the document: highlights every match of the query and steps through them. */

export interface FindState {
  query: string;
  matches: { from: number; to: number }[];
  decorations: DecorationSet;
}

export const findKey = new PluginKey<FindState>('ordwright-find');

/** Every case-insensitive match of `query` within a textblock (matches never span blocks). */
export function findMatches(doc: PMNode, query: string): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const q = query.toLocaleLowerCase();
  if (!q) return out;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // one character per position: atoms (placeholders, cross-references) become U+FFFC
    const text = node.textBetween(0, node.content.size, undefined, '\ufffc').toLocaleLowerCase();
    for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + q.length)) out.push({ from: pos + 1 + i, to: pos + 1 + i + q.length });
    return false;
  });
  return out;
}

function compute(doc: PMNode, query: string): FindState {
  const matches = findMatches(doc, query);
  return { query, matches, decorations: DecorationSet.create(doc, matches.map((m) => Decoration.inline(m.from, m.to, { class: 'ow-find-match' }))) };
}

export function findPlugin(): Plugin<FindState> {
  return new Plugin<FindState>({
    key: findKey,
    state: {
      init: () => ({ query: '', matches: [], decorations: DecorationSet.empty }),
      apply(tr, old) {
        const q = tr.getMeta(findKey) as string | undefined;
        if (q !== undefined) return compute(tr.doc, q);
        if (tr.docChanged && old.query) return compute(tr.doc, old.query);
        return old;
      },
    },
    props: { decorations: (state) => findKey.getState(state)?.decorations },
  });
}

export function setFindQuery(view: EditorView, query: string): number {
  view.dispatch(view.state.tr.setMeta(findKey, query));
  return findKey.getState(view.state)?.matches.length ?? 0;
}

/** Select the next (dir 1) or previous (dir -1) match after the selection. */
export function findStep(state: EditorState, dir: 1 | -1): Transaction | null {
  const matches = findKey.getState(state)?.matches ?? [];
  if (matches.length === 0) return null;
  const { from, to } = state.selection;
  const next =
    dir === 1
      ? (matches.find((m) => m.from >= to && !(m.from === from && m.to === to)) ?? matches[0]!)
      : ([...matches].reverse().find((m) => m.to <= from) ?? matches[matches.length - 1]!);
  return state.tr.setSelection(TextSelection.create(state.doc, next.from, next.to)).scrollIntoView();
}

/** 1-based index of the selected match, or 0. */
export function currentMatchIndex(state: EditorState): number {
  const matches = findKey.getState(state)?.matches ?? [];
  const { from, to } = state.selection;
  return matches.findIndex((m) => m.from === from && m.to === to) + 1;
}

/**
 * Replace the text from..to (within one textblock) keeping the marks of its first
 * character: replacing a defined term's words keeps it the defined term, emphasis stays.
 */
function replaceText(tr: Transaction, from: number, to: number, text: string): void {
  if (!text) {
    tr.delete(from, to);
    return;
  }
  const marks = tr.doc.resolve(from).nodeAfter?.marks ?? [];
  tr.replaceWith(from, to, tr.doc.type.schema.text(text, marks));
}

/** Replace the selected match (if the selection is one) and select the next match. */
export function replaceCurrent(state: EditorState, replacement: string): Transaction | null {
  const matches = findKey.getState(state)?.matches ?? [];
  const { from, to } = state.selection;
  const hit = matches.find((m) => m.from === from && m.to === to);
  if (!hit) return findStep(state, 1);
  const tr = state.tr;
  replaceText(tr, hit.from, hit.to, replacement);
  // the next match after the replaced text, wrapping around
  const after = hit.from + replacement.length;
  const next = findMatches(tr.doc, findKey.getState(state)?.query ?? '');
  const target = next.find((m) => m.from >= after) ?? next[0];
  if (target) tr.setSelection(TextSelection.create(tr.doc, target.from, target.to));
  else tr.setSelection(TextSelection.create(tr.doc, after));
  return tr.scrollIntoView();
}

/** Replace every match in one transaction (one undo step). Null when nothing matches. */
export function replaceAll(state: EditorState, replacement: string): { tr: Transaction; count: number } | null {
  const matches = findKey.getState(state)?.matches ?? [];
  if (matches.length === 0) return null;
  const tr = state.tr;
  // from the last to the first, so earlier positions stay valid
  for (let i = matches.length - 1; i >= 0; i--) {
    const m = matches[i]!;
    replaceText(tr, m.from, m.to, replacement);
  }
  return { tr: tr.scrollIntoView(), count: matches.length };
}
