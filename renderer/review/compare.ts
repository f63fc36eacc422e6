import type { Node as PMNode } from 'prosemirror-model';
import type { CoverageReport, ElementReport } from '../../core/coverage/types';
import { align, diffWords, similarity, type DiffOp } from '../../core/export/diff';
import { levelName, numberDocument, provisionLabel, xrefText } from '../../core/document/numbering';
import { placeholderText, type ProfileValues } from '../../core/document/placeholders';
import { tokenize } from '../../core/library/inline';
import type { Library } from '../../core/library/library';
import type { Clause, JurisdictionKind, ProvisionSpec, Variant } from '../../core/schema';

/**
 * "Compare with the model": a section of the ordinance under review beside the library
 * clause that would close the same elements, both numbered as they read, aligned
 * provision by provision and differing word by word (core/export/diff.ts, the same diff
 * as the redline export).
 *
 * The model is the clause the coverage check suggests for the elements the section
 * addresses (the top suggestion of each, by votes), or else the clause whose declared
 * elements best overlap the section's, or, for a section that meets no element, the
 * clause whose words are closest.
 */

export interface SectionChoice {
  id: string;
  /** "Section 3." or "Sec. 2-173-020." */
  label: string;
  heading: string;
}

export function sectionChoices(doc: PMNode): SectionChoice[] {
  const n = numberDocument(doc);
  const out: SectionChoice[] = [];
  doc.forEach((node, pos) => {
    if (node.type.name !== 'section') return;
    out.push({ id: node.attrs.id as string, label: n.byPos.get(pos)?.own ?? '', heading: node.firstChild?.textContent.trim() ?? '' });
  });
  return out;
}

/** The elements a section's provisions address, with the best level any of them reaches. */
export function sectionElements(doc: PMNode, report: CoverageReport, sectionId: string): Map<string, 'full' | 'partial' | 'weakened'> {
  const n = numberDocument(doc);
  const rank = { full: 0, weakened: 1, partial: 2 } as const;
  const out = new Map<string, 'full' | 'partial' | 'weakened'>();
  for (const route of report.routes) {
    for (const el of route.elements) {
      for (const a of el.addressedBy) {
        const id = a.provision.nodeId;
        if (id !== sectionId && n.byId.get(id)?.sectionId !== sectionId) continue;
        const had = out.get(el.ref);
        if (!had || rank[a.level] < rank[had]) out.set(el.ref, a.level);
      }
    }
  }
  return out;
}

export interface ModelCandidate {
  clause: Clause;
  /** The variant that fits best (the one suggested, or the one declaring most of the section's elements). */
  variant: Variant;
  score: number;
  /** Why it is offered, in words. */
  why: string;
  /** Elements the section addresses that this variant declares. */
  shared: string[];
}

const variantTexts = new WeakMap<Variant, string>();
function variantText(v: Variant): string {
  let t = variantTexts.get(v);
  if (t === undefined) {
    const parts: string[] = [];
    const walk = (l: ProvisionSpec[]) => l.forEach((p) => (parts.push(p.text), walk(p.children ?? [])));
    walk(v.provisions);
    t = plain(parts.join(' '));
    variantTexts.set(v, t);
  }
  return t;
}

/** Library inline syntax as plain words (for similarity). */
function plain(text: string): string {
  return tokenize(text)
    .map((t) => (t.type === 'text' || t.type === 'term' ? t.text : t.type === 'placeholder' ? t.key.replace(/_/g, ' ') : ''))
    .join('');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Library clauses to compare a section with, best first (at most `max`). */
export function modelCandidates(doc: PMNode, report: CoverageReport | null, library: Library, sectionId: string, options: { kind?: JurisdictionKind; max?: number } = {}): ModelCandidate[] {
  const section = doc.content.content.find((c) => c.type.name === 'section' && c.attrs.id === sectionId);
  if (!section) return [];
  const heading = section.firstChild?.textContent ?? '';
  const body = draftLines(doc, sectionId, null)
    .map((l) => l.text)
    .join(' ');
  const elems = report ? sectionElements(doc, report, sectionId) : new Map<string, 'full' | 'partial' | 'weakened'>();
  const byRef = new Map<string, ElementReport>();
  for (const r of report?.routes ?? []) for (const e of r.elements) byRef.set(e.ref, e);
  // votes: the top suggestion of each element the section addresses
  const votes = new Map<string, number>();
  for (const ref of elems.keys()) {
    const top = byRef.get(ref)?.suggestions[0];
    if (top) votes.set(`${top.clause}/${top.variant}`, (votes.get(`${top.clause}/${top.variant}`) ?? 0) + 1);
  }
  const suits = (c: Clause) => !options.kind || c.suits.includes(options.kind);
  const clauses = library.clauses.filter((c) => c.kind === 'section' && suits(c));
  const out: ModelCandidate[] = [];
  for (const clause of clauses) {
    let best: ModelCandidate | null = null;
    const titleSim = similarity(heading, clause.title);
    for (const variant of clause.variants) {
      const vote = votes.get(`${clause.id}/${variant.id}`) ?? 0;
      const shared = [...elems.keys()].filter((r) => variant.satisfies[r]);
      const overlap = shared.reduce((s, r) => s + (variant.satisfies[r] === 'full' ? 1 : 0.5), 0);
      const sim = similarity(body, variantText(variant));
      if (vote === 0 && overlap === 0 && (elems.size > 0 || sim + titleSim < 0.15)) continue;
      const score = vote * 3 + overlap * 2 + sim + titleSim * 0.5;
      const why =
        vote > 0
          ? `The check’s top suggestion for ${plural(vote, 'element')} this section addresses`
          : overlap > 0
            ? `Declares ${shared.length} of the ${plural(elems.size, 'element')} this section addresses`
            : 'The closest wording in the library (this section meets no element of the checklist)';
      if (!best || score > best.score) best = { clause, variant, score, why, shared };
    }
    if (best) out.push(best);
  }
  out.sort((a, b) => b.score - a.score || a.clause.title.localeCompare(b.clause.title));
  return out.slice(0, options.max ?? 8);
}

/** Elements the model variant declares fully that the section does not reach at all. */
export function modelAlsoCloses(variant: Variant, sectionElems: Map<string, unknown>): string[] {
  return Object.entries(variant.satisfies)
    .filter(([r, l]) => l === 'full' && !sectionElems.has(r))
    .map(([r]) => r);
}

// ---------------------------------------------------------------------------------
// the two texts, numbered

export interface CompareLine {
  /** "(a)", "(1)", or "" for an unlettered provision. */
  label: string;
  text: string;
  /** 0 for unlettered text, 1 for (a), 2 for (1), ... */
  level: number;
}

/** A section of the draft as lines: its provisions with their labels, struck (deleted) words left out. */
export function draftLines(doc: PMNode, sectionId: string, values: ProfileValues): CompareLine[] {
  const n = numberDocument(doc);
  const out: CompareLine[] = [];
  doc.forEach((section) => {
    if (section.type.name !== 'section' || section.attrs.id !== sectionId) return;
    const walk = (node: PMNode) => {
      node.forEach((child) => {
        if (child.type.name !== 'provision') return;
        const label = n.byId.get(child.attrs.id as string);
        const para = child.firstChild;
        let text = '';
        para?.forEach((c) => {
          if (c.isText) {
            if (!c.marks.some((m) => m.type.name === 'del')) text += c.text ?? '';
          } else if (c.type.name === 'placeholder') text += placeholderText(values, c.attrs.key as string);
          else if (c.type.name === 'xref') text += xrefText(n, c.attrs.target as string, sectionId);
          else text += ' ';
        });
        out.push({ label: label?.own ?? '', text: text.replace(/\s{2,}/g, ' ').trim(), level: label?.level ?? 1 });
        walk(child);
      });
    };
    walk(section);
  });
  return out;
}

/** A clause variant as lines, numbered as it would be in the ordinance ((a), (1), ...; a sole provision unlettered), placeholders filled from the profile. */
export function modelLines(clause: Clause, variant: Variant, library: Library, values: ProfileValues): CompareLine[] {
  const local = new Map<string, { path: string; level: number }>();
  type Numbered = { spec: ProvisionSpec; own: string; path: string; level: number; children: Numbered[] };
  const number = (list: ProvisionSpec[], level: number, path: string, top: boolean): Numbered[] => {
    const sole = top && list.length === 1;
    return list.map((spec, i) => {
      const own = sole ? '' : provisionLabel(level, i + 1);
      const p = path + own;
      const myLevel = sole ? 0 : level;
      if (spec.id) local.set(spec.id, { path: p, level: myLevel });
      return { spec, own, path: p, level: myLevel, children: number(spec.children ?? [], sole ? level : level + 1, p, false) };
    });
  };
  const tree = number(variant.provisions, 1, '', true);
  const text = (source: string) =>
    tokenize(source)
      .map((t) => {
        if (t.type === 'text' || t.type === 'term') return t.text;
        if (t.type === 'placeholder') return placeholderText(values, t.key);
        const mine = local.get(t.ref);
        if (mine) return mine.level === 0 ? 'this section' : `${levelName(mine.level - (mine.path.match(/\(/g) ?? []).length + 1)} ${mine.path}`;
        const target = library.clauseById.get(t.ref.split('#')[0]!);
        return target ? `Section [${target.title}]` : `[${t.ref}]`;
      })
      .join('');
  const out: CompareLine[] = [];
  const walk = (list: Numbered[]) =>
    list.forEach((p) => {
      out.push({ label: p.own, text: text(p.spec.text).replace(/\s{2,}/g, ' ').trim(), level: p.level });
      walk(p.children);
    });
  walk(tree);
  return out;
}

export interface CompareRow {
  left: CompareLine | null;
  right: CompareLine | null;
  /** The left text as runs: same words, and words only in the draft ('del'). */
  leftOps: DiffOp[];
  /** The right text as runs: same words, and words only in the model ('ins'). */
  rightOps: DiffOp[];
}

/** The two texts aligned provision by provision (by shared words), each pair diffed word by word. */
export function compareRows(left: CompareLine[], right: CompareLine[]): CompareRow[] {
  return align(left, right, (a, b) => similarity(a.text, b.text), 0.3).map(({ a, b }) => {
    if (a && b) {
      const ops = diffWords(a.text, b.text);
      return { left: a, right: b, leftOps: ops.filter((o) => o.op !== 'ins'), rightOps: ops.filter((o) => o.op !== 'del') };
    }
    if (a) return { left: a, right: null, leftOps: [{ op: 'del', text: a.text }], rightOps: [] };
    return { left: null, right: b!, leftOps: [], rightOps: [{ op: 'ins', text: b!.text }] };
  });
}

/** How alike the two texts are overall (0..1), for a one-line summary. */
export function overallSimilarity(rows: CompareRow[]): number {
  let same = 0;
  let all = 0;
  for (const r of rows) {
    for (const o of [...r.leftOps, ...r.rightOps]) {
      const words = (o.text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
      all += words;
      if (o.op === 'same') same += words;
    }
  }
  return all === 0 ? 1 : same / all;
}
