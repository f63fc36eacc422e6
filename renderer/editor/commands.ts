import { chainCommands } from 'prosemirror-commands';
import type { Node as PMNode } from 'prosemirror-model';
import { NodeSelection, Selection, TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import { Mapping } from 'prosemirror-transform';
import { indentProvision, joinProvision, moveSection, outdentProvision, splitProvision } from '../../core/document/commands';
import { collectIds, freshId } from '../../core/document/ids';
import { schema } from '../../core/document/schema';

/**
 * Keys, the way an ordinance is drafted. The structural edits themselves are
 * core/document/commands; this file only decides which key runs which.
 */

const FRONT_MATTER = new Set(['title', 'caption', 'enacting', 'recital']);

/** In the title, caption, enacting clause or a recital, Enter moves on to the next block. */
export const enterMovesOn: Command = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || !FRONT_MATTER.has($from.parent.type.name)) return false;
  if (dispatch) {
    const next = Selection.findFrom(state.doc.resolve($from.after()), 1, true);
    if (next) dispatch(state.tr.setSelection(next).scrollIntoView());
  }
  return true;
};

/**
 * Enter: a new provision after this one ((a) -> (b)); at the end of a section heading,
 * the section's first provision; in front matter, the next block.
 */
export const enterInOrdinance: Command = chainCommands(splitProvision(), enterMovesOn);

/** Backspace at the very start of a provision joins it to the one before. */
export const backspaceJoinsProvision: Command = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parentOffset !== 0 || $from.parent.type.name !== 'paragraph') return false;
  return joinProvision()(state, dispatch);
};

export const indent: Command = indentProvision();
export const outdent: Command = outdentProvision();

export const insertHardBreak: Command = (state, dispatch) => {
  const hardBreak = schema.nodes.hard_break;
  if (!hardBreak) return false;
  if (dispatch) dispatch(state.tr.replaceSelectionWith(hardBreak.create()).scrollIntoView());
  return true;
};

/** Depth of the innermost provision around the selection's start, or -1. */
function provisionDepthAt(state: EditorState): number {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type.name === 'provision') return d;
  return -1;
}

function newProvisionNode(doc: PMNode, taken?: Set<string>) {
  return schema.nodes.provision!.create({ id: freshId(taken ?? collectIds(doc)), prov: null, label: null }, schema.nodes.paragraph!.create());
}

/**
 * Mod-Enter: a new, empty provision right after the current one (after its nested
 * provisions too), at the same level, wherever the cursor is in it. In a section
 * heading: a new first provision of the section.
 */
export const newProvisionAfter: Command = (state, dispatch) => {
  const { $from } = state.selection;
  const d = provisionDepthAt(state);
  let pos: number;
  if (d > 0) pos = $from.after(d);
  else if ($from.parent.type.name === 'heading' && $from.depth >= 2 && $from.node($from.depth - 1).type.name === 'section') pos = $from.after();
  else return false;
  if (dispatch) {
    const tr = state.tr.insert(pos, newProvisionNode(state.doc));
    tr.setSelection(TextSelection.create(tr.doc, pos + 2));
    dispatch(tr.scrollIntoView());
  }
  return true;
};

/** Where a new section goes: after the section holding the cursor; in front matter, before the first section; in the adoption block, after the last section. */
function newSectionPos(state: EditorState): number | null {
  const { $from } = state.selection;
  if ($from.depth >= 1 && $from.node(1).type.name === 'section') return $from.after(1);
  let first = -1;
  let afterLast = -1;
  state.doc.forEach((node, off) => {
    if (node.type.name !== 'section') return;
    if (first < 0) first = off;
    afterLast = off + node.nodeSize;
  });
  if (first < 0) return null;
  return $from.depth >= 1 && $from.node(1).type.name === 'adoption' ? afterLast : first;
}

/** Mod-Shift-Enter: a new section (empty heading, one empty provision) after the current section; the cursor goes to its heading. */
export const newSection: Command = (state, dispatch) => {
  const pos = newSectionPos(state);
  if (pos === null) return false;
  if (dispatch) {
    const taken = collectIds(state.doc);
    const section = schema.nodes.section!.create({ id: freshId(taken), prov: null, label: null, role: 'operative' }, [
      schema.nodes.heading!.create(),
      newProvisionNode(state.doc, taken),
    ]);
    const tr = state.tr.insert(pos, section);
    tr.setSelection(TextSelection.create(tr.doc, pos + 2));
    dispatch(tr.scrollIntoView());
  }
  return true;
};

/** The id of the section holding the selection, or null. */
export function currentSectionId(state: EditorState): string | null {
  const { $from } = state.selection;
  if ($from.depth < 1) {
    const node = state.selection instanceof NodeSelection ? state.selection.node : null;
    return node?.type.name === 'section' ? (node.attrs.id as string) : null;
  }
  const top = $from.node(1);
  return top.type.name === 'section' ? (top.attrs.id as string) : null;
}

/** Alt-ArrowUp / Alt-ArrowDown: move the section holding the cursor one place (core's moveSection: numbers and cross-references follow). */
export function moveCurrentSection(dir: 'up' | 'down'): Command {
  return (state, dispatch) => {
    const id = currentSectionId(state);
    if (!id) return false;
    // at the first or last place the key is still ours: nothing else should happen
    return moveSection(id, dir)(state, dispatch) || true;
  };
}

/**
 * Move a section to another place among the sections (an outline drag), as one
 * transaction made of core moveSection steps, so it is one undo step and every
 * number and cross-reference follows.
 */
export function moveSectionTo(id: string, toIndex: number): Command {
  return (state, dispatch) => {
    const ids: string[] = [];
    state.doc.forEach((n) => {
      if (n.type.name === 'section') ids.push(n.attrs.id as string);
    });
    const from = ids.indexOf(id);
    if (from < 0 || toIndex < 0 || toIndex >= ids.length) return false;
    if (from === toIndex) return false;
    if (!dispatch) return true;
    const dir = toIndex < from ? 'up' : 'down';
    const tr = state.tr;
    let current = state;
    for (let i = 0; i < Math.abs(toIndex - from); i++) {
      let moved: Transaction | null = null;
      moveSection(id, dir)(current, (t) => {
        moved = t;
      });
      if (!moved) break;
      const t = moved as Transaction;
      for (const step of t.steps) tr.step(step);
      current = current.apply(t);
    }
    if (!tr.docChanged) return false;
    tr.setSelection(current.selection.map(tr.doc, new Mapping()));
    dispatch(tr.scrollIntoView());
    return true;
  };
}
