import type { Node as PMNode } from 'prosemirror-model';
import { numberDocument, xrefText, type Numbering } from './numbering';
import { placeholderText, type ProfileValues } from './placeholders';

/**
 * The ordinance as plain reading text: numbers computed from position, placeholders
 * resolved from the profile (unresolved ones visible as "[key]"), cross-references as
 * their current labels. For previews, tests, and plain-text export.
 */

type Values = ProfileValues;

/** Reading text of one textblock (title, heading, paragraph, recital...). */
export function inlineText(block: PMNode, profile: Values, numbering: Numbering, sectionId?: string): string {
  let s = '';
  block.forEach((child) => {
    if (child.isText) s += child.text ?? '';
    else if (child.type.name === 'placeholder') s += placeholderText(profile, child.attrs.key as string);
    else if (child.type.name === 'xref') s += xrefText(numbering, child.attrs.target as string, sectionId);
    else if (child.type.name === 'hard_break') s += '\n';
    else s += child.textContent;
  });
  return s;
}

/** Lines of the whole document: "Section 2. Heading", "(a) text", indented two spaces per level. */
export function documentLines(doc: PMNode, profile: Values): string[] {
  const numbering = numberDocument(doc);
  const lines: string[] = [];
  const provisionLines = (p: PMNode, pos: number): void => {
    const l = numbering.byPos.get(pos);
    const indent = '  '.repeat(Math.max(0, (l?.level ?? 1) - 1));
    p.forEach((c, co) => {
      if (c.type.name === 'paragraph') lines.push(`${indent}${l?.own ? `${l.own} ` : ''}${inlineText(c, profile, numbering, l?.sectionId)}`);
      else provisionLines(c, pos + 1 + co);
    });
  };
  doc.forEach((node, offset) => {
    const name = node.type.name;
    if (name === 'section') {
      const label = numbering.byPos.get(offset);
      const sectionId = node.attrs.id as string;
      node.forEach((child, childOffset) => {
        if (child.type.name === 'heading') lines.push(`${label?.own ?? ''} ${inlineText(child, profile, numbering, sectionId)}`.trim());
        else provisionLines(child, offset + 1 + childOffset);
      });
      return;
    }
    if (name === 'adoption') {
      node.forEach((p) => lines.push(inlineText(p, profile, numbering)));
      return;
    }
    lines.push(inlineText(node, profile, numbering));
  });
  return lines;
}

export function documentText(doc: PMNode, profile: Values): string {
  return documentLines(doc, profile).join('\n') + '\n';
}
