import type { Node as PMNode } from 'prosemirror-model';
import { tokenize as tokenizeInline } from '../library/inline';
import type { Provenance } from '../document/schema';
import type { ProvisionSpec } from '../schema';

/**
 * The shape coverage reads: a tree of provisions, each with its own sentence text.
 * Built from a section node (the draft) or from a clause variant (the library), so the
 * same reader and the same comparison work on both.
 *
 * Reading text: words as written, defined terms as shown, placeholders as {key},
 * cross-references as "[ref]" (their target ids are not words of the law).
 */
export interface TextNode {
  text: string;
  children: TextNode[];
  /** Node id ('' for library text and for nodes without an id). */
  id: string;
  /** Position relative to the start of the section (0 = the section itself); -1 for library text. */
  rel: number;
  /** Index path from the root's children (library text: the provision's place in the variant). */
  path: number[];
  /** Provenance of this node, when it carries its own. */
  prov: Provenance | null;
  /** Local id in the clause (library text only). */
  localId?: string;
}

export const XREF_TEXT = '[ref]';

/** Struck text (a redline's deletion, an amending ordinance's strike-through) is not law. */
export function isStruck(node: PMNode): boolean {
  return node.marks.some((m) => m.type.name === 'del');
}

/** Reading text of a textblock (paragraph, heading): the law as it would read, struck words left out. */
export function inlineText(block: PMNode): string {
  const n = block.childCount;
  if (n === 1 && block.firstChild!.isText && !isStruck(block.firstChild!)) return block.firstChild!.text ?? '';
  let s = '';
  for (let i = 0; i < n; i++) {
    const child = block.child(i);
    if (child.isText) s += isStruck(child) ? '' : (child.text ?? '');
    else {
      const type = child.type.name;
      if (type === 'placeholder') s += `{${child.attrs.key as string}}`;
      else if (type === 'xref') s += XREF_TEXT;
      else if (type === 'hard_break') s += ' ';
    }
  }
  return s;
}

function provisionTree(node: PMNode, rel: number, path: number[]): TextNode {
  const children: TextNode[] = [];
  let text = '';
  let offset = 0;
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    const type = child.type.name;
    if (type === 'paragraph') text = text ? `${text} ${inlineText(child)}` : inlineText(child);
    else if (type === 'provision') children.push(provisionTree(child, rel + 1 + offset, [...path, children.length]));
    offset += child.nodeSize;
  }
  return { text, children, id: (node.attrs.id as string) ?? '', rel, path, prov: (node.attrs.prov as Provenance | null) ?? null };
}

/** The provisions of a section as a text tree (the root stands for the section; its text is the heading). */
export function sectionTree(section: PMNode): TextNode {
  const children: TextNode[] = [];
  let heading = '';
  section.forEach((child, offset) => {
    if (child.type.name === 'heading') heading = inlineText(child);
    else if (child.type.name === 'provision') children.push(provisionTree(child, 1 + offset, [children.length]));
  });
  return { text: heading, children, id: (section.attrs.id as string) ?? '', rel: 0, path: [], prov: (section.attrs.prov as Provenance | null) ?? null };
}

/** Library text of a spec: terms as shown, placeholders as {key}, references as [ref]. */
export function specText(text: string): string {
  return tokenizeInline(text)
    .map((t) => (t.type === 'text' ? t.text : t.type === 'term' ? t.text : t.type === 'placeholder' ? `{${t.key}}` : XREF_TEXT))
    .join('');
}

function specNode(p: ProvisionSpec, path: number[]): TextNode {
  return {
    text: specText(p.text),
    children: (p.children ?? []).map((c, i) => specNode(c, [...path, i])),
    id: '',
    rel: -1,
    path,
    prov: null,
    localId: p.id,
  };
}

/** A variant's provisions as the children of a root (the section, or the definition's wrapper). */
export function specTree(provisions: ProvisionSpec[]): TextNode {
  return { text: '', children: provisions.map((p, i) => specNode(p, [i])), id: '', rel: -1, path: [], prov: null };
}

/**
 * A definition clause becomes one provision: the first provision, the rest as its
 * children (core/document/build.ts buildDefinition). The library text is reshaped the
 * same way, so a definition compares provision for provision.
 */
export function definitionSpecTree(provisions: ProvisionSpec[]): TextNode {
  const [first, ...rest] = provisions;
  if (!first) return specTree([]);
  const root = specNode({ ...first, children: [...(first.children ?? []), ...rest] }, []);
  return root;
}

/** Visit every node of a tree with its ancestors (root excluded from `ancestors` of itself). */
export function walkTree(root: TextNode, fn: (n: TextNode, ancestors: TextNode[]) => void, ancestors: TextNode[] = []): void {
  fn(root, ancestors);
  for (const c of root.children) walkTree(c, fn, [...ancestors, root]);
}

/**
 * A copy of a tree without the subtrees that carry their own provenance (the
 * definitions inside the definitions section): those are compared with their own
 * clause, not with the section's.
 */
export function withoutOwnProvenance(root: TextNode): TextNode {
  return {
    ...root,
    children: root.children.filter((c) => !c.prov || sameClause(c.prov, root.prov)).map(withoutOwnProvenance),
  };
}

export function sameClause(a: Provenance | null, b: Provenance | null): boolean {
  return !!a && !!b && a.clause === b.clause && a.variant === b.variant;
}
