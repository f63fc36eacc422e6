import { Plugin, type Transaction } from 'prosemirror-state';
import { AddMarkStep, Mapping, ReplaceStep } from 'prosemirror-transform';
import { definitionsPluginKey, syncDefinitions } from '../../core/document/definitions';
import { ensureIds, idPluginKey } from '../../core/document/ids';
import type { Library } from '../../core/library/library';
import { onlyInlineEdits } from './numbering-plugin';

/**
 * Core's id and definitions plugins (core/document/ids.ts, definitions.ts), with a fast
 * path for typing. Each of them looks at the whole document after every change: at 300
 * sections that is a few milliseconds on every keystroke. Typing inside a paragraph
 * cannot leave a section or provision without an id or with a copied one (ids live on
 * blocks, and such an edit adds none), and it can make a new term used only if the text
 * it inserts carries a term mark; so those edits skip the walk. Everything else runs
 * core's ensureIds / syncDefinitions exactly as core's plugins do, under the same keys.
 */

function addsTerm(tr: Transaction): boolean {
  for (const step of tr.steps) {
    if (step instanceof AddMarkStep && step.mark.type.name === 'term') return true;
    if (step instanceof ReplaceStep) {
      let found = false;
      step.slice.content.descendants((n) => {
        if (n.marks.some((m) => m.type.name === 'term')) found = true;
        return !found;
      });
      if (found) return true;
    }
  }
  return false;
}

export function idsPlugin(): Plugin {
  return new Plugin({
    key: idPluginKey,
    appendTransaction(transactions, oldState, newState) {
      const changed = transactions.filter((t) => t.docChanged);
      if (changed.length === 0 || changed.every(onlyInlineEdits)) return null;
      const mapping = new Mapping(transactions.flatMap((t) => t.mapping.maps));
      return ensureIds(newState, oldState.doc, mapping);
    },
  });
}

export function definitionsSyncPlugin(library: Library): Plugin {
  return new Plugin({
    key: definitionsPluginKey,
    appendTransaction(transactions, _old, newState) {
      const changed = transactions.filter((t) => t.docChanged);
      if (changed.length === 0 || transactions.some((t) => t.getMeta(definitionsPluginKey))) return null;
      if (changed.every((t) => onlyInlineEdits(t) && !addsTerm(t))) return null;
      const { tr } = syncDefinitions(newState, library);
      return tr ? tr.setMeta(definitionsPluginKey, true) : null;
    },
  });
}
