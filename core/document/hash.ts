import { Fragment, type Node as PMNode } from 'prosemirror-model';

/** 64-bit FNV-1a of a string, as 16 hex digits. Platform-free, stable across runs. */
export function hashText(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 ^= h2 >>> 15;
  }
  return h1.toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * Canonical text of a node for hashing and comparison: text as written, placeholders
 * as {key}, cross-references as [@target], blocks separated by newlines. Marks other
 * than content (terms, emphasis) do not change it.
 */
export function canonicalText(node: PMNode): string {
  if (node.isText) return node.text ?? '';
  if (node.type.name === 'placeholder') return `{${node.attrs.key as string}}`;
  if (node.type.name === 'xref') return `[@${node.attrs.target as string}]`;
  if (node.type.name === 'hard_break') return '\n';
  const parts: string[] = [];
  node.forEach((child) => parts.push(canonicalText(child)));
  return node.isTextblock ? parts.join('') : parts.join('\n');
}

/**
 * The hash provenance stores: of the node's own text, leaving out descendants that carry
 * their own provenance (the definitions inside the definitions section), so adding a
 * definition does not make the lead-in look edited. Same as ownHash in build.ts.
 */
export function hashNode(node: PMNode): string {
  return hashText(canonicalText(withoutProvenanced(node)));
}

/** The node without descendant provisions that carry their own provenance. */
export function withoutProvenanced(node: PMNode): PMNode {
  if (node.isTextblock || node.isLeaf) return node;
  let changed = false;
  const kept: PMNode[] = [];
  node.forEach((child) => {
    if (child.type.name === 'provision' && child.attrs.prov) {
      changed = true;
      return;
    }
    const c = withoutProvenanced(child);
    if (c !== child) changed = true;
    kept.push(c);
  });
  return changed ? node.copy(Fragment.from(kept)) : node;
}
