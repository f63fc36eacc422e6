import { baseKeymap } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { EditorState, Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import type { Library } from '../../core/library/library';
import {
  backspaceJoinsProvision,
  enterInOrdinance,
  indent,
  insertHardBreak,
  moveCurrentSection,
  newProvisionAfter,
  newSection,
  outdent,
} from './commands';
import { findPlugin } from './find-plugin';
import type { InlineViews } from './inline-views';
import { numberingPlugin, onlyInlineEdits } from './numbering-plugin';
import { definitionsSyncPlugin, idsPlugin } from './sync-plugins';
import { termTooltipPlugin } from './terms';

/** Hints shown in empty blocks, so a new project says where to write what. */
const EMPTY_HINTS: Record<string, string> = {
  title: 'Title of the ordinance',
  caption: 'Caption: what the ordinance does, in one sentence',
  heading: 'Section heading',
  paragraph: 'Text of the provision',
  recital: 'Whereas…',
  enacting: 'Enacting clause',
};

function hintWidget(text: string): () => HTMLElement {
  return () => {
    const el = document.createElement('span');
    el.className = 'ow-hint-inline';
    el.textContent = text;
    el.setAttribute('contenteditable', 'false');
    el.setAttribute('aria-hidden', 'true');
    return el;
  };
}

function hintAt(node: PMNode, pos: number): Decoration | null {
  const hint = EMPTY_HINTS[node.type.name];
  if (node.content.size !== 0 || !hint) return null;
  return Decoration.widget(pos + 1, hintWidget(hint), { side: 1, key: `hint:${hint}`, ignoreSelection: true });
}

function allHints(doc: PMNode): DecorationSet {
  const decos: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const d = hintAt(node, pos);
    if (d) decos.push(d);
    return false;
  });
  return DecorationSet.create(doc, decos);
}

/**
 * A greyed hint in each empty block. A widget rather than CSS ::before, so it sits
 * after the computed number ("(b) Text of the provision") and the caret stays before it.
 * Typing revisits only the paragraphs it touched; a structural change rescans.
 */
function emptyHintPlugin(): Plugin<DecorationSet> {
  const key = new PluginKey<DecorationSet>('ordwright-empty-hints');
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_c, state) => allHints(state.doc),
      apply(tr, old) {
        if (!tr.docChanged) return old;
        if (!onlyInlineEdits(tr)) return allHints(tr.doc);
        let set = old.map(tr.mapping, tr.doc);
        tr.steps.forEach((step, i) => {
          const at = (step as unknown as { from: number }).from;
          const $p = tr.doc.resolve(Math.min(tr.mapping.slice(i).map(at), tr.doc.content.size));
          const block = $p.parent;
          if (!block.isTextblock) return;
          const start = $p.start();
          set = set.remove(set.find(start, start + block.content.size));
          const d = hintAt(block, start - 1);
          if (d) set = set.add(tr.doc, [d]);
        });
        return set;
      },
    },
    props: { decorations: (state) => key.getState(state) },
  });
}

/**
 * The section holding the selection is always laid out (styles.css lets sections out of
 * view skip layout): Chromium places the caret and inserts typed text only in laid-out
 * text, and a section the cursor has just jumped to, or that was just created, may not
 * have been reached by a frame yet.
 */
function currentSectionPlugin(): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        const { $from } = state.selection;
        if ($from.depth < 1) return null;
        const top = $from.node(1);
        if (top.type.name !== 'section') return null;
        const start = $from.before(1);
        return DecorationSet.create(state.doc, [Decoration.node(start, start + top.nodeSize, { class: 'ow-section-current' })]);
      },
    },
  });
}

export interface EditorEnv {
  /** The clause library: keeps the definitions section in step, and says what terms mean. */
  library: Library | null;
  /** Placeholder chips and cross-reference links (see inline-views.ts). */
  inline: InlineViews | null;
  /** More plugins (the clause library's drop target). */
  extra?: Plugin[];
}

export function editorPlugins(env: EditorEnv): Plugin[] {
  return [
    history(),
    keymap({
      'Mod-z': undo,
      'Mod-y': redo,
      'Mod-Shift-z': redo,
      Enter: enterInOrdinance,
      'Shift-Enter': insertHardBreak,
      Backspace: backspaceJoinsProvision,
      Tab: indent,
      'Shift-Tab': outdent,
      'Mod-Enter': newProvisionAfter,
      'Mod-Shift-Enter': newSection,
      'Alt-ArrowUp': moveCurrentSection('up'),
      'Alt-ArrowDown': moveCurrentSection('down'),
    }),
    keymap(baseKeymap),
    idsPlugin(),
    ...(env.library ? [definitionsSyncPlugin(env.library), termTooltipPlugin(env.library, () => env.inline?.profile ?? null)] : []),
    numberingPlugin(),
    ...(env.inline ? [env.inline.plugin()] : []),
    emptyHintPlugin(),
    currentSectionPlugin(),
    findPlugin(),
    ...(env.extra ?? []),
  ];
}

export function createEditorState(doc: PMNode, env: EditorEnv): EditorState {
  return EditorState.create({ doc, plugins: editorPlugins(env) });
}

/** Words in the document, as a clerk would count them (atoms count as one word). */
export function wordCount(doc: PMNode): number {
  const text = doc.textBetween(0, doc.content.size, ' ', (leaf) => (leaf.type.name === 'hard_break' ? ' ' : ' x '));
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu);
  return m ? m.length : 0;
}
