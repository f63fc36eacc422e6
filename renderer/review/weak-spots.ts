import type { Node as PMNode } from 'prosemirror-model';
import type { LintFinding } from '../../core/coverage/lint';
import { compileRules, isOpen, joinSentences, readSentences, sentenceCache, type ReadSentence } from '../../core/coverage/rules';
import { broadLabel, excerpt, hasForce, markerWords, readExceptions, splitSentences } from '../../core/coverage/text';
import type { CoverageLibrary, CoverageReport, ElementReport } from '../../core/coverage/types';
import { numberDocument } from '../../core/document/numbering';

/**
 * The weak spots of an ordinance under review, the things a reviewer looks for first:
 * - broad exceptions: "except as required by law", "publicly available", "to the extent
 *   practicable"... each with the elements it keeps from closing;
 * - permissive verbs: a sentence that speaks to an element of the checklist but only
 *   permits or encourages ("may decline to", "should", "is encouraged to"), so it binds
 *   no one; and "should" anywhere in operative text (lint);
 * - a missing remedy: nothing (or not enough) lets a person enforce the ordinance, and
 *   any provision that disclaims a right of action;
 * - library clauses weakened by editing (a copy being edited), from the report.
 *
 * Everything is read from the coverage report, the lint findings and the text as it
 * stands after amendment: words struck through in an amending ordinance are deleted
 * law, so they are not read.
 */

export type WeakSpotKind = 'broad-exception' | 'permissive' | 'missing-remedy' | 'weakened';

export const WEAK_SPOT_GROUPS: { kind: WeakSpotKind; title: string; empty: string }[] = [
  { kind: 'broad-exception', title: 'Broad exceptions', empty: 'No broad exception: nothing lets through “whatever the law requires” or the like.' },
  { kind: 'permissive', title: 'Permissive verbs', empty: 'No rule is written as a mere permission or encouragement.' },
  { kind: 'missing-remedy', title: 'Remedy', empty: 'A person can enforce the ordinance: a civil action, relief, damages and fees.' },
  { kind: 'weakened', title: 'Weakened library text', empty: '' },
];

export interface WeakSpot {
  /** Stable key (kind, place and words). */
  key: string;
  kind: WeakSpotKind;
  /** The words at fault, or a short name of what is missing. */
  title: string;
  /** Why it matters, in one or two sentences. */
  detail: string;
  /** Where it is, when it is somewhere. */
  where?: { nodeId: string; label: string };
  /** Elements of the checklist it keeps from closing, or that it speaks to ("Route: statement"). */
  affects: string[];
}

export interface WeakSpotInput {
  doc: PMNode;
  report: CoverageReport;
  lint: readonly LintFinding[];
  library: CoverageLibrary;
}

/** Text of a textblock as it stands: struck (deleted) words left out, placeholders as {key}. */
export function liveText(block: PMNode): string {
  let s = '';
  block.forEach((child) => {
    if (child.isText) {
      if (!child.marks.some((m) => m.type.name === 'del')) s += child.text ?? '';
    } else if (child.type.name === 'placeholder') s += `{${child.attrs.key as string}}`;
    else if (child.type.name === 'xref') s += '[ref]';
    else s += ' ';
  });
  return s.replace(/ {2,}/g, ' ');
}

/** Text of a document range as it stands (struck words left out). */
function liveRange(doc: PMNode, from: number, to: number): string {
  let s = '';
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    if (node.marks.some((m) => m.type.name === 'del')) return false;
    const a = Math.max(from, pos) - pos;
    const b = Math.min(to, pos + node.nodeSize) - pos;
    s += (node.text ?? '').slice(a, b);
    return false;
  });
  return s;
}

/**
 * Lint findings about the text as it stands: a finding whose words are all struck
 * through (deleted by an amendment), or a broad exception that is no longer broad once
 * the struck words are left out, is dropped.
 */
export function liveFindings(doc: PMNode, lint: readonly LintFinding[]): LintFinding[] {
  return lint.filter((f) => {
    if (f.from === undefined || f.to === undefined || f.to <= f.from) return true;
    const text = liveRange(doc, f.from, f.to);
    if (!text.trim()) return false;
    if (f.rule === 'broad-exception') return readExceptions(text.trim().replace(/^,\s*|,\s*$/g, '')).some((e) => e.broad);
    return true;
  });
}

interface ProvisionText {
  nodeId: string;
  label: string;
  text: string;
  node: PMNode;
  depth: number;
}

/** Every provision of every section, in document order, with its label and its text as it stands. */
function provisions(doc: PMNode): ProvisionText[] {
  const numbering = numberDocument(doc);
  const out: ProvisionText[] = [];
  doc.forEach((section) => {
    if (section.type.name !== 'section') return;
    const walk = (node: PMNode, depth: number) => {
      node.forEach((child) => {
        if (child.type.name !== 'provision') return;
        const id = child.attrs.id as string;
        const para = child.firstChild;
        out.push({ nodeId: id, label: numbering.byId.get(id)?.full ?? '', text: para && para.isTextblock ? liveText(para) : '', node: child, depth });
        walk(child, depth + 1);
      });
    };
    walk(section, 0);
  });
  return out;
}

const norm = (s: string) => s.toLowerCase().replace(/[\u201c\u201d"]/g, '"').replace(/[\u2018\u2019']/g, "'").replace(/\s+/g, ' ').trim();

function elementLine(route: { title: string }, el: ElementReport): string {
  return `${route.title}: ${el.statement}`;
}

// ---------------------------------------------------------------------------------

function broadExceptions(input: WeakSpotInput, provs: ProvisionText[]): WeakSpot[] {
  const { report, doc, lint } = input;
  const out = new Map<string, WeakSpot>();
  const exempt = new Set(report.exemptions.map((x) => `${x.provision.nodeId}|${norm(x.text)}`));
  // what each exception keeps from closing, by provision and words
  const lowers = new Map<string, string[]>();
  for (const route of report.routes) {
    for (const el of route.elements) {
      for (const a of el.addressedBy) {
        for (const x of a.exceptions ?? []) {
          const k = `${a.provision.nodeId}|${norm(x.text)}`;
          const list = lowers.get(k) ?? lowers.set(k, []).get(k)!;
          const line = elementLine(route, el);
          if (!list.includes(line)) list.push(line);
        }
      }
    }
  }
  for (const p of provs) {
    if (!p.text.trim()) continue;
    for (const s of splitSentences(p.text)) {
      // a definition's "means ... except" defines; it excepts nothing from a rule
      if (/^\s*["\u201c'\u2018][^"\u201d\u2019]{1,120}["\u201d'\u2019]\s*,?\s*(?:shall\s+)?(?:means?|includes?|has the meaning|refers to)\b/i.test(s.text)) continue;
      for (const e of readExceptions(s.text)) {
        if (!e.broad) continue;
        const k = `${p.nodeId}|${norm(e.text)}`;
        if (out.has(k)) continue;
        const isExemption = exempt.has(k) || [...exempt].some((x) => x.startsWith(`${p.nodeId}|`) && x.includes(norm(e.text)));
        const affects = [...(lowers.get(k) ?? [])];
        for (const [lk, lines] of lowers) {
          if (lk !== k && lk.startsWith(`${p.nodeId}|`) && (lk.includes(norm(e.text)) || norm(e.text).includes(lk.slice(p.nodeId.length + 1)))) {
            for (const l of lines) if (!affects.includes(l)) affects.push(l);
          }
        }
        out.set(k, {
          key: `x:${k}`,
          kind: 'broad-exception',
          title: `“${excerpt(e.text, 16)}”`,
          detail: `${cap(broadLabel(e.broad))}.${isExemption ? ' Written as its own sentence, it lowers every element it reaches.' : ''}`,
          where: { nodeId: p.nodeId, label: p.label },
          affects,
        });
      }
    }
  }
  // lint may find one where the text above has none (a heading, a recital): add it unless its words are struck
  for (const f of lint) {
    if (f.rule !== 'broad-exception' || f.from === undefined || f.to === undefined) continue;
    const text = liveRange(doc, f.from, f.to).trim().replace(/^,\s*|,\s*$/g, '');
    if (!text || !readExceptions(text).some((e) => e.broad)) continue;
    const dupe = [...out.values()].some((w) => w.where?.nodeId === f.nodeId && (norm(w.title).includes(norm(text).slice(0, 20)) || norm(text).includes(norm(w.title).replace(/^"|"$/g, '').slice(0, 20))));
    if (dupe) continue;
    const k = `${f.nodeId}|${norm(text)}`;
    out.set(k, { key: `l:${k}`, kind: 'broad-exception', title: `“${excerpt(text, 16)}”`, detail: f.message, where: f.label ? { nodeId: f.nodeId, label: f.label } : undefined, affects: [] });
  }
  return [...out.values()];
}

/** A few words either side of the first match: "… enforcement, should include a right to audit …". */
export function around(text: string, re: RegExp, before = 5, after = 8): string {
  const m = re.exec(text);
  if (!m) return excerpt(text, before + after);
  const head = text.slice(0, m.index).trim().split(/\s+/).filter(Boolean);
  const tail = text.slice(m.index).trim().split(/\s+/);
  const left = head.slice(-before);
  const right = tail.slice(0, after + 1);
  return `${head.length > before ? '… ' : ''}${[...left, ...right].join(' ')}${tail.length > after + 1 ? ' …' : ''}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const PERMISSIVE_FORCE = new Set(['permission', 'discretion']);

function permissiveVerbs(input: WeakSpotInput, provs: ProvisionText[]): WeakSpot[] {
  const { report, library, lint } = input;
  const out: WeakSpot[] = [];
  const inReport = new Set(report.routes.map((r) => r.id));
  const index = compileRules(library.routes.filter((r) => inReport.has(r.id)));
  const cache = sentenceCache(index);
  const elements = new Map<string, { route: { title: string }; el: ElementReport }>();
  for (const route of report.routes) for (const el of route.elements) elements.set(el.ref, { route, el });
  const byId = new Map(provs.map((p) => [p.nodeId, p]));

  // read each provision with the lead-in it continues, as the coverage check does
  const visit = (node: PMNode, carry: ReadSentence | null) => {
    const p = byId.get(node.attrs.id as string);
    const text = p?.text ?? '';
    const read = text.trim() ? readSentences(index, text, cache) : [];
    const own = carry && read.length > 0 ? [joinSentences(index, carry, read[0]!, cache), ...read.slice(1)] : [...read];
    own.forEach((s, i) => {
      if (s.kind !== 'operative' || s.full.length === 0) return;
      const weak = s.markers.filter((m) => PERMISSIVE_FORCE.has(m.kind));
      if (weak.length === 0 || hasForce(s, 'any')) return;
      const refs: string[] = [];
      let wants: 'prohibition' | 'duty' = 'duty';
      for (const ri of s.full) {
        const rule = index.rules[ri]!;
        if (hasForce(s, rule.force) || refs.includes(rule.element)) continue;
        refs.push(rule.element);
        if (rule.force === 'prohibition') wants = 'prohibition';
      }
      if (refs.length === 0 || !p) return;
      const words = markerWords(s, weak[0]!);
      const quote = i === 0 && carry ? read[0]!.text : s.text;
      const affects = refs.map((r) => elements.get(r)).filter((x): x is NonNullable<typeof x> => !!x).map(({ route, el }) => elementLine(route, el) + (el.status === 'closed' ? ' (met elsewhere)' : ''));
      out.push({
        key: `p:${p.nodeId}|${norm(quote)}`,
        kind: 'permissive',
        title: `“${excerpt(quote, 14)}”`,
        detail: `“${words}” only ${weak[0]!.kind === 'discretion' ? 'encourages or allows' : 'permits'}: the sentence speaks to the checklist but binds no one. ${wants === 'prohibition' ? 'Write it as a prohibition (“may not”, “shall not”).' : 'Write it as a duty (“shall”).'}`,
        where: { nodeId: p.nodeId, label: p.label },
        affects,
      });
    });
    const last = own[own.length - 1];
    const next = own.length === 0 ? carry : last && isOpen(last) ? last : null;
    node.forEach((c) => {
      if (c.type.name === 'provision') visit(c, next);
    });
  };
  input.doc.forEach((section) => {
    if (section.type.name !== 'section') return;
    section.forEach((c) => {
      if (c.type.name === 'provision') visit(c, null);
    });
  });

  // "should" anywhere in operative text (lint), where the sentence reading above did not already say so
  for (const f of lint) {
    if (f.rule !== 'should') continue;
    if (f.from !== undefined && f.to !== undefined && !liveRange(input.doc, f.from, f.to).trim()) continue;
    if (out.some((w) => w.where?.nodeId === f.nodeId && /should/i.test(w.detail))) continue;
    const p = byId.get(f.nodeId);
    const sentence = p ? (splitSentences(p.text).find((s) => /\bshould\b/i.test(s.text))?.text ?? p.text) : 'should';
    out.push({
      key: `s:${f.nodeId}|${f.from ?? f.pos}`,
      kind: 'permissive',
      title: `“${around(sentence, /\bshould\b/i)}”`,
      detail: '“should” binds no one in operative text: use “shall” for a duty, “may not” for a prohibition.',
      where: f.label ? { nodeId: f.nodeId, label: f.label } : p ? { nodeId: p.nodeId, label: p.label } : undefined,
      affects: [],
    });
  }
  return out;
}

/** Words that disclaim a remedy: "does not create a private right of action". */
const DISCLAIMER = /\b(?:(?:does|shall|will)\s+not\s+(?:create|give\s+rise\s+to|confer|establish|form\s+the\s+basis\s+for)\b[^.;]*?\b(?:private\s+)?(?:right|cause)s?\s+of\s+action|no\s+private\s+(?:right|cause)\s+of\s+action|not\s+(?:be\s+)?enforceable\s+by\s+(?:any\s+)?private)\b/i;

function missingRemedy(input: WeakSpotInput, provs: ProvisionText[]): WeakSpot[] {
  const { report } = input;
  const out: WeakSpot[] = [];
  const route = report.routes.find((r) => r.id === 'enforcement-remedy') ?? report.routes.find((r) => r.category === 'governance' && /remed/i.test(`${r.id} ${r.title}`));
  const disclaimers = provs.filter((p) => DISCLAIMER.test(p.text));
  if (route && route.status !== 'closed') {
    const open = route.elements.filter((e) => e.status !== 'closed');
    const court = route.elements.filter((e) => /private-action|injunctive|damages|attorney-fees/.test(e.elementId));
    const noCourt = court.length > 0 && court.every((e) => e.status === 'open');
    out.push({
      key: `r:${route.id}`,
      kind: 'missing-remedy',
      title: noCourt ? 'No remedy: no one can enforce the ordinance in court' : `Enforcement incomplete: ${open.length} of ${route.elements.length} elements missing`,
      detail: noCourt
        ? 'Without an express civil action, relief and damages, the rules are enforced only when the agency chooses; courts seldom imply a right of action from a local law.'
        : 'Part of what makes the rules enforceable is missing: a person injured by a violation needs each of these.',
      affects: open.map((e) => elementLine(route, e)),
    });
  }
  for (const p of disclaimers) {
    const sentence = splitSentences(p.text).find((s) => DISCLAIMER.test(s.text))?.text ?? p.text;
    out.push({
      key: `d:${p.nodeId}`,
      kind: 'missing-remedy',
      title: `“${excerpt(sentence, 16)}”`,
      detail: 'This provision disclaims a right of action: no resident can go to court when the rules are broken.',
      where: { nodeId: p.nodeId, label: p.label },
      affects: [],
    });
  }
  for (const ed of report.edits) {
    for (const w of ed.weakenings) {
      if (w.kind !== 'removed-remedy') continue;
      out.push({ key: `w:${ed.provision.nodeId}|${w.words}`, kind: 'missing-remedy', title: w.words, detail: w.message, where: { nodeId: w.nodeId || ed.provision.nodeId, label: w.label }, affects: [] });
    }
  }
  return out;
}

function weakenedEdits(input: WeakSpotInput): WeakSpot[] {
  const out: WeakSpot[] = [];
  for (const ed of input.report.edits) {
    for (const w of ed.weakenings) {
      if (w.kind === 'removed-remedy') continue;
      const kind: WeakSpotKind = w.kind === 'exception' ? 'broad-exception' : w.kind === 'discretion' || w.kind === 'prohibition-loosened' ? 'permissive' : 'weakened';
      out.push({ key: `w:${ed.provision.nodeId}|${w.kind}|${w.words}`, kind, title: w.words, detail: w.message, where: { nodeId: w.nodeId || ed.provision.nodeId, label: w.label }, affects: [] });
    }
  }
  return out;
}

/** Every weak spot, grouped by kind in WEAK_SPOT_GROUPS order, in document order within a group. */
export function weakSpots(input: WeakSpotInput): WeakSpot[] {
  const provs = provisions(input.doc);
  const order = new Map(provs.map((p, i) => [p.nodeId, i]));
  const all = [...broadExceptions(input, provs), ...permissiveVerbs(input, provs), ...missingRemedy(input, provs), ...weakenedEdits(input)];
  const seen = new Set<string>();
  const unique = all.filter((w) => (seen.has(w.key) ? false : (seen.add(w.key), true)));
  const g = (k: WeakSpotKind) => WEAK_SPOT_GROUPS.findIndex((x) => x.kind === k);
  const at = (w: WeakSpot) => (w.where ? (order.get(w.where.nodeId) ?? -1) : -2);
  return unique.sort((a, b) => g(a.kind) - g(b.kind) || at(a) - at(b));
}
