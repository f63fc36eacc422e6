import type { Node as PMNode } from 'prosemirror-model';

/**
 * Numbers are computed from position, never stored.
 *   Section 1.  ->  (a)  ->  (1)  ->  (A)  ->  (i)  ->  (I)
 * A section whose only top-level provision stands alone is not lettered: its text is
 * the section's text, and that provision's children start at (a). So the definitions
 * section reads "As used in this chapter: (a) ... (b) ...".
 */
export interface NumberLabel {
  /** The node's id ('' for nodes without one). */
  id: string;
  /** Position of the node in the document. */
  pos: number;
  kind: 'section' | 'provision';
  /** 1-based section number. */
  section: number;
  /** Level: 0 for a section; 1 for (a), 2 for (1), 3 for (A), 4 for (i), 5 for (I). 0 for an unlettered sole provision. */
  level: number;
  /** The node's own label: "Section 4." for a section, "(b)" for a provision, "" when unlettered. */
  own: string;
  /** Path of own labels below the section: "(b)(2)" ('' for the section). */
  path: string;
  /** Full citation form: "Section 4(b)(2)". */
  full: string;
  /** Id of the section that contains the node. */
  sectionId: string;
}

export interface Numbering {
  byId: Map<string, NumberLabel>;
  byPos: Map<number, NumberLabel>;
  sections: NumberLabel[];
}

const LEVEL_NAMES = ['section', 'subsection', 'paragraph', 'subparagraph', 'clause', 'subclause'] as const;
export function levelName(level: number): string {
  return LEVEL_NAMES[Math.min(level, LEVEL_NAMES.length - 1)]!;
}

function alpha(n: number): string {
  // 1 -> a, 26 -> z, 27 -> aa, 28 -> bb (legal style doubles the letter)
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  const table: [number, string][] = [
    [1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'],
    [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i'],
  ];
  let out = '';
  for (const [v, s] of table) while (n >= v) { out += s; n -= v; }
  return out;
}

/** The label of the n-th (1-based) provision at a level. */
export function provisionLabel(level: number, n: number): string {
  switch (((level - 1) % 5) + 1) {
    case 1: return `(${alpha(n)})`;
    case 2: return `(${n})`;
    case 3: return `(${alpha(n).toUpperCase()})`;
    case 4: return `(${roman(n)})`;
    default: return `(${roman(n).toUpperCase()})`;
  }
}

/** How an imported section number prints: "Section 3." for a bare number, the code number as it stands otherwise ("2-173-020"). */
function importedSectionLabel(label: string): string {
  return /^\d+[A-Za-z]?$/.test(label) ? `Section ${label}.` : /^(Section|Sec\.|§)/i.test(label) ? label : `Sec. ${label}.`;
}

const cache = new WeakMap<PMNode, Numbering>();

/** Compute every section and provision label of a document (memoised per doc node). */
export function numberDocument(doc: PMNode): Numbering {
  const hit = cache.get(doc);
  if (hit) return hit;
  const byId = new Map<string, NumberLabel>();
  const byPos = new Map<number, NumberLabel>();
  const sections: NumberLabel[] = [];
  let sectionNo = 0;
  const add = (l: NumberLabel) => {
    if (l.id) byId.set(l.id, l);
    byPos.set(l.pos, l);
  };
  doc.forEach((node, offset) => {
    if (node.type.name !== 'section') return;
    sectionNo++;
    const sectionId = node.attrs.id as string;
    const imported = node.attrs.label as string | null;
    const s: NumberLabel = {
      id: sectionId, pos: offset, kind: 'section', section: sectionNo, level: 0,
      own: imported ? importedSectionLabel(imported) : `Section ${sectionNo}.`, path: '', full: imported ? importedSectionLabel(imported).replace(/\.$/, '') : `Section ${sectionNo}`, sectionId,
    };
    add(s);
    sections.push(s);
    const provisions: { node: PMNode; pos: number }[] = [];
    node.forEach((child, childOffset) => {
      if (child.type.name === 'provision') provisions.push({ node: child, pos: offset + 1 + childOffset });
    });
    const sole = provisions.length === 1;
    // `top`: only the section's own list can hold the unlettered sole provision; the
    // children of that provision are lettered from (a) (the definitions section reads
    // "As used in this chapter: (a) ... (b) ...")
    const walk = (list: { node: PMNode; pos: number }[], level: number, path: string, top: boolean) => {
      list.forEach(({ node: p, pos }, i) => {
        const importedLabel = p.attrs.label as string | null;
        const unlettered = importedLabel !== null ? importedLabel === '' : top && sole;
        const own = importedLabel ?? (unlettered ? '' : provisionLabel(level, i + 1));
        const myPath = path + own;
        add({
          id: p.attrs.id as string, pos, kind: 'provision', section: sectionNo,
          level: unlettered ? 0 : level, own, path: myPath, full: `${s.full}${myPath}`, sectionId,
        });
        const kids: { node: PMNode; pos: number }[] = [];
        p.forEach((c, co) => {
          if (c.type.name === 'provision') kids.push({ node: c, pos: pos + 1 + co });
        });
        walk(kids, unlettered ? level : level + 1, myPath, false);
      });
    };
    walk(provisions, 1, '', true);
  });
  const result = { byId, byPos, sections };
  cache.set(doc, result);
  return result;
}

/**
 * The text a cross-reference shows. Within the same section: "subsection (b)(2)";
 * elsewhere: "Section 4(b)(2)"; a whole section: "Section 4". A target that no longer
 * exists shows "[missing reference]".
 */
export function xrefText(numbering: Numbering, targetId: string, fromSectionId?: string): string {
  const t = numbering.byId.get(targetId);
  if (!t) return '[missing reference]';
  if (t.kind === 'section') return t.full;
  if (fromSectionId && t.sectionId === fromSectionId) {
    if (t.level === 0) return 'this section';
    const first = t.path.match(/^\([^)]*\)/)?.[0] ?? '';
    const depth = (t.path.match(/\(/g) ?? []).length;
    // name the reference by the level it starts at
    const startLevel = t.level - depth + 1;
    return `${levelName(first ? startLevel : t.level)} ${t.path}`;
  }
  return t.full;
}
