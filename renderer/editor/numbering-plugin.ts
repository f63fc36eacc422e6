import { Plugin, PluginKey, type Transaction } from 'prosemirror-state';
import { AddMarkStep, RemoveMarkStep, ReplaceStep } from 'prosemirror-transform';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { numberDocument } from '../../core/document/numbering';

/**
 * Shows the computed numbers ("Section 2.", "(a)", "(1)") in front of headings and
 * provisions, or the number an imported document printed (the `label` attribute).
 * Numbers are never stored in the document: they are widgets recomputed from position
 * whenever the structure changes, so moving a provision renumbers all.
 *
 * Typing inside a paragraph cannot change any number, and at 300 sections recomputing
 * every label on each keystroke would be wasted work: such a transaction only maps the
 * widgets. Anything else (a split, a join, an indent, a move, an attribute change)
 * recomputes them. `structure` counts the recomputations, so other parts of the editor
 * (cross-reference labels) know when numbers may have changed.
 */

export interface NumberingState {
  decorations: DecorationSet;
  /** Bumped whenever the numbers were recomputed. */
  structure: number;
}

export const numberingKey = new PluginKey<NumberingState>('ordwright-numbering');

function label(text: string, kind: 'section' | 'provision'): () => HTMLElement {
  return () => {
    const el = document.createElement('span');
    el.className = kind === 'section' ? 'ow-num ow-num-section' : 'ow-num ow-num-provision';
    el.textContent = text;
    el.setAttribute('contenteditable', 'false');
    return el;
  };
}

export function numberingDecorations(doc: PMNode): DecorationSet {
  const decos: Decoration[] = [];
  for (const l of numberDocument(doc).byPos.values()) {
    if (!l.own) continue; // a sole provision is not lettered
    // l.pos is the section/provision; +1 enters it, +1 more enters its first textblock
    const at = l.pos + 2;
    decos.push(Decoration.widget(at, label(l.own, l.kind), { side: -1, key: `${l.kind}:${l.own}`, ignoreSelection: true, marks: [] }));
  }
  return DecorationSet.create(doc, decos);
}

/**
 * True when every step of the transaction edits text inside a single textblock (typing,
 * deleting within a paragraph, pasting inline content, marks): no section or provision
 * was added, removed, moved or given other attributes, so no number changed.
 */
export function onlyInlineEdits(tr: Transaction): boolean {
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]!;
    if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) continue;
    if (!(step instanceof ReplaceStep)) return false;
    const doc = tr.docs[i]!;
    const { from, to, slice } = step as ReplaceStep & { from: number; to: number };
    if (slice.openStart !== 0 || slice.openEnd !== 0) return false;
    let blockOnly = true;
    slice.content.forEach((n) => {
      if (!n.isInline) blockOnly = false;
    });
    if (!blockOnly) return false;
    const $from = doc.resolve(from);
    if (!$from.parent.isTextblock) return false;
    if (to !== from && !$from.sameParent(doc.resolve(to))) return false;
  }
  return true;
}

export function numberingPlugin(): Plugin<NumberingState> {
  return new Plugin<NumberingState>({
    key: numberingKey,
    state: {
      init: (_config, state) => ({ decorations: numberingDecorations(state.doc), structure: 0 }),
      apply: (tr, old) => {
        if (!tr.docChanged) return old;
        if (onlyInlineEdits(tr)) return { decorations: old.decorations.map(tr.mapping, tr.doc), structure: old.structure };
        return { decorations: numberingDecorations(tr.doc), structure: old.structure + 1 };
      },
    },
    props: {
      decorations: (state) => numberingKey.getState(state)?.decorations,
    },
  });
}
