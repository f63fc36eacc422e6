import type { Route, TextRule } from '../schema';
import { hasForce, readExceptions, readSentence, splitSentences, tokenize, type ExceptionFound, type SentenceInfo, type Token } from './text';

/**
 * The routes' text rules, compiled once per route list into a phrase index, and the
 * reader that applies them to a provision. Every phrase of every rule is indexed by
 * its first word (or the first letters of a word ending in *), so a sentence is scanned
 * once, word by word, whatever the number of routes; a rule is then looked at only
 * when one of its phrases occurred.
 */

interface PhraseWord {
  w: string;
  /** Trailing * in the rule: any word that starts with `w`. */
  prefix: boolean;
}

interface Phrase {
  id: number;
  source: string;
  words: PhraseWord[];
  /** (rule index, group index); group -1 is a `none` disqualifier. */
  targets: { rule: number; group: number }[];
}

export interface CompiledRule {
  /** "route-id.element-id" */
  element: string;
  route: string;
  force: TextRule['force'];
  groupCount: number;
  /** Bit mask with one bit per group, all set. */
  full: number;
  hasNone: boolean;
}

export interface RuleIndex {
  routes: readonly Route[];
  /** Every element ref of the routes ("route-id.element-id"). */
  elements: Set<string>;
  rules: CompiledRule[];
  phrases: Phrase[];
  byWord: Map<string, Phrase[]>;
  byPrefix: Map<string, Phrase[]>;
  /** Lengths of the keys in byPrefix (a prefix shorter than PREFIX_KEY is keyed whole). */
  prefixLengths: number[];
}

const PREFIX_KEY = 3;

function phraseWords(source: string): PhraseWord[] {
  const out: PhraseWord[] = [];
  for (const m of source.toLowerCase().matchAll(/([\p{L}\p{N}]+)(\*)?/gu)) out.push({ w: m[1]!, prefix: m[2] === '*' });
  return out;
}

const indexCache = new WeakMap<readonly Route[], RuleIndex>();
// A new array holding the same route objects (a filtered checklist rebuilt on each
// render) gets the same index, so the per-section memo keyed by the index still holds.
const routeSerial = new WeakMap<Route, number>();
let nextSerial = 1;
const indexByMembers = new Map<string, WeakRef<RuleIndex>>();

function membersKey(routes: readonly Route[]): string {
  return routes
    .map((r) => {
      let n = routeSerial.get(r);
      if (n === undefined) routeSerial.set(r, (n = nextSerial++));
      return n;
    })
    .join(',');
}

/** The compiled index of a route list (memoised on the list object, and on the route objects it holds). */
export function compileRules(routes: readonly Route[]): RuleIndex {
  const hit = indexCache.get(routes);
  if (hit) return hit;
  const key = membersKey(routes);
  const same = indexByMembers.get(key)?.deref();
  if (same) {
    indexCache.set(routes, same);
    return same;
  }
  const rules: CompiledRule[] = [];
  const phrases: Phrase[] = [];
  const bySource = new Map<string, Phrase>();
  const phraseFor = (source: string, where: string): Phrase => {
    const key = source.trim().toLowerCase();
    let p = bySource.get(key);
    if (!p) {
      const words = phraseWords(key);
      if (words.length === 0) throw new Error(`${where}: the phrase "${source}" has no words to match`);
      p = { id: phrases.length, source: key, words, targets: [] };
      phrases.push(p);
      bySource.set(key, p);
    }
    return p;
  };
  for (const route of routes) {
    for (const el of route.elements) {
      el.text.forEach((rule, ri) => {
        const where = `route "${route.id}", element "${el.id}", text rule ${ri + 1}`;
        if (rule.all.length > 30) throw new Error(`${where}: more than 30 phrase groups`);
        const idx = rules.length;
        rules.push({
          element: `${route.id}.${el.id}`,
          route: route.id,
          force: rule.force,
          groupCount: rule.all.length,
          full: (1 << rule.all.length) - 1,
          hasNone: (rule.none?.length ?? 0) > 0,
        });
        rule.all.forEach((group, gi) => {
          for (const s of group) phraseFor(s, where).targets.push({ rule: idx, group: gi });
        });
        for (const s of rule.none ?? []) phraseFor(s, where).targets.push({ rule: idx, group: -1 });
      });
    }
  }
  const byWord = new Map<string, Phrase[]>();
  const byPrefix = new Map<string, Phrase[]>();
  const lengths = new Set<number>();
  for (const p of phrases) {
    const first = p.words[0]!;
    if (first.prefix) {
      const key = first.w.slice(0, PREFIX_KEY);
      lengths.add(key.length);
      (byPrefix.get(key) ?? byPrefix.set(key, []).get(key)!).push(p);
    } else (byWord.get(first.w) ?? byWord.set(first.w, []).get(first.w)!).push(p);
  }
  const elements = new Set(routes.flatMap((r) => r.elements.map((e) => `${r.id}.${e.id}`)));
  const index: RuleIndex = { routes, elements, rules, phrases, byWord, byPrefix, prefixLengths: [...lengths].sort() };
  indexCache.set(routes, index);
  if (indexByMembers.size > 100) for (const [k, ref] of indexByMembers) if (!ref.deref()) indexByMembers.delete(k);
  indexByMembers.set(key, new WeakRef(index));
  return index;
}

function wordMatches(pw: PhraseWord, t: Token | undefined): boolean {
  if (!t) return false;
  return pw.prefix ? t.w.startsWith(pw.w) : t.w === pw.w;
}

// The phrases that may start at a word: those keyed by the word itself and those whose
// first word is a prefix of it. Words recur (a clause library has a few thousand), so
// the candidates of each word are worked out once per index.
const candidateCache = new WeakMap<RuleIndex, Map<string, Phrase[]>>();
const NONE: Phrase[] = [];

function candidates(index: RuleIndex, cache: Map<string, Phrase[]>, w: string): Phrase[] {
  let list = cache.get(w);
  if (list) return list;
  const exact = index.byWord.get(w);
  let prefixed: Phrase[] | undefined;
  for (const len of index.prefixLengths) {
    if (w.length < len) continue;
    for (const p of index.byPrefix.get(w.slice(0, len)) ?? []) if (w.startsWith(p.words[0]!.w)) (prefixed ??= []).push(p);
  }
  list = exact && prefixed ? [...exact, ...prefixed] : exact ?? prefixed ?? NONE;
  if (cache.size > 50_000) cache.clear();
  cache.set(w, list);
  return list;
}

/** Ids of the phrases that occur in a token list. */
export function phraseHits(index: RuleIndex, tokens: Token[]): Set<number> {
  let cache = candidateCache.get(index);
  if (!cache) candidateCache.set(index, (cache = new Map()));
  const hits = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const list = candidates(index, cache, tokens[i]!.w);
    for (let c = 0; c < list.length; c++) {
      const p = list[c]!;
      if (hits.has(p.id)) continue;
      let ok = true;
      // the first word is known to match
      for (let k = 1; k < p.words.length; k++) {
        if (!wordMatches(p.words[k]!, tokens[i + k])) { ok = false; break; }
      }
      if (ok) hits.add(p.id);
    }
  }
  return hits;
}

/** A sentence read once: its grammar and which phrases occur in it. */
export interface ReadSentence extends SentenceInfo {
  hits: Set<number>;
  /** Rules a phrase of every group of which occurs in the sentence (force and \`none\` not yet checked). */
  full: number[];
  /** Rules a \`none\` phrase of the sentence disqualifies. */
  none: number[];
  /** The sentence stops short (a lead-in), so the next provision continues it. */
  open: boolean;
  /** Exceptions, read lazily (only sentences that match a rule or are linted need them). */
  exceptions?: ExceptionFound[];
}

export function sentenceExceptions(s: ReadSentence): ExceptionFound[] {
  if (!s.exceptions) s.exceptions = readExceptions(s.text);
  return s.exceptions;
}

/** Work out, once per sentence, which rules its phrases complete and which they disqualify. */
function settle(index: RuleIndex, s: SentenceInfo & { hits: Set<number> }): ReadSentence {
  const full: number[] = [];
  const none: number[] = [];
  if (s.hits.size > 0) {
    const masks = maskBuffer(index);
    const touched: number[] = [];
    for (const pid of s.hits) {
      const targets = index.phrases[pid]!.targets;
      for (let k = 0; k < targets.length; k++) {
        const t = targets[k]!;
        if (t.group < 0) {
          if (!none.includes(t.rule)) none.push(t.rule);
          continue;
        }
        if (masks[t.rule] === 0) touched.push(t.rule);
        masks[t.rule]! |= 1 << t.group;
      }
    }
    for (const ri of touched) {
      if (masks[ri] === index.rules[ri]!.full) full.push(ri);
      masks[ri] = 0;
    }
  }
  const r = s as ReadSentence;
  r.full = full;
  r.none = none;
  r.open = !/[.!?]["'\u201d\u2019)\]]*\s*$/.test(s.text);
  return r;
}

/** Read sentences by their text. */
export type SentenceCache = Map<string, ReadSentence>;

// How a sentence reads is a function of its text and the rules alone, so sentences are
// cached by text for each rule index: boilerplate recurs across sections, a lead-in
// recurs under each of its items, and an edit leaves most sentences of a section as
// they were. Bounded: the cache is dropped when it grows past the limit.
const SENTENCE_CACHE_LIMIT = 8_000;
const sentenceCaches = new WeakMap<RuleIndex, SentenceCache>();
const textCaches = new WeakMap<RuleIndex, Map<string, readonly ReadSentence[]>>();

export function sentenceCache(index: RuleIndex): SentenceCache {
  let c = sentenceCaches.get(index);
  if (!c || c.size > SENTENCE_CACHE_LIMIT) sentenceCaches.set(index, (c = new Map()));
  return c;
}

/** Forget every cached sentence (benchmarks measuring a cold start call this). */
export function clearSentenceCache(index: RuleIndex): void {
  sentenceCaches.delete(index);
  textCaches.delete(index);
}

export function readCached(index: RuleIndex, text: string, cache: SentenceCache): ReadSentence {
  let s = cache.get(text);
  if (!s) {
    const info = readSentence(text);
    s = settle(index, { ...info, hits: phraseHits(index, info.tokens) });
    cache.set(text, s);
  }
  return s;
}

/** A text rule that matched a sentence. */
export interface RuleMatch {
  rule: number;
  element: string;
  sentence: ReadSentence;
  /** Broad exceptions in the matching sentence. */
  broad: ExceptionFound[];
}

/** The sentences of a provision's text (cached by text, like the sentences themselves; do not mutate the list). */
export function readSentences(index: RuleIndex, text: string, cache: SentenceCache): readonly ReadSentence[] {
  let byText = textCaches.get(index);
  if (!byText || byText.size > SENTENCE_CACHE_LIMIT) textCaches.set(index, (byText = new Map()));
  let list = byText.get(text);
  if (!list) {
    list = splitSentences(text).map((s) => readCached(index, s.text, cache));
    byText.set(text, list);
  }
  return list;
}

/** Does the sentence stop short (a lead-in ending in ":" or ";" or a bare word) so that the next provision continues it? */
export function isOpen(s: ReadSentence): boolean {
  return s.open;
}

/**
 * A lead-in read together with the provision that continues it ("... agreed in writing
 * that:" + "no participant will use ..."): one sentence whose words, phrases and force
 * are those of both parts. Phrases are not matched across the join; a lead-in ends in
 * punctuation that no phrase may span anyway.
 */
export function joinSentences(index: RuleIndex, lead: ReadSentence, next: ReadSentence, cache?: SentenceCache): ReadSentence {
  const key = `${lead.text}\u0000${next.text}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  const joined = joinUncached(index, lead, next);
  cache?.set(key, joined);
  return joined;
}

function joinUncached(index: RuleIndex, lead: ReadSentence, next: ReadSentence): ReadSentence {
  const hits = new Set(lead.hits);
  for (const h of next.hits) hits.add(h);
  const offset = lead.text.length + 1;
  const shift = lead.tokens.length;
  return settle(index, {
    text: `${lead.text} ${next.text}`,
    tokens: [...lead.tokens, ...next.tokens.map((t) => ({ w: t.w, start: t.start + offset, end: t.end + offset }))],
    kind: lead.kind === 'operative' ? next.kind : lead.kind,
    markers: [...lead.markers, ...next.markers.map((m) => ({ kind: m.kind, from: m.from + shift, to: m.to + shift }))],
    hits,
  });
}

// One zeroed mask per rule, reused between calls (always left zeroed).
const maskBuffers = new WeakMap<RuleIndex, Int32Array>();
function maskBuffer(index: RuleIndex): Int32Array {
  let b = maskBuffers.get(index);
  if (!b) maskBuffers.set(index, (b = new Int32Array(index.rules.length)));
  return b;
}

/** Rules a \`none\` phrase of these sentences disqualifies, added to \`into\` (a new set when there are any). */
export function disqualify(sentences: readonly ReadSentence[], into: Set<number> | null): Set<number> | null {
  let out = into;
  for (const s of sentences) {
    if (s.none.length === 0) continue;
    if (out === into) out = new Set(into ?? []);
    for (const r of s.none) out!.add(r);
  }
  return out;
}

/**
 * Apply the rules to a provision's sentences (its first one joined to its lead-in, when
 * it continues one). A rule matches when one sentence has the force it asks for and a
 * phrase of each of its groups, and no \`none\` phrase occurs in the provision or in its
 * ancestors (\`disqualified\`).
 */
export function matchSentences(index: RuleIndex, sentences: readonly ReadSentence[], disqualified: Set<number> | null): RuleMatch[] {
  const out: RuleMatch[] = [];
  let seen: Set<number> | null = null;
  for (const read of sentences) {
    if (read.full.length === 0 || read.kind !== 'operative') continue;
    for (const ri of read.full) {
      if (seen?.has(ri) || disqualified?.has(ri)) continue;
      const rule = index.rules[ri]!;
      if (!hasForce(read, rule.force)) continue;
      (seen ??= new Set()).add(ri);
      out.push({ rule: ri, element: rule.element, sentence: read, broad: sentenceExceptions(read).filter((e) => e.broad) });
    }
  }
  return out;
}

/** Tokenise a phrase the way rules are (exposed for lint and tests). */
export function phraseTokens(source: string): string[] {
  return tokenize(source).map((t) => t.w);
}
