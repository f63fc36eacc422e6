import type { Node as PMNode } from 'prosemirror-model';
import { NodeSelection, Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import type { EditorView, NodeView, NodeViewConstructor } from 'prosemirror-view';
import { numberDocument, xrefText } from '../../core/document/numbering';
import { placeholderText, resolvePlaceholder, type ProfileValues } from '../../core/document/placeholders';
import { PLACEHOLDERS, isPlaceholderKey } from '../../core/schema';
import { numberingKey } from './numbering-plugin';

/**
 * The inline atoms as the drafter sees them:
 * - a placeholder is a chip showing the profile's value, or the key ("[governing
 *   body]", highlighted) while the profile lacks it. Click it, or select it and press
 *   Enter, to fill the value in: every chip with that key follows, because the value
 *   lives in the profile, never in the text.
 * - a cross-reference is a link showing its target's computed label ("Section 4(b)");
 *   Ctrl/Cmd-click it, or select it and press Enter, to go there.
 *
 * The views register themselves in an InlineViews registry, so a new profile or new
 * numbers update the chips and links in place (a few DOM writes) instead of redrawing
 * the whole document.
 */

export interface InlineHooks {
  /** Open the inline field to fill a placeholder; `anchor` is the chip. */
  editPlaceholder(key: string, anchor: HTMLElement): void;
  /** Go to a cross-reference's target. */
  jumpTo(targetId: string): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const modName = isMac ? '⌘' : 'Ctrl';

/** The part of a placeholder's registry description before the example. */
export function placeholderLabel(key: string): string {
  if (!isPlaceholderKey(key)) return key.replace(/_/g, ' ');
  return PLACEHOLDERS[key].replace(/,\s*e\.g\..*$/, '');
}

class PlaceholderView implements NodeView {
  dom: HTMLElement;
  constructor(
    public node: PMNode,
    private readonly registry: InlineViews,
  ) {
    this.dom = document.createElement('span');
    this.render();
    registry.placeholders.add(this);
  }
  render(): void {
    const key = this.node.attrs.key as string;
    const profile = this.registry.profile;
    const value = resolvePlaceholder(profile, key);
    const text = placeholderText(profile, key);
    const cls = value !== null ? 'ow-placeholder ow-placeholder-filled' : 'ow-placeholder ow-placeholder-open';
    if (this.dom.className !== cls) this.dom.className = cls;
    if (this.dom.textContent !== text) this.dom.textContent = text;
    this.dom.dataset.key = key;
    const about = placeholderLabel(key);
    this.dom.title = value !== null ? `${about}: from the jurisdiction profile. Click to change.` : `${about}: not filled yet. Click to fill it in.`;
  }
  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.render();
    return true;
  }
  ignoreMutation(): boolean {
    return true;
  }
  destroy(): void {
    this.registry.placeholders.delete(this);
  }
}

class XrefView implements NodeView {
  dom: HTMLElement;
  constructor(
    public node: PMNode,
    private readonly view: EditorView,
    private readonly getPos: () => number | undefined,
    private readonly registry: InlineViews,
  ) {
    this.dom = document.createElement('span');
    this.dom.className = 'ow-xref';
    this.dom.setAttribute('role', 'link');
    this.render(view.state);
    registry.xrefs.add(this);
  }
  render(state: EditorState): void {
    const target = this.node.attrs.target as string;
    const pos = this.getPos();
    let from: string | undefined;
    if (pos !== undefined && pos <= state.doc.content.size) {
      const $pos = state.doc.resolve(pos);
      const top = $pos.depth >= 1 ? $pos.node(1) : null;
      if (top?.type.name === 'section') from = top.attrs.id as string;
    }
    const text = xrefText(numberDocument(state.doc), target, from);
    if (this.dom.textContent !== text) this.dom.textContent = text;
    const missing = text === '[missing reference]';
    this.dom.classList.toggle('ow-xref-missing', missing);
    this.dom.dataset.target = target;
    this.dom.title = missing ? 'Cross-reference to a provision that is no longer in the ordinance' : `Cross-reference: ${modName}-click or select and press Enter to go to ${text}`;
  }
  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.render(this.view.state);
    return true;
  }
  ignoreMutation(): boolean {
    return true;
  }
  destroy(): void {
    this.registry.xrefs.delete(this);
  }
}

const NO_HOOKS: InlineHooks = { editPlaceholder: () => undefined, jumpTo: () => undefined };

/** The live placeholder and cross-reference views of one editor. */
export class InlineViews {
  readonly placeholders = new Set<PlaceholderView>();
  readonly xrefs = new Set<XrefView>();
  private hooksNow: InlineHooks = NO_HOOKS;
  private profileNow: ProfileValues;

  constructor(profile: ProfileValues) {
    this.profileNow = profile;
  }

  get hooks(): InlineHooks {
    return this.hooksNow;
  }
  get profile(): ProfileValues {
    return this.profileNow;
  }

  /** What clicks and keys on the atoms do (the workspace's handlers). */
  setHooks(hooks: InlineHooks): void {
    this.hooksNow = hooks;
  }

  /** A new profile: every chip shows its value at once (a few DOM writes, no redraw). */
  setProfile(profile: ProfileValues): void {
    if (profile === this.profileNow) return;
    this.profileNow = profile;
    this.refreshPlaceholders();
  }

  nodeViews(): Record<string, NodeViewConstructor> {
    return {
      placeholder: (node) => new PlaceholderView(node, this),
      xref: (node, view, getPos) => new XrefView(node, view, getPos, this),
    };
  }

  /** The profile changed: every chip shows its new value. */
  refreshPlaceholders(): void {
    for (const v of this.placeholders) v.render();
  }

  /** Numbers may have changed: every link shows its target's new label. */
  refreshXrefs(state: EditorState): void {
    for (const v of this.xrefs) v.render(state);
  }

  /**
   * Clicks and keys on the atoms, and keeping the links' labels in step with the
   * numbering (only when the numbers were recomputed: typing in a paragraph leaves
   * them as they are).
   */
  plugin(): Plugin {
    return new Plugin({
      key: new PluginKey('ordwright-inline-views'),
      view: () => ({
        update: (view, prev) => {
          const a = numberingKey.getState(view.state)?.structure;
          const b = numberingKey.getState(prev)?.structure;
          if (a !== b || (view.state.doc !== prev.doc && a === undefined)) this.refreshXrefs(view.state);
        },
      }),
      props: {
        handleClickOn: (view, _pos, node, nodePos, event, direct) => {
          if (!direct) return false;
          if (node.type.name === 'xref' && (isMac ? event.metaKey : event.ctrlKey)) {
            this.hooks.jumpTo(node.attrs.target as string);
            return true;
          }
          if (node.type.name === 'placeholder' && event.button === 0 && !event.shiftKey) {
            view.dispatch(view.state.tr.setSelection(NodeSelection.create(view.state.doc, nodePos)));
            const dom = view.nodeDOM(nodePos);
            if (dom instanceof HTMLElement) this.hooks.editPlaceholder(node.attrs.key as string, dom);
            return true;
          }
          return false;
        },
        handleKeyDown: (view, event) => {
          if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return false;
          const sel = view.state.selection;
          if (!(sel instanceof NodeSelection)) return false;
          if (sel.node.type.name === 'xref') {
            this.hooks.jumpTo(sel.node.attrs.target as string);
            return true;
          }
          if (sel.node.type.name === 'placeholder') {
            const dom = view.nodeDOM(sel.from);
            if (dom instanceof HTMLElement) this.hooks.editPlaceholder(sel.node.attrs.key as string, dom);
            return true;
          }
          return false;
        },
      },
    });
  }
}
