import type { Node as PMNode } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { Transform } from 'prosemirror-transform';
import { buildSection, planIds } from '../document/build';
import { definitionsStatus, documentRefs, syncDefinitionsInto } from '../document/definitions';
import { collectIds } from '../document/ids';
import { numberDocument, type Numbering } from '../document/numbering';
import { resolvePlaceholder } from '../document/placeholders';
import type { Provenance } from '../document/schema';
import type { Library } from '../library/library';
import { isPlaceholderKey, type Clause, type Profile } from '../schema';
import { readExceptions, readSentence, splitSentences, broadLabel, excerpt, type SentenceInfo } from './text';
import { isStruck } from './tree';

/**
 * Lint: drafting problems beside coverage, each with where it is and, where there is
 * one, a fix. A fix is a function from the document the finding was made on to a
 * Transform whose steps make the change (`fix.apply(doc).doc` is the new document; an
 * editor replays the steps onto its own transaction). A fix refuses, with an Error,
 * to apply to a document in which the text it would change is no longer there.
 *
 * Per-section facts are memoised on the section node, as coverage's analyses are; the
 * document-wide rules (definitions, cross-references, missing sections) are assembled
 * from them on every call.
 */

export type LintRule =
  | 'undefined-term'
  | 'unused-definition'
  | 'duplicate-definition'
  | 'unknown-placeholder'
  | 'unresolved-placeholder'
  | 'broken-xref'
  | 'dangling-reference'
  | 'duplicate-heading'
  | 'missing-severability'
  | 'missing-effective-date'
  | 'conflicting-clauses'
  | 'actorless-prohibition'
  | 'status-ban-without-savings'
  | 'broad-exception'
  | 'and-or'
  | 'etc'
  | 'should';

export type LintSeverity = 'error' | 'warning' | 'info';

export interface LintFix {
  description: string;
  apply(doc: PMNode): Transform;
}

export interface LintFinding {
  rule: LintRule;
  severity: LintSeverity;
  message: string;
  /** The section, provision or other node the finding is in ('' when it has no id). */
  nodeId: string;
  /** Position of that node. */
  pos: number;
  /** The text the finding is about, as document positions (when it is a piece of text). */
  from?: number;
  to?: number;
  /** "Section 4(b)" when the node is numbered. */
  label?: string;
  fix?: LintFix;
}

export interface LintOptions {
  profile?: Pick<Profile, 'id' | 'values'> | null;
}

// ---------------------------------------------------------------------------
// text of a paragraph with its positions

interface Segment {
  /** offsets in the paragraph text */
  s: number;
  e: number;
  /** position (relative to the top-level node's content) of the first character, or of the atom */
  pos: number;
  atom: boolean;
}

interface ParaText {
  text: string;
  segs: Segment[];
  /** id of the provision (or '' for a heading / other block) that holds the paragraph, and its relative position */
  ownerId: string;
  ownerRel: number;
}

function paraText(block: PMNode, contentRel: number, ownerId: string, ownerRel: number): ParaText {
  let text = '';
  const segs: Segment[] = [];
  let off = 0;
  for (let i = 0; i < block.childCount; i++) {
    const c = block.child(i);
    const pos = contentRel + off;
    let t: string;
    // struck words are not law: they keep their place (positions) but read as blanks
    if (c.isText) t = isStruck(c) ? ' '.repeat((c.text ?? '').length) : (c.text ?? '');
    else if (c.type.name === 'placeholder') t = `{${c.attrs.key as string}}`;
    else if (c.type.name === 'xref') t = '[ref]';
    else t = ' ';
    segs.push({ s: text.length, e: text.length + t.length, pos, atom: !c.isText });
    text += t;
    off += c.nodeSize;
  }
  return { text, segs, ownerId, ownerRel };
}

/** Positions (relative to the top node) of a range of paragraph text; atoms are covered whole. */
function toRel(p: ParaText, from: number, to: number): { from: number; to: number } {
  const at = (o: number, end: boolean): number => {
    for (const g of p.segs) {
      if (o >= g.s && (o < g.e || (end && o === g.e))) return g.atom ? (end ? g.pos + 1 : g.pos) : g.pos + (o - g.s);
    }
    const last = p.segs[p.segs.length - 1];
    return last ? (last.atom ? last.pos + 1 : last.pos + (last.e - last.s)) : 0;
  };
  return { from: at(from, false), to: at(to, true) };
}

// ---------------------------------------------------------------------------
// per-node facts (memoised)

interface LocalFinding {
  rule: LintRule;
  severity: LintSeverity;
  message: string;
  ownerId: string;
  ownerRel: number;
  from: number;
  to: number;
  /** The text at [from, to) when the finding was made (fixes check it is still there). */
  expect: string;
  replacement?: string;
  fixDescription?: string;
}

interface TypedRef {
  section: number;
  path: string;
  /** "subsection" references name a provision of the same section. */
  local: boolean;
  text: string;
  ownerId: string;
  ownerRel: number;
  from: number;
  to: number;
}

interface NodeFacts {
  local: LocalFinding[];
  statusBans: LocalFinding[];
  mentionsSavingsStatutes: boolean;
  heading: string;
  severability: boolean;
  effectiveDate: boolean;
  xrefs: { target: string; rel: number; ownerId: string; ownerRel: number }[];
  placeholders: { key: string; rel: number; ownerId: string; ownerRel: number }[];
  typedRefs: TypedRef[];
  /** canonical text, for telling a duplicate section from a duplicate heading */
  body: string;
}

const SHARING_VERB = /\b(?:disclos\w*|shar\w*|provid\w*|send\w*|transmit\w*|exchang\w*|releas\w*|communicat\w*|report\w*|furnish\w*|give|gives|giving|make available)\b/i;
const STATUS = /\b(?:immigration status|citizenship|citizenship status|status information|immigration or citizenship status|citizenship or immigration status)\b/i;
const SAVINGS_STATUTES = /\b1373\b|\b1644\b/;
const PARTICIPLE = /^(?:\w+ed|made|given|sent|kept|held|sold|shown|taken|done|put|told|shared|run|read|seen|known|used)$/;
const PERSON_NOUN = /^(?:employees?|officers?|officials?|persons?|individuals?|agenc(?:y|ies)|contractors?|vendors?|members?|staff|personnel|deputies|deputy)$/;
const ACTOR_AFTER_BY = /\bby\s+(?:an?|any|the|each|every|no|its|their|\{)/i;

function passiveProhibition(s: SentenceInfo): boolean {
  for (const m of s.markers) {
    if (m.kind !== 'prohibition') continue;
    const a = s.tokens[m.to]?.w;
    const b = s.tokens[m.to + 1]?.w ?? '';
    const lastWord = s.tokens[m.to - 1]?.w;
    // "shall not be disclosed", "No record may be shared"; but not "No employee shall be
    // assigned", whose subject is a person the sentence protects or binds through others
    const subject = s.tokens.slice(m.from, m.to - 1).map((t) => t.w);
    const personSubject = subject[0] === 'no' && subject.some((w) => PERSON_NOUN.test(w));
    if (a === 'be' && PARTICIPLE.test(b) && !personSubject) {
      const rest = s.text.slice(s.tokens[m.to + 1]!.end);
      if (!ACTOR_AFTER_BY.test(rest)) return true;
    }
    // "The disclosure of ... is prohibited." with nobody bound
    if (lastWord === 'prohibited' && a !== 'from' && a !== 'to') {
      const first = s.tokens[0]?.w;
      if (first === 'the' || first === 'any' || first === 'all') return !ACTOR_AFTER_BY.test(s.text);
    }
  }
  return false;
}

function caseLike(word: string, like: string): string {
  return like[0] && like[0] === like[0].toUpperCase() ? word[0]!.toUpperCase() + word.slice(1) : word;
}

function sentenceFindings(p: ParaText, operative: boolean, facts: NodeFacts): void {
  const push = (f: Omit<LocalFinding, 'ownerId' | 'ownerRel' | 'from' | 'to' | 'expect'>, start: number, end: number, list = facts.local) => {
    const r = toRel(p, start, end);
    list.push({ ...f, ownerId: p.ownerId, ownerRel: p.ownerRel, from: r.from, to: r.to, expect: p.text.slice(start, end) });
  };
  if (SAVINGS_STATUTES.test(p.text)) facts.mentionsSavingsStatutes = true;
  if (!operative) return;
  for (const m of p.text.matchAll(/\band\/or\b/gi)) {
    push({ rule: 'and-or', severity: 'warning', message: '"and/or" is ambiguous in operative text: say "or" (which includes both) or "and"', replacement: 'or', fixDescription: 'Replace "and/or" with "or"' }, m.index, m.index + m[0].length);
  }
  for (const m of p.text.matchAll(/\betc\b\.?/gi)) {
    push({ rule: 'etc', severity: 'warning', message: '"etc." leaves the list open to argument: list the items, or use a defined "including"' }, m.index, m.index + m[0].length);
  }
  for (const s of splitSentences(p.text)) {
    const info = readSentence(s.text);
    if (info.kind === 'operative') {
      for (const m of s.text.matchAll(/\bshould\b/gi)) {
        const at = s.start + m.index;
        push({ rule: 'should', severity: 'warning', message: '"should" binds no one in operative text: use "shall" for a duty, "may" for a permission', replacement: caseLike('shall', m[0]), fixDescription: 'Replace "should" with "shall"' }, at, at + m[0].length);
      }
      if (passiveProhibition(info)) {
        push({ rule: 'actorless-prohibition', severity: 'warning', message: `A prohibition in the passive names no one it binds ("${excerpt(s.text, 12)}"): say who may not act, e.g. "An agency may not ..."` }, s.start, s.start + s.text.length);
      }
      if (info.markers.some((m) => m.kind === 'prohibition') && STATUS.test(s.text) && SHARING_VERB.test(s.text)) {
        push({ rule: 'status-ban-without-savings', severity: 'warning', message: 'A ban on sharing immigration or citizenship status information without a savings clause for 8 U.S.C. §1373 and §1644 invites a preemption challenge' }, s.start, s.start + s.text.length, facts.statusBans);
      }
    }
    if (info.kind === 'definition') continue;
    for (const e of readExceptions(s.text)) {
      if (!e.broad) continue;
      // delete the exception with the comma that sets it off, or the whole sentence when it is one
      let a = s.start + e.start;
      let b = s.start + e.end;
      const whole = e.start === 0 && /^[.;]?\s*$/.test(s.text.slice(e.end));
      if (whole) b = s.start + s.text.length;
      else if (/,\s*$/.test(p.text.slice(0, a))) {
        a = p.text.slice(0, a).replace(/,\s*$/, '').length;
        if (p.text[b] === ',') b += 1;
      } else if (p.text[b] === ',') {
        b += 1;
        while (p.text[b] === ' ') b++;
      } else {
        while (a > 0 && p.text[a - 1] === ' ') a--;
      }
      push({ rule: 'broad-exception', severity: 'warning', message: `"${excerpt(e.text, 12)}" is ${broadLabel(e.broad)}`, replacement: '', fixDescription: `Delete "${excerpt(e.text, 8)}"` }, a, b);
    }
  }
  // typed references: "Section 4(b)", "subsection (c)(2)"
  for (const m of p.text.matchAll(/\b([Ss]ection|[Ss]ubsection)\s+(\d+)?((?:\([a-zA-Z0-9]{1,5}\))*)/g)) {
    const kind = m[1]!.toLowerCase();
    const before = p.text.slice(Math.max(0, m.index - 12), m.index);
    const after = p.text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    if (kind === 'section') {
      if (!m[2]) continue;
      // another law's section: "Section 1798.90 of the Civil Code", "8 U.S.C. Section 1373"
      if (/^(?:\.\d|-\d|\s+of\b)/.test(after) || /(?:U\.?S\.?C\.?|Code|C\.?F\.?R\.?|ILCS|Stat\.?|§)\s*$/.test(before)) continue;
      push0(facts, p, { section: Number(m[2]), path: m[3] ?? '', local: false, text: m[0] }, m.index, m.index + m[0].length);
    } else if (!m[2] && m[3]) {
      push0(facts, p, { section: 0, path: m[3], local: true, text: m[0] }, m.index, m.index + m[0].length);
    }
  }
}

function push0(facts: NodeFacts, p: ParaText, r: Pick<TypedRef, 'section' | 'path' | 'local' | 'text'>, start: number, end: number): void {
  const rr = toRel(p, start, end);
  facts.typedRefs.push({ ...r, ownerId: p.ownerId, ownerRel: p.ownerRel, from: rr.from, to: rr.to });
}

const factsCache = new WeakMap<PMNode, NodeFacts>();

/** Facts of one top-level node (section, recital, title ...), memoised on the node. */
function nodeFacts(node: PMNode): NodeFacts {
  const hit = factsCache.get(node);
  if (hit) return hit;
  const facts: NodeFacts = {
    local: [],
    statusBans: [],
    mentionsSavingsStatutes: false,
    heading: '',
    severability: false,
    effectiveDate: false,
    xrefs: [],
    placeholders: [],
    typedRefs: [],
    body: '',
  };
  const isSection = node.type.name === 'section';
  const operative = isSection && node.attrs.role !== 'definitions';
  const bodies: string[] = [];
  const ownerOf = (pos: number): { id: string; rel: number } => {
    // the innermost provision containing pos (relative to node content), or the node itself
    let id = (node.attrs.id as string | undefined) ?? '';
    let rel = 0;
    const $ = node.resolve(pos);
    for (let d = $.depth; d > 0; d--) {
      const n = $.node(d);
      if (n.type.name === 'provision') {
        id = n.attrs.id as string;
        rel = $.before(d) + 1;
        break;
      }
    }
    return { id, rel };
  };
  node.descendants((child, pos) => {
    if (!child.isTextblock) return true;
    const o = ownerOf(pos);
    child.forEach((c, off) => {
      // content-relative position of the atom is pos + 1 + off; facts keep top-relative ones (+1)
      if (c.type.name === 'placeholder') facts.placeholders.push({ key: c.attrs.key as string, rel: pos + 2 + off, ownerId: o.id, ownerRel: o.rel });
      else if (c.type.name === 'xref') facts.xrefs.push({ target: c.attrs.target as string, rel: pos + 2 + off, ownerId: o.id, ownerRel: o.rel });
    });
    const p = paraText(child, pos + 1, o.id, o.rel);
    if (child.type.name === 'heading') facts.heading = p.text;
    else bodies.push(p.text);
    if (child.type.name !== 'heading') sentenceFindings(p, operative, facts);
    else if (SAVINGS_STATUTES.test(p.text)) facts.mentionsSavingsStatutes = true;
    return false;
  });
  if (node.isTextblock) {
    const p = paraText(node, 0, '', 0);
    bodies.push(p.text);
    if (SAVINGS_STATUTES.test(p.text)) facts.mentionsSavingsStatutes = true;
    node.forEach((c, off) => {
      if (c.type.name === 'placeholder') facts.placeholders.push({ key: c.attrs.key as string, rel: off + 1, ownerId: '', ownerRel: 0 });
      if (c.type.name === 'xref') facts.xrefs.push({ target: c.attrs.target as string, rel: off + 1, ownerId: '', ownerRel: 0 });
    });
  }
  facts.body = bodies.join('\n');
  if (isSection) {
    facts.severability = /severab/i.test(facts.heading) || /\b(?:held|found|declared|adjudged|determined)\s+(?:by\s+a\s+court\s+[^.]{0,60}\s+)?(?:to\s+be\s+)?(?:invalid|unconstitutional|void|unenforceable)\b|\bseverab/i.test(facts.body);
    facts.effectiveDate = /effective/i.test(facts.heading) || /\btakes?\s+effect\b|\bshall\s+(?:become|be)\s+effective\b|\bis\s+effective\s+(?:on|upon|as\s+of)\b|\bin\s+(?:full\s+)?force\s+and\s+effect\b/i.test(facts.body);
  }
  factsCache.set(node, facts);
  return facts;
}

// ---------------------------------------------------------------------------
// fixes

/** A fix that replaces (or deletes) text, refusing when the text is no longer there. */
function textFix(description: string, from: number, to: number, expect: string, replacement: string): LintFix {
  return {
    description,
    apply(doc) {
      const now = doc.textBetween(from, to, '\n', (leaf) => (leaf.type.name === 'placeholder' ? `{${leaf.attrs.key as string}}` : leaf.type.name === 'xref' ? '[ref]' : ' '));
      if (now !== expect) throw new Error(`lint fix "${description}": the text at ${from}-${to} is now "${now}", not "${expect}"; lint the document again`);
      const tr = new Transform(doc);
      if (replacement) tr.replaceWith(from, to, doc.type.schema.text(replacement, doc.resolve(from + 1).marks()));
      else tr.delete(from, to);
      return tr;
    },
  };
}

function nodeFix(description: string, pos: number, expectType: string, expectId: string, edit: (tr: Transform, node: PMNode) => void): LintFix {
  return {
    description,
    apply(doc) {
      const node = doc.nodeAt(pos);
      if (!node || node.type.name !== expectType || (expectId && node.attrs.id !== expectId)) {
        throw new Error(`lint fix "${description}": no ${expectType}${expectId ? ` "${expectId}"` : ''} at ${pos} any more; lint the document again`);
      }
      const tr = new Transform(doc);
      edit(tr, node);
      return tr;
    },
  };
}

/** Insert a library clause as a section after the last section (before the adoption block). */
function insertClauseFix(description: string, clause: Clause, library: Library, before?: (doc: PMNode) => number | null): LintFix {
  return {
    description,
    apply(doc) {
      const variant = clause.variants[0]!;
      const node = buildSection({ clause, variant, plan: planIds(clause, variant, clause.id, collectIds(doc)), libraryVersion: library.info.version, external: documentRefs(doc) });
      let end = -1;
      doc.forEach((child, off) => {
        if (child.type.name === 'section') end = off + child.nodeSize;
      });
      if (end < 0) throw new Error(`lint fix "${description}": the document has no section to insert after`);
      const at = before?.(doc) ?? end;
      return new Transform(doc).insert(at, node);
    },
  };
}

function findClause(library: Library, id: string, pattern: RegExp): Clause | undefined {
  const c = library.clauseById.get(id);
  if (c && c.kind === 'section') return c;
  return library.clauses.find((x) => x.kind === 'section' && pattern.test(`${x.id} ${x.title}`));
}

// ---------------------------------------------------------------------------

function label(numbering: Numbering, id: string, pos: number): string | undefined {
  return numbering.byPos.get(pos)?.full ?? (id ? numbering.byId.get(id)?.full : undefined);
}

function normHeading(h: string): string {
  return h.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Lint a document. `library` gives definitions, clause conflicts and the clauses fixes insert. */
export function lint(doc: PMNode, library: Library, options: LintOptions = {}): LintFinding[] {
  if (doc.type.name !== 'doc') throw new Error(`lint: expected an ordinance document node, got a "${doc.type.name}" node`);
  const numbering = numberDocument(doc);
  const out: LintFinding[] = [];
  const tops: { node: PMNode; pos: number; facts: NodeFacts }[] = [];
  doc.forEach((node, pos) => tops.push({ node, pos, facts: nodeFacts(node) }));
  const sections = tops.filter((t) => t.node.type.name === 'section');

  const at = (top: { node: PMNode; pos: number }, ownerId: string, ownerRel: number) => {
    const pos = top.pos + ownerRel;
    const id = ownerId || ((top.node.attrs.id as string | undefined) ?? '');
    return { nodeId: id, pos, label: label(numbering, id, pos) };
  };

  // sentence-level findings
  let anySavings = false;
  for (const t of tops) if (t.node.type.name === 'section' && t.facts.mentionsSavingsStatutes) anySavings = true;
  for (const t of tops) {
    for (const f of t.facts.local) {
      const from = t.pos + 1 + f.from;
      const to = t.pos + 1 + f.to;
      out.push({
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        ...at(t, f.ownerId, f.ownerRel),
        from,
        to,
        ...(f.replacement !== undefined && f.fixDescription ? { fix: textFix(f.fixDescription, from, to, f.expect, f.replacement) } : {}),
      });
    }
    if (!anySavings) {
      const savings = library.clauses.find((c) => c.kind === 'section' && c.variants.some((v) => v.provisions.some((p) => SAVINGS_STATUTES.test(p.text))));
      for (const f of t.facts.statusBans) {
        out.push({
          rule: f.rule,
          severity: f.severity,
          message: f.message,
          ...at(t, f.ownerId, f.ownerRel),
          from: t.pos + 1 + f.from,
          to: t.pos + 1 + f.to,
          ...(savings ? { fix: insertClauseFix(`Insert "${savings.title}"`, savings, library) } : {}),
        });
      }
    }
  }

  // definitions
  const status = definitionsStatus(doc, library);
  // where each undefined term is first used (looked for only when there is one)
  const firstUse = new Map<string, number>();
  const wanted = new Set([...status.undefinedTerms, ...status.duplicates]);
  if (wanted.size > 0) {
    doc.descendants((node, pos) => {
      if (firstUse.size === wanted.size) return false;
      if (node.isText) {
        for (const m of node.marks) {
          const t = m.attrs.term as string;
          if (m.type.name === 'term' && wanted.has(t) && !firstUse.has(t)) firstUse.set(t, pos);
        }
      }
      return true;
    });
  }
  for (const term of status.undefinedTerms) {
    const pos = firstUse.get(term) ?? 0;
    const canDefine = library.definitionByTerm.has(term);
    out.push({
      rule: 'undefined-term',
      severity: 'error',
      message: `"${term.replace(/-/g, ' ')}" is used as a defined term but the definitions section does not define it${canDefine ? '' : ', and the library has no definition of it'}`,
      nodeId: '',
      pos,
      from: pos,
      to: pos + (doc.nodeAt(pos)?.nodeSize ?? 0),
      label: nearestLabel(numbering, pos),
      ...(canDefine
        ? {
            fix: {
              description: `Add the library's definition of "${term.replace(/-/g, ' ')}" to the definitions section`,
              apply(d: PMNode) {
                const tr = EditorState.create({ doc: d }).tr;
                const r = syncDefinitionsInto(tr, library);
                if (!r.added.includes(term)) throw new Error(`lint fix: could not add a definition of "${term}"`);
                return tr;
              },
            },
          }
        : {}),
    });
  }
  for (const e of status.unused) {
    out.push({
      rule: 'unused-definition',
      severity: 'warning',
      message: `"${e.term.replace(/-/g, ' ')}" is defined but nothing in the ordinance uses it`,
      nodeId: e.id,
      pos: e.pos,
      label: label(numbering, e.id, e.pos),
      fix: nodeFix(`Delete the definition of "${e.term.replace(/-/g, ' ')}"`, e.pos, 'provision', e.id, (tr, n) => tr.delete(e.pos, e.pos + n.nodeSize)),
    });
  }
  for (const term of status.duplicates) {
    out.push({ rule: 'duplicate-definition', severity: 'error', message: `"${term.replace(/-/g, ' ')}" is defined more than once`, nodeId: '', pos: firstUse.get(term) ?? 0 });
  }

  // placeholders, grouped by key
  const byKey = new Map<string, { count: number; first: { top: (typeof tops)[number]; rel: number; ownerId: string; ownerRel: number } }>();
  for (const t of tops) {
    for (const p of t.facts.placeholders) {
      const e = byKey.get(p.key);
      if (e) e.count++;
      else byKey.set(p.key, { count: 1, first: { top: t, rel: p.rel, ownerId: p.ownerId, ownerRel: p.ownerRel } });
    }
  }
  for (const [key, { count, first }] of byKey) {
    const where = { ...at(first.top, first.ownerId, first.ownerRel), from: first.top.pos + first.rel, to: first.top.pos + first.rel + 1 };
    const times = count > 1 ? ` (${count} places)` : '';
    if (!isPlaceholderKey(key)) {
      out.push({ rule: 'unknown-placeholder', severity: 'error', message: `{${key}} is not a known placeholder${times}; no profile can fill it`, ...where });
    } else if (resolvePlaceholder(options.profile, key) === null) {
      out.push({
        rule: 'unresolved-placeholder',
        severity: options.profile ? 'warning' : 'info',
        message: options.profile ? `{${key}} has no value in the profile "${options.profile.id}"${times}` : `{${key}} is not filled: no jurisdiction profile is chosen${times}`,
        ...where,
      });
    }
  }

  // cross-references
  const full = new Set<string>();
  for (const l of numbering.byPos.values()) full.add(l.full);
  for (const t of tops) {
    for (const x of t.facts.xrefs) {
      if (numbering.byId.has(x.target)) continue;
      const pos = t.pos + x.rel;
      out.push({
        rule: 'broken-xref',
        severity: 'error',
        message: `A cross-reference points at "${x.target}", which is not a section or provision of this ordinance`,
        ...at(t, x.ownerId, x.ownerRel),
        from: pos,
        to: pos + 1,
        fix: nodeFix('Remove the broken cross-reference', pos, 'xref', '', (tr) => tr.delete(pos, pos + 1)),
      });
    }
    if (t.node.type.name !== 'section') continue;
    const sectionNo = numbering.byPos.get(t.pos)?.section ?? 0;
    for (const r of t.facts.typedRefs) {
      const target = r.local ? `Section ${sectionNo}${r.path}` : `Section ${r.section}${r.path}`;
      if (full.has(target)) continue;
      out.push({
        rule: 'dangling-reference',
        severity: 'warning',
        message: `"${r.text}" refers to ${r.local ? `a ${r.text.split(/\s/)[0]!.toLowerCase()} of this section` : 'a section'} that does not exist (${target}); use a cross-reference, which follows renumbering`,
        ...at(t, r.ownerId, r.ownerRel),
        from: t.pos + 1 + r.from,
        to: t.pos + 1 + r.to,
      });
    }
  }

  // headings
  const seenHeading = new Map<string, (typeof sections)[number]>();
  for (const s of sections) {
    const key = normHeading(s.facts.heading);
    if (!key) continue;
    const prev = seenHeading.get(key);
    if (!prev) {
      seenHeading.set(key, s);
      continue;
    }
    const sameBody = prev.facts.body === s.facts.body;
    const id = s.node.attrs.id as string;
    out.push({
      rule: 'duplicate-heading',
      severity: 'warning',
      message: `The heading "${s.facts.heading}" is also the heading of ${label(numbering, prev.node.attrs.id as string, prev.pos) ?? 'an earlier section'}${sameBody ? ', and the two sections say the same thing' : ''}`,
      nodeId: id,
      pos: s.pos,
      label: label(numbering, id, s.pos),
      ...(sameBody ? { fix: nodeFix('Delete the duplicate section', s.pos, 'section', id, (tr, n) => tr.delete(s.pos, s.pos + n.nodeSize)) } : {}),
    });
  }

  // standard sections
  const provClauses = sections.map((s) => ({ s, prov: (s.node.attrs.prov as Provenance | null) ?? null }));
  const hasSeverability = sections.some((s) => s.facts.severability) || provClauses.some((p) => p.prov && /severab/.test(p.prov.clause));
  const hasEffective = sections.some((s) => s.facts.effectiveDate) || provClauses.some((p) => p.prov && /effective/.test(p.prov.clause));
  const lastSection = sections[sections.length - 1];
  if (!hasSeverability) {
    const c = findClause(library, 'severability', /severab/i);
    out.push({
      rule: 'missing-severability',
      severity: 'warning',
      message: 'The ordinance has no severability section: one provision struck down in court could take the rest with it',
      nodeId: '',
      pos: lastSection ? lastSection.pos + lastSection.node.nodeSize : 0,
      ...(c
        ? {
            fix: insertClauseFix(`Insert "${c.title}"`, c, library, (d) => {
              // before the effective date section, when there is one
              let at: number | null = null;
              d.forEach((n, off) => {
                if (at === null && n.type.name === 'section' && nodeFacts(n).effectiveDate) at = off;
              });
              return at;
            }),
          }
        : {}),
    });
  }
  if (!hasEffective) {
    const c = findClause(library, 'effective-date', /effective/i);
    out.push({
      rule: 'missing-effective-date',
      severity: 'warning',
      message: 'The ordinance does not say when it takes effect',
      nodeId: '',
      pos: lastSection ? lastSection.pos + lastSection.node.nodeSize : 0,
      ...(c ? { fix: insertClauseFix(`Insert "${c.title}"`, c, library) } : {}),
    });
  }

  // conflicting clauses
  for (let i = 0; i < provClauses.length; i++) {
    const b = provClauses[i]!;
    if (!b.prov) continue;
    const cb = library.clauseById.get(b.prov.clause);
    for (let j = 0; j < i; j++) {
      const a = provClauses[j]!;
      if (!a.prov || a.prov.clause === b.prov.clause) continue;
      const ca = library.clauseById.get(a.prov.clause);
      if (!(ca?.conflicts.includes(b.prov.clause) || cb?.conflicts.includes(a.prov.clause))) continue;
      const id = b.s.node.attrs.id as string;
      const pos = b.s.pos;
      out.push({
        rule: 'conflicting-clauses',
        severity: 'error',
        message: `${cb?.title ?? b.prov.clause} conflicts with ${ca?.title ?? a.prov.clause} (${label(numbering, a.s.node.attrs.id as string, a.s.pos) ?? 'earlier'}): keep one`,
        nodeId: id,
        pos,
        label: label(numbering, id, pos),
        fix: nodeFix(`Delete ${label(numbering, id, pos) ?? 'this section'} (${cb?.title ?? b.prov.clause})`, pos, 'section', id, (tr, n) => tr.delete(pos, pos + n.nodeSize)),
      });
    }
  }

  return out.sort((x, y) => x.pos - y.pos || (x.from ?? 0) - (y.from ?? 0));
}

function nearestLabel(numbering: Numbering, pos: number): string | undefined {
  let best: { pos: number; full: string } | undefined;
  for (const l of numbering.byPos.values()) if (l.pos <= pos && (!best || l.pos > best.pos)) best = l;
  return best?.full;
}
