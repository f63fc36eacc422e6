import { Schema, type NodeSpec, type MarkSpec, type Node as PMNode } from 'prosemirror-model';

/**
 * The ProseMirror schema of an ordinance.
 *
 *   doc       := title caption recital* enacting section+ adoption?
 *   section   := heading provision*            (Section 1., Section 2., ...)
 *   provision := paragraph provision*          ((a) -> (1) -> (A) -> (i), by depth)
 *   adoption  := paragraph+                    (adoption and signature block)
 *
 * Numbers are never stored: core/document/numbering computes them from position.
 * Sections and provisions carry a stable `id`; nodes inserted from the library carry
 * provenance (clause id, variant, library version, hash of the inserted text).
 * An imported document keeps its own numbers in the `label` attribute of sections and
 * provisions; numbering shows them instead of computed ones.
 * A section whose `role` is "definitions" is the definitions section: its provisions
 * are the definitions of the terms the ordinance uses, in alphabetical order.
 */

/** Provenance of a node inserted from the clause library. */
export interface Provenance {
  clause: string;
  variant: string;
  libraryVersion: string;
  /** Hash of the node's text as inserted (see core/document/hash.ts). */
  hash: string;
}

/** Read a data-* attribute without DOM types (core/ is platform-free). */
function data(dom: unknown, name: string): string | undefined {
  return (dom as { getAttribute(n: string): string | null }).getAttribute(`data-${name}`) ?? undefined;
}

const blockAttrs = {
  id: { default: '' },
  /** Provenance | null */
  prov: { default: null },
  /**
   * The number an imported document gave this section or provision ("2-173-020", "(b)"),
   * kept as printed; null for everything Ordwright numbers itself.
   */
  label: { default: null },
};

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'title caption recital* enacting section+ adoption?' },
  title: {
    content: 'inline*',
    defining: true,
    parseDOM: [{ tag: 'h1.ow-title' }],
    toDOM: () => ['h1', { class: 'ow-title' }, 0],
  },
  caption: {
    content: 'inline*',
    defining: true,
    parseDOM: [{ tag: 'p.ow-caption' }],
    toDOM: () => ['p', { class: 'ow-caption' }, 0],
  },
  recital: {
    content: 'inline*',
    attrs: blockAttrs,
    defining: true,
    parseDOM: [{ tag: 'p.ow-recital', getAttrs: (d) => ({ id: data(d, 'id') ?? '' }) }],
    toDOM: (n) => ['p', { class: 'ow-recital', 'data-id': n.attrs.id }, 0],
  },
  enacting: {
    content: 'inline*',
    attrs: { prov: { default: null } },
    defining: true,
    parseDOM: [{ tag: 'p.ow-enacting' }],
    toDOM: () => ['p', { class: 'ow-enacting' }, 0],
  },
  section: {
    content: 'heading provision*',
    attrs: { ...blockAttrs, role: { default: 'operative' } },
    defining: true,
    isolating: true,
    parseDOM: [
      {
        tag: 'section.ow-section',
        getAttrs: (d) => ({ id: data(d, 'id') ?? '', role: data(d, 'role') ?? 'operative' }),
      },
    ],
    toDOM: (n) => ['section', { class: 'ow-section', 'data-id': n.attrs.id, 'data-role': n.attrs.role }, 0],
  },
  heading: {
    content: 'inline*',
    defining: true,
    parseDOM: [{ tag: 'h2.ow-heading' }],
    toDOM: () => ['h2', { class: 'ow-heading' }, 0],
  },
  provision: {
    content: 'paragraph provision*',
    attrs: blockAttrs,
    defining: true,
    parseDOM: [{ tag: 'div.ow-provision', getAttrs: (d) => ({ id: data(d, 'id') ?? '' }) }],
    toDOM: (n) => ['div', { class: 'ow-provision', 'data-id': n.attrs.id }, 0],
  },
  paragraph: {
    content: 'inline*',
    parseDOM: [{ tag: 'p' }],
    toDOM: () => ['p', 0],
  },
  adoption: {
    content: 'paragraph+',
    attrs: { prov: { default: null } },
    parseDOM: [{ tag: 'div.ow-adoption' }],
    toDOM: () => ['div', { class: 'ow-adoption' }, 0],
  },
  text: { group: 'inline' },
  placeholder: {
    group: 'inline',
    inline: true,
    atom: true,
    attrs: { key: {} },
    parseDOM: [{ tag: 'span.ow-placeholder', getAttrs: (d) => ({ key: data(d, 'key') }) }],
    toDOM: (n) => ['span', { class: 'ow-placeholder', 'data-key': n.attrs.key }, `{${n.attrs.key}}`],
  },
  xref: {
    group: 'inline',
    inline: true,
    atom: true,
    attrs: { target: {} },
    parseDOM: [{ tag: 'span.ow-xref', getAttrs: (d) => ({ target: data(d, 'target') }) }],
    toDOM: (n) => ['span', { class: 'ow-xref', 'data-target': n.attrs.target }, '\u2192'],
  },
  hard_break: {
    group: 'inline',
    inline: true,
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: () => ['br'],
  },
};

const marks: Record<string, MarkSpec> = {
  term: {
    attrs: { term: {} },
    inclusive: false,
    parseDOM: [{ tag: 'span.ow-term', getAttrs: (d) => ({ term: data(d, 'term') }) }],
    toDOM: (m) => ['span', { class: 'ow-term', 'data-term': m.attrs.term }, 0],
  },
  em: {
    parseDOM: [{ tag: 'em' }, { tag: 'i' }],
    toDOM: () => ['em', 0],
  },
  strong: {
    parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
    toDOM: () => ['strong', 0],
  },
  /** Redline: inserted text (underlined), with author and ISO date. */
  ins: {
    attrs: { author: { default: '' }, date: { default: '' } },
    parseDOM: [{ tag: 'ins' }],
    toDOM: () => ['ins', 0],
  },
  /** Redline: deleted text (struck through), with author and ISO date. */
  del: {
    attrs: { author: { default: '' }, date: { default: '' } },
    parseDOM: [{ tag: 'del' }],
    toDOM: () => ['del', 0],
  },
};

export const schema = new Schema({ nodes, marks });
export type OrdinanceDoc = PMNode;

export function provOf(node: PMNode): Provenance | null {
  return (node.attrs.prov as Provenance | null) ?? null;
}
