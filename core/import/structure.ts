import type { Node as PMNode, Mark } from 'prosemirror-model';
import { schema } from '../document/schema';

/**
 * Recover the structure of an ordinance from its lines: title, caption, recitals,
 * enacting clause, sections with headings, nested provisions with their original
 * labels, definitions, and the adoption block. What cannot be classified is kept as a
 * plain paragraph (an unlabelled provision, a recital, or an adoption line), never dropped.
 */

export type RunMark = 'ins' | 'del' | 'strong' | 'em';
export interface Run {
  text: string;
  marks?: RunMark[];
}
export interface Line {
  runs: Run[];
  /** A hint from the source format: a Word or Markdown heading. */
  heading?: boolean;
  /** What the source's paragraph style says the line is (Ordwright's own Word styles). */
  role?: 'adoption' | 'commentary';
}

export interface ImportNotice {
  kind: 'unrecognised' | 'no-sections' | 'truncated' | 'info';
  message: string;
  line?: number;
}

export interface ImportResult {
  doc: PMNode;
  notices: ImportNotice[];
  stats: { sections: number; provisions: number; recitals: number; definitions: number; unclassified: number };
}

export function lineText(l: Line): string {
  return l.runs.map((r) => r.text).join('');
}

// "Section 3.", "Sec. 3.", "SECTION 3 -", "§ 3", "Section 3A:", "Sec. 2-173-020", "2-173-020", "2.95.010"
const SECTION_RE =
  /^(?:(?:section|sec\.?|§{1,2})\s*(\d+[A-Za-z]?(?:[.-]\d+[A-Za-z]?)*)|(\d+(?:[.-]\d+){1,3}))\s*(?:[.:\-–—]\s*)?(.*)$/i;

/**
 * "Section 2.40.030 of the Municipal Code is amended to read as follows:" cites a section
 * (an amending ordinance's operative sentence): the number runs straight into a
 * lower-case word. A heading has a separator or a capital ("Section 3. Definitions").
 */
export function citesSection(text: string): boolean {
  const m = /^(?:section|sec\.?|§{1,2})\s*\d+[A-Za-z]?(?:[.-]\d+[A-Za-z]?)*\s+(\S)/i.exec(text);
  return !!m && /^[a-z]/.test(m[1]!);
}
const LABEL_RE = /^\(([a-z]{1,3}|\d{1,3}|[A-Z]{1,3})\)\s*/;
const DOTTED_LABEL_RE = /^([a-z]|\d{1,3}|[A-Z])\.\s+/;
const ROMAN = /^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;
const ROMAN_UPPER = /^(?=[IVXLC]+$)C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;

type Kind = 'lower' | 'digit' | 'upper' | 'roman' | 'ROMAN';

function kindsOf(label: string): Kind[] {
  if (/^\d+$/.test(label)) return ['digit'];
  const out: Kind[] = [];
  if (/^[a-z]+$/.test(label)) {
    if (ROMAN.test(label)) out.push('roman');
    out.push('lower');
  } else if (/^[A-Z]+$/.test(label)) {
    if (ROMAN_UPPER.test(label)) out.push('ROMAN');
    out.push('upper');
  }
  return out;
}

function ordinal(kind: Kind, label: string): number {
  switch (kind) {
    case 'digit':
      return Number(label);
    case 'lower':
    case 'upper': {
      const c = label.toLowerCase();
      return (c.charCodeAt(0) - 96) + 26 * (c.length - 1);
    }
    case 'roman':
    case 'ROMAN': {
      const v: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
      const s = label.toLowerCase();
      let n = 0;
      for (let i = 0; i < s.length; i++) {
        const a = v[s[i]!]!;
        const b = v[s[i + 1] ?? ''] ?? 0;
        n += a < b ? -a : a;
      }
      return n;
    }
  }
}

/** The level a label kind usually takes: (a)=1, (1)=2, (A)=3, (i)=4, (I)=5. */
const HOME: Record<Kind, number> = { lower: 1, digit: 2, upper: 3, roman: 4, ROMAN: 5 };

interface OpenLevel {
  kind: Kind;
  n: number;
  node: ProvisionDraft;
}

interface ProvisionDraft {
  label: string;
  runs: Run[];
  children: ProvisionDraft[];
}

interface SectionDraft {
  label: string | null;
  heading: Run[];
  provisions: ProvisionDraft[];
  definitions: boolean;
}

/** Strip a leading label "(a) " from runs. */
function dropPrefix(runs: Run[], length: number): Run[] {
  const out: Run[] = [];
  let rest = length;
  for (const r of runs) {
    if (rest >= r.text.length) {
      rest -= r.text.length;
      continue;
    }
    out.push({ ...r, text: r.text.slice(rest) });
    rest = 0;
  }
  return out;
}

function trimRuns(runs: Run[]): Run[] {
  const out = runs.filter((r) => r.text.length > 0).map((r) => ({ ...r }));
  while (out.length && !out[0]!.text.trim()) out.shift();
  while (out.length && !out[out.length - 1]!.text.trim()) out.pop();
  if (out.length) {
    out[0]!.text = out[0]!.text.replace(/^\s+/, '');
    out[out.length - 1]!.text = out[out.length - 1]!.text.replace(/\s+$/, '');
  }
  return out.filter((r) => r.text.length > 0);
}

const TITLE_RE = /^(?:ordinance|bill|substitute ordinance|resolution|(?:senate|house|assembly) bill|council bill|ord\.)\b.*$/i;
const CAPTION_RE = /^(?:an?\s+(?:ordinance|act|bill|resolution)\b|a bill for an act\b)/i;
const RECITAL_RE = /^whereas\b/i;
const ENACTING_RE = /(does\s+(?:hereby\s+)?ordain|be\s+it\s+(?:enacted|ordained)|hereby\s+ordains|now,?\s+therefore|do(?:es)?\s+enact\s+as\s+follows|is\s+hereby\s+enacted)/i;
const ADOPTION_RE = /^(?:passed|adopted|approved|attest|introduced|first reading|second reading|ayes|nays|yeas|_{3,}|(?:ordinance|resolution|bill)\s+no\.?\s*\S+,?\s+(?:was\s+)?(?:introduced|passed|adopted))/i;
const DEFINITION_RE = /^[“"]([^”"]{1,80})[”"]\s+(?:means|includes|refers to|has the meaning)/i;

export function termId(term: string): string {
  return term
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Build the ordinance from classified lines. */
export function buildFromLines(lines: Line[]): ImportResult {
  const notices: ImportNotice[] = [];
  let title: Run[] | null = null;
  let caption: Run[] | null = null;
  const recitals: Run[][] = [];
  let enacting: Run[] | null = null;
  const sections: SectionDraft[] = [];
  const adoption: Run[][] = [];
  const stats = { sections: 0, provisions: 0, recitals: 0, definitions: 0, unclassified: 0 };
  let stack: OpenLevel[] = [];
  let phase: 'front' | 'body' | 'adoption' = 'front';
  const terms = new Map<string, string>(); // lower-case term -> term id
  let commentarySkipped = 0;

  const current = () => sections[sections.length - 1];

  lines.forEach((line, index) => {
    const raw = lineText(line).replace(/\u00a0/g, ' ');
    const text = raw.trim();
    if (!text) return;
    const runs = trimRuns(line.runs);

    if (line.role === 'commentary') {
      // commentary of an annotated model bill explains the law; it is not part of it
      commentarySkipped++;
      return;
    }
    if (phase !== 'adoption' && (line.role === 'adoption' || (phase === 'body' && ADOPTION_RE.test(text) && !LABEL_RE.test(text)))) {
      phase = 'adoption';
    }
    if (phase === 'adoption') {
      adoption.push(runs);
      return;
    }

    const sm = SECTION_RE.exec(text);
    // a section line starts with a section word, or is a code number followed by a heading
    if (sm && ((sm[1] && !citesSection(text)) || (sm[2] && (line.heading || /^[A-Z]/.test(sm[3] ?? ''))))) {
      const label = (sm[1] ?? sm[2])!;
      let rest = (sm[3] ?? '').trim();
      let headingRuns = dropPrefix(runs, raw.length - raw.trimStart().length + (text.length - rest.length));
      headingRuns = trimRuns(headingRuns);
      const sec: SectionDraft = { label, heading: [], provisions: [], definitions: false };
      // "Section 3. Definitions. As used in this chapter: ..." -> heading and lead-in text
      const split = /^([^.]{2,80}\.)\s+(\S.*)$/.exec(rest);
      if (split && !line.heading && split[2]!.length > 20) {
        const headLen = split[1]!.length;
        sec.heading = trimRuns(dropPrefix(headingRuns, 0).length ? cutRuns(headingRuns, 0, headLen) : []);
        const bodyRuns = trimRuns(cutRuns(headingRuns, headLen, Infinity));
        sec.provisions.push({ label: '', runs: bodyRuns, children: [] });
        stats.provisions++;
        rest = split[1]!;
      } else sec.heading = headingRuns;
      sec.heading = stripTrailingPeriod(sec.heading);
      sec.definitions = /definition/i.test(rest);
      sections.push(sec);
      stats.sections++;
      stack = [];
      phase = 'body';
      return;
    }

    if (phase === 'front') {
      if (!title && sections.length === 0 && recitals.length === 0 && (TITLE_RE.test(text) || (line.heading && !CAPTION_RE.test(text)))) {
        title = runs;
        return;
      }
      if (!caption && CAPTION_RE.test(text)) {
        caption = runs;
        return;
      }
      if (RECITAL_RE.test(text)) {
        recitals.push(runs);
        stats.recitals++;
        return;
      }
      if (ENACTING_RE.test(text)) {
        enacting = runs;
        return;
      }
      if (!title && sections.length === 0 && recitals.length === 0 && !caption && text.length < 120) {
        title = runs;
        return;
      }
      // front matter we cannot classify: keep it as a recital-like paragraph
      recitals.push(runs);
      stats.unclassified++;
      notices.push({ kind: 'unrecognised', message: `kept as a preamble paragraph: "${text.slice(0, 60)}"`, line: index + 1 });
      return;
    }

    // body: provisions
    const sec = current()!;
    let m = LABEL_RE.exec(text) ?? (DOTTED_LABEL_RE.exec(text) && stack.length > 0 ? DOTTED_LABEL_RE.exec(text) : null);
    if (m) {
      const consumed = raw.length - raw.trimStart().length;
      let restRuns = dropPrefix(runs, consumed);
      // "(b)(1) text": two labels on one line open a provision and its first child
      const labels: string[] = [];
      let remaining = text;
      while (m) {
        labels.push(m[1]!);
        remaining = remaining.slice(m[0].length);
        restRuns = dropPrefix(restRuns, m[0].length);
        m = LABEL_RE.exec(remaining);
        if (labels.length >= 3) break;
      }
      labels.forEach((label, i) => {
        const node: ProvisionDraft = { label: `(${label})`, runs: i === labels.length - 1 ? trimRuns(restRuns) : [], children: [] };
        place(sec, node, label);
        stats.provisions++;
      });
      const last = stack[stack.length - 1]?.node;
      if (last) detectDefinition(last, terms, stats);
      return;
    }
    // an unlabelled paragraph: continuation text of the section
    const node: ProvisionDraft = { label: '', runs, children: [] };
    if (stack.length === 0) {
      sec.provisions.push(node);
    } else {
      // text after a list inside a section: attach to the section at the top level
      sec.provisions.push(node);
      stack = [];
    }
    stats.provisions++;
    detectDefinition(node, terms, stats);
  });

  function place(sec: SectionDraft, node: ProvisionDraft, label: string) {
    const kinds = kindsOf(label);
    // 1. a sibling of an open level of the same kind whose next number this is
    for (let d = stack.length - 1; d >= 0; d--) {
      const open = stack[d]!;
      for (const k of kinds) {
        if (k === open.kind && ordinal(k, label) === open.n + 1) {
          stack = stack.slice(0, d);
          attach(sec, node, k, ordinal(k, label));
          return;
        }
      }
    }
    // 2. the first item of a new level: a child of the deepest open provision
    const first = kinds.find((k) => ordinal(k, label) === 1);
    if (first) {
      attach(sec, node, first, 1);
      return;
    }
    // 3. out of sequence: put it at the deepest open level of its kind, else at its home level
    const k = kinds[kinds.length - 1] ?? 'lower';
    const at = stack.findIndex((o) => o.kind === k);
    if (at >= 0) stack = stack.slice(0, at);
    else stack = stack.slice(0, Math.max(0, Math.min(stack.length, HOME[k] - 1)));
    attach(sec, node, k, ordinal(k, label));
  }

  function attach(sec: SectionDraft, node: ProvisionDraft, kind: Kind, n: number) {
    const parent = stack[stack.length - 1];
    if (parent) parent.node.children.push(node);
    else {
      // a section whose lead-in is an unlabelled paragraph: the list belongs to it
      const lead = sec.provisions[sec.provisions.length - 1];
      if (lead && lead.label === '' && sec.provisions.length === 1 && lead.children.length === 0 && stack.length === 0 && /[:—-]\s*$/.test(runsText(lead.runs))) {
        lead.children.push(node);
        stack.push({ kind: 'lead' as Kind, n: 0, node: lead });
        stack.push({ kind, n, node });
        return;
      }
      if (lead && lead.label === '' && lead.children.length > 0 && sec.provisions.length === 1) {
        lead.children.push(node);
        stack = [{ kind: 'lead' as Kind, n: 0, node: lead }, { kind, n, node }];
        return;
      }
      sec.provisions.push(node);
    }
    stack.push({ kind, n, node });
  }

  if (commentarySkipped > 0) {
    notices.push({ kind: 'info', message: `${commentarySkipped} paragraphs of commentary (an annotated model bill) were left out: they explain the law and are not part of it` });
  }
  if (sections.length === 0) {
    notices.push({ kind: 'no-sections', message: 'no section headings were recognised ("Section 1.", "Sec. 1.", "§ 1", "2-173-020"); the text was imported as one section' });
  }

  return { doc: assemble(), notices, stats };

  function assemble(): PMNode {
    let ids = 0;
    const id = (p: string) => `imp-${p}${++ids}`;
    const termLookup = [...terms.entries()].sort((a, b) => b[0].length - a[0].length);
    const inline = (runs: Run[], definitionHead = false) => toInline(runs, termLookup, definitionHead);
    const provisionNode = (p: ProvisionDraft): PMNode =>
      schema.nodes.provision!.create({ id: id('p'), label: p.label }, [
        schema.nodes.paragraph!.create(null, inline(p.runs, true)),
        ...p.children.map(provisionNode),
      ]);
    const body: PMNode[] = [];
    const secs = sections.length
      ? sections
      : [{ label: null, heading: [{ text: 'Imported text' }], provisions: [...recitals.splice(0).map((r) => ({ label: '', runs: r, children: [] }))], definitions: false }];
    for (const s of secs) {
      body.push(
        schema.nodes.section!.create({ id: id('s'), label: s.label, role: s.definitions ? 'definitions' : 'operative' }, [
          schema.nodes.heading!.create(null, inline(s.heading)),
          ...s.provisions.map(provisionNode),
        ]),
      );
    }
    return schema.nodes.doc!.create(null, [
      schema.nodes.title!.create(null, inline(title ?? [])),
      schema.nodes.caption!.create(null, inline(caption ?? [])),
      ...recitals.map((r) => schema.nodes.recital!.create({ id: id('r') }, inline(r))),
      schema.nodes.enacting!.create(null, inline(enacting ?? [])),
      ...body,
      ...(adoption.length ? [schema.nodes.adoption!.create(null, adoption.map((a) => schema.nodes.paragraph!.create(null, inline(a))))] : []),
    ]);
  }
}

function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}

function cutRuns(runs: Run[], from: number, to: number): Run[] {
  const out: Run[] = [];
  let at = 0;
  for (const r of runs) {
    const start = at;
    const end = at + r.text.length;
    at = end;
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (b > a) out.push({ ...r, text: r.text.slice(a - start, b - start) });
  }
  return out;
}

function stripTrailingPeriod(runs: Run[]): Run[] {
  const out = runs.map((r) => ({ ...r }));
  const last = out[out.length - 1];
  if (last) last.text = last.text.replace(/\.\s*$/, '');
  return out.filter((r) => r.text.length > 0);
}

function detectDefinition(node: ProvisionDraft, terms: Map<string, string>, stats: { definitions: number }) {
  const m = DEFINITION_RE.exec(runsText(node.runs).trim());
  if (m) {
    const term = m[1]!.trim();
    terms.set(term.toLowerCase(), termId(term));
    stats.definitions++;
  }
}

/** Runs to inline nodes: marks kept, defined terms marked wherever they occur. */
function toInline(runs: Run[], terms: [string, string][], _definitionHead: boolean): PMNode[] {
  const out: PMNode[] = [];
  const pattern = terms.length
    ? new RegExp(`\\b(${terms.map(([t]) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'gi')
    : null;
  for (const r of runs) {
    if (!r.text) continue;
    const marks: Mark[] = (r.marks ?? []).map((m) => schema.marks[m]!.create());
    if (!pattern) {
      out.push(schema.text(r.text, marks));
      continue;
    }
    let last = 0;
    for (const m of r.text.matchAll(pattern)) {
      const at = m.index;
      if (at > last) out.push(schema.text(r.text.slice(last, at), marks));
      const id = terms.find(([t]) => t === m[0].toLowerCase())?.[1] ?? termId(m[0]);
      out.push(schema.text(m[0], schema.marks.term!.create({ term: id }).addToSet(marks)));
      last = at + m[0].length;
    }
    if (last < r.text.length) out.push(schema.text(r.text.slice(last), marks));
  }
  return out;
}
