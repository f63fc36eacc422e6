import type { Node as PMNode } from 'prosemirror-model';
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { definitionsLayout } from '../../core/document/definitions';
import type { Library } from '../../core/library/library';
import { placeholderText, type ProfileValues } from '../../core/document/placeholders';

/**
 * Defined terms are marked subtly in the text (a dotted underline, see styles.css);
 * hovering one, or moving the cursor into one with the keyboard, shows its definition
 * as the ordinance's definitions section words it now (edits included), or says that
 * the ordinance does not define it yet.
 */

const MAX_CHARS = 420;

/** The definition of a term as the document has it, or a sentence saying it has none. */
export function definitionText(doc: PMNode, library: Library, term: string, profile: ProfileValues = null): string {
  const entry = definitionsLayout(doc, library)?.entries.find((e) => e.term === term);
  if (entry) {
    const parts: string[] = [];
    entry.node.descendants((n) => {
      if (n.isTextblock) {
        parts.push(n.textBetween(0, n.content.size, ' ', (leaf) => (leaf.type.name === 'placeholder' ? placeholderText(profile, leaf.attrs.key as string) : leaf.type.name === 'xref' ? '[reference]' : ' ')));
        return false;
      }
      return true;
    });
    const text = parts.join(' ').replace(/\s+/g, ' ').trim();
    return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1).trimEnd()}…` : text;
  }
  const lib = library.definitionByTerm.get(term);
  return lib ? `“${term}” is not defined in this ordinance yet (the clause library has a definition: ${lib.title}).` : `“${term}” is not defined in this ordinance.`;
}

const termTipKey = new PluginKey<number>('ordwright-term-tooltip');

/** The term mark at the cursor, if any. */
function termAtCursor(state: EditorState): string | null {
  const sel = state.selection;
  const $from = sel.$from;
  const mark = $from.marks().find((m) => m.type.name === 'term') ?? $from.nodeAfter?.marks.find((m) => m.type.name === 'term') ?? $from.nodeBefore?.marks.find((m) => m.type.name === 'term');
  return mark ? (mark.attrs.term as string) : null;
}

/** Show the definition of the term at the cursor (the context menu's "Show definition"); false when the cursor is in no term. */
export function showDefinitionAtCursor(view: EditorView): boolean {
  if (!termAtCursor(view.state) || termTipKey.getState(view.state) === undefined) return false;
  view.dispatch(view.state.tr.setMeta(termTipKey, true));
  view.focus();
  return true;
}

export function termTooltipPlugin(library: Library, profile: () => ProfileValues = () => null): Plugin {
  let tip: HTMLElement | null = null;
  let shownFor: Element | number | null = null;

  const hide = () => {
    if (tip) tip.hidden = true;
    shownFor = null;
  };
  const show = (view: EditorView, term: string, rect: { left: number; bottom: number; top: number }, key: Element | number) => {
    if (shownFor === key && tip && !tip.hidden) return;
    if (!tip) {
      tip = document.createElement('div');
      tip.className = 'ow-term-tip';
      tip.setAttribute('role', 'tooltip');
      tip.id = 'ow-term-tip';
      document.body.appendChild(tip);
    }
    tip.textContent = '';
    const head = document.createElement('strong');
    head.textContent = term.replace(/-/g, ' ');
    const body = document.createElement('span');
    body.textContent = definitionText(view.state.doc, library, term, profile());
    tip.append(head, body);
    tip.hidden = false;
    const width = Math.min(380, window.innerWidth - 24);
    tip.style.maxWidth = `${width}px`;
    const left = Math.max(12, Math.min(rect.left, window.innerWidth - width - 12));
    const below = rect.bottom + 6;
    tip.style.left = `${left}px`;
    tip.style.top = `${below}px`;
    // flip above the term when it would leave the window
    const h = tip.getBoundingClientRect().height;
    if (below + h > window.innerHeight - 8) tip.style.top = `${Math.max(8, rect.top - h - 6)}px`;
    shownFor = key;
  };

  return new Plugin<number>({
    key: termTipKey,
    // bumped by showDefinitionAtCursor
    state: { init: () => 0, apply: (tr, n) => (tr.getMeta(termTipKey) ? n + 1 : n) },
    view: (view) => {
      const onScroll = () => hide();
      const scroller = view.dom.closest('.ow-editor-scroll');
      scroller?.addEventListener('scroll', onScroll, { passive: true });
      return {
        update(v, prev) {
          const asked = termTipKey.getState(v.state) !== termTipKey.getState(prev);
          // keyboard: the cursor moved into a term (not while typing), or "Show definition"
          if (!asked && (v.state.doc !== prev.doc || v.state.selection.eq(prev.selection))) return;
          const sel = v.state.selection;
          if (!asked && (!sel.empty || !v.hasFocus())) return hide();
          const term = termAtCursor(v.state);
          if (!term) return hide();
          const c = v.coordsAtPos(sel.from);
          if (asked) shownFor = null;
          show(v, term, { left: c.left, top: c.top, bottom: c.bottom }, -1);
        },
        destroy() {
          scroller?.removeEventListener('scroll', onScroll);
          tip?.remove();
          tip = null;
        },
      };
    },
    props: {
      handleDOMEvents: {
        mouseover(view, event) {
          const el = (event.target as Element | null)?.closest?.('.ow-term');
          if (!el || !view.dom.contains(el)) {
            if (typeof shownFor === 'object' && shownFor !== null) hide();
            return false;
          }
          const term = el.getAttribute('data-term');
          if (!term) return false;
          const r = el.getBoundingClientRect();
          show(view, term, { left: r.left, top: r.top, bottom: r.bottom }, el);
          return false;
        },
        mouseleave() {
          hide();
          return false;
        },
        blur() {
          hide();
          return false;
        },
      },
    },
  });
}
