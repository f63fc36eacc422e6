import type { Node as PMNode } from 'prosemirror-model';
import { numberDocument, xrefText } from '../../core/document/numbering';
import type { ProvisionSpec } from '../../core/schema/clause';

/**
 * Between the editor and the user clause library (plain functions, tested in Node):
 *
 * - sectionToClauseDraft: a section of the draft as a clause's provisions, in the
 *   library's inline syntax ({placeholder}, [[term]], [[shown|term]], [@ref]), so a
 *   drafter can keep a provision they wrote as a clause of their own;
 * - provisionsToText / textToProvisions: the plain text the library dialog edits: one
 *   provision per line, sub-provisions indented two spaces per level, and a provision
 *   that others refer to starts with its id, "[#use-limit] no participant ...".
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KEY = /^[a-z][a-z0-9_]*$/;

/** What a provision's cross-references may point at: local provisions by a new local id. */
interface Refs {
  /** document id -> local id (for targets inside the section being saved) */
  local: Map<string, string>;
  /** Plain text for any other target ("Section 4(b)"). */
  outside(target: string): string;
}

/** The inline syntax of a paragraph (or heading) node. */
export function inlineSyntax(block: PMNode, refs: Refs): string {
  let out = '';
  block.forEach((child) => {
    if (child.isText) {
      // deleted text of a redline is not part of the text
      if (child.marks.some((m) => m.type.name === 'del')) return;
      const text = child.text ?? '';
      const term = child.marks.find((m) => m.type.name === 'term')?.attrs.term as string | undefined;
      if (term && SLUG.test(term) && !/[[\]|]/.test(text)) {
        const implied = text.toLowerCase().replace(/\s+/g, '-');
        out += implied === term ? `[[${text}]]` : `[[${text}|${term}]]`;
      } else out += text;
    } else if (child.type.name === 'placeholder') {
      const key = String(child.attrs.key);
      out += KEY.test(key) ? `{${key}}` : key;
    } else if (child.type.name === 'xref') {
      const target = String(child.attrs.target);
      const local = refs.local.get(target);
      out += local ? `[@${local}]` : refs.outside(target);
    } else if (child.type.name === 'hard_break') out += ' ';
  });
  return out.replace(/\s+/g, ' ').trim();
}

export interface ClauseDraft {
  title: string;
  provisions: ProvisionSpec[];
  /** Where it came from, for the commentary ("Section 4 of Riverbend draft"). */
  source: string;
}

/**
 * A section of `doc` as the provisions of a new clause. Cross-references to provisions
 * of the same section stay links (with local ids); references elsewhere become their
 * text ("Section 4(b)"), since the clause may be inserted into another ordinance.
 */
export function sectionToClauseDraft(doc: PMNode, section: PMNode, projectName: string): ClauseDraft {
  const numbering = numberDocument(doc);
  const sectionId = String(section.attrs.id);
  // which provisions of this section are referred to from inside it: they get local ids
  const inside = new Set<string>();
  section.descendants((n) => {
    if (n.type.name === 'provision' && n.attrs.id) inside.add(String(n.attrs.id));
  });
  const local = new Map<string, string>();
  section.descendants((n) => {
    if (n.type.name === 'xref' && inside.has(String(n.attrs.target)) && !local.has(String(n.attrs.target))) {
      local.set(String(n.attrs.target), `p${local.size + 1}`);
    }
  });
  const refs: Refs = { local, outside: (t) => xrefText(numbering, t, sectionId) };

  const provisions = (parent: PMNode): ProvisionSpec[] => {
    const out: ProvisionSpec[] = [];
    parent.forEach((child) => {
      if (child.type.name !== 'provision') return;
      const para = child.firstChild;
      const text = para ? inlineSyntax(para, refs) : '';
      const children = provisions(child);
      if (!text && children.length === 0) return;
      const id = local.get(String(child.attrs.id));
      out.push({ ...(id ? { id } : {}), text: text || '—', ...(children.length ? { children } : {}) });
    });
    return out;
  };

  const heading = section.firstChild;
  const title = heading ? inlineSyntax(heading, { local: new Map(), outside: (t) => xrefText(numbering, t, sectionId) }).replace(/\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/g, '$1') : '';
  const label = numbering.byId.get(sectionId)?.full;
  return { title: title || 'Untitled clause', provisions: provisions(section), source: `${label ? `${label} of ` : ''}“${projectName}”` };
}

/** The editable text of provisions. */
export function provisionsToText(list: readonly ProvisionSpec[], depth = 0): string {
  return list
    .map((p) => {
      const line = `${'  '.repeat(depth)}${p.id ? `[#${p.id}] ` : ''}${p.text}`;
      const kids = p.children?.length ? `\n${provisionsToText(p.children, depth + 1)}` : '';
      return line + kids;
    })
    .join('\n');
}

export type TextParse = { ok: true; provisions: ProvisionSpec[] } | { ok: false; line: number; message: string };

interface Line {
  id?: string;
  text: string;
  children: Line[];
}

/** Read the edited text back; a line indented deeper than one level below its parent is an error naming the line. */
export function textToProvisions(text: string): TextParse {
  const root: Line[] = [];
  const stack: { depth: number; list: Line[] }[] = [{ depth: -1, list: root }];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\t/g, '  ');
    if (raw.trim() === '') continue;
    const depth = Math.floor((raw.length - raw.trimStart().length) / 2);
    while (stack.length > 1 && stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)!;
    if (depth > parent.depth + 1) return { ok: false, line: i + 1, message: `line ${i + 1} is indented more than one level below the line before it` };
    let body = raw.trim();
    let id: string | undefined;
    const m = /^\[#([^\]]*)\]\s*/.exec(body);
    if (m) {
      if (!SLUG.test(m[1]!)) return { ok: false, line: i + 1, message: `line ${i + 1}: "${m[1]}" is not an id (lower-case words joined by hyphens)` };
      id = m[1];
      body = body.slice(m[0].length);
    }
    if (!body) return { ok: false, line: i + 1, message: `line ${i + 1} has an id but no text` };
    const node: Line = { ...(id ? { id } : {}), text: body, children: [] };
    parent.list.push(node);
    stack.push({ depth: parent.depth + 1, list: node.children });
  }
  if (root.length === 0) return { ok: false, line: 1, message: 'a clause needs at least one provision' };
  const finish = (list: Line[]): ProvisionSpec[] =>
    list.map((n) => ({ ...(n.id ? { id: n.id } : {}), text: n.text, ...(n.children.length ? { children: finish(n.children) } : {}) }));
  return { ok: true, provisions: finish(root) };
}
