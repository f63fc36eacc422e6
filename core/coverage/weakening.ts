import {
  excerpt,
  readExceptions,
  readSentence,
  splitSentences,
  tokenize,
  broadLabel,
  type ForceMarker,
  type SentenceKind,
  type Token,
} from './text';
import type { TextNode } from './tree';

/**
 * Weakening detection: an edited library clause compared with the library text of its
 * variant, provision by provision, word by word. Each finding names the words that
 * caused it. A change that weakens nothing (a typo fixed, a synonym, a heading
 * renamed) yields no finding, so the clause keeps closing what it closed.
 */

export type WeakeningKind =
  /** "shall" became "may", "should", "is encouraged to", "shall endeavor to" */
  | 'discretion'
  /** "may not" became "should not" or "may" */
  | 'prohibition-loosened'
  /** a new exception: "except as required by law", "unless publicly available", a new permission */
  | 'exception'
  /** a list item dropped ("provide, disclose, or make available") or a child provision deleted */
  | 'removed-item'
  /** a sentence that carried a duty or a prohibition was deleted */
  | 'removed-obligation'
  /** who is bound got narrower ("An agency" -> "The police department") */
  | 'narrowed-actor'
  /** what data is covered got narrower ("personal information" -> "criminal history information") */
  | 'narrowed-data'
  /** a defined term other than an actor or a data category got narrower */
  | 'narrowed-scope'
  /** damages, attorney fees, injunctive relief or a penalty removed */
  | 'removed-remedy';

export interface Weakening {
  kind: WeakeningKind;
  /** The words that caused it: '"shall" became "may"', 'removed "disclose"', 'added "except as required by law"'. */
  words: string;
  /** What the change does, in plain words. */
  message: string;
  /** For exceptions: the BROAD_EXCEPTIONS kind, or null for a narrow exception. */
  broad?: string | null;
  /** Where in the library variant (index path of the provision); [] for the clause as a whole. */
  libPath: number[];
  /** Where in the draft: node id and position relative to the section. */
  nodeId: string;
  rel: number;
}

export interface Comparison {
  /** True when some provision text differs from the library text (after normalising spacing and quotes). */
  changed: boolean;
  weakenings: Weakening[];
}

// ---------------------------------------------------------------------------
// vocabulary

const STOP = new Set(['a', 'an', 'the', 'any', 'each', 'every', 'all', 'of', 'to', 'for', 'or', 'and', 'in', 'on', 'by', 'with', 'its', 'their', 'that', 'which', 'who', 'this', 'such', 'is', 'are', 'be', 's', ',', ';', ':', '(', ')']);
const CONJ = new Set([',', 'or', 'and', 'and/or', ';']);
const BROAD_ACTOR = new Set(['agency', 'agencies', 'person', 'persons', 'officer', 'officers', 'employee', 'employees', 'official', 'officials', 'entity', 'entities', 'contractor', 'contractors', 'vendor', 'vendors', 'body', 'bodies', 'unit', 'units', 'government', 'public', 'other', 'no', 'every', 'each', 'any', 'all', 'an', 'a']);
const DATA_NOUN = new Set(['information', 'data', 'record', 'records', 'file', 'files', 'database', 'databases']);
const BROAD_DATA = new Set(['personal', 'any', 'all', 'information', 'data', 'record', 'records', 'identifying', 'other', 'including', 'kind', 'type']);
const ACTOR_TERM = /\b(?:agenc(?:y|ies)|employees?|officers?|officials?|persons?|individuals?|vendors?|contractors?|entit(?:y|ies)|departments?|providers?|bod(?:y|ies)|users?)\b/i;
const DATA_TERM = /\b(?:information|data|record|records|identifier|database)\b/i;
const REMEDY = /\b(?:damages|attorney|attorneys|fees|injunct\w*|declaratory|penalt\w*|restitution|costs|relief|cause of action|right of action|sue|suit|writ|mandamus|fine|fines|disciplin\w*)\b/i;
const SOFTENERS = new Set(['endeavor', 'endeavour', 'attempt', 'strive', 'try', 'seek', 'encouraged', 'urged', 'consider', 'efforts', 'effort', 'ideally', 'generally', 'aspire']);
const TRIGGER_WORDS = new Set(['except', 'unless', 'excluding', 'provided', 'extent', 'practicable', 'feasible']);

/** Words that replace each other without changing what is bound or forbidden. */
const SYNONYMS: string[][] = [
  ['provide', 'provides', 'furnish', 'furnishes', 'give', 'gives', 'supply', 'supplies', 'transmit', 'transmits', 'send', 'sends', 'disclose', 'discloses', 'share', 'shares', 'release', 'releases', 'convey', 'deliver', 'transfer', 'communicate'],
  ['use', 'uses', 'utilize', 'utilise', 'employ'],
  ['shall', 'must'],
  ['request', 'ask', 'requests', 'asks'],
  ['law', 'statute', 'statutes', 'laws'],
  ['person', 'individual', 'persons', 'individuals'],
  ['information', 'data'],
  ['promptly', 'immediately', 'forthwith'],
  ['obtain', 'receive', 'get', 'acquire'],
  ['agreement', 'contract', 'memorandum', 'arrangement'],
  ['immigration', 'immigration-related'],
  ['purpose', 'purposes'],
];
const SYNONYM_OF = new Map<string, number>();
SYNONYMS.forEach((g, i) => g.forEach((w) => SYNONYM_OF.set(w, i)));

function content(words: string[]): string[] {
  return words.filter((w) => !STOP.has(w));
}

/** Levenshtein distance, stopping early above `cap` (only small distances matter here). */
function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** A typo fix: the same number of words, each within two edits of its counterpart. */
function isTypoFix(removed: string[], added: string[]): boolean {
  if (removed.length === 0 || removed.length !== added.length) return false;
  return removed.every((r, i) => {
    const a = added[i]!;
    if (r === a) return true;
    return Math.min(r.length, a.length) >= 4 && editDistance(r, a, 2) <= 2;
  });
}

/** Every new word has a synonym among the removed words (or is a typo of one). */
function isSynonymSwap(removed: string[], added: string[]): boolean {
  const newWords = content(added).filter((w) => !removed.includes(w));
  if (newWords.length === 0) return true;
  return newWords.every((w) => {
    const g = SYNONYM_OF.get(w);
    return removed.some((r) => (g !== undefined && SYNONYM_OF.get(r) === g) || (Math.min(r.length, w.length) >= 4 && editDistance(r, w, 2) <= 2));
  });
}

// ---------------------------------------------------------------------------
// word diff

interface Hunk {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

interface Diff {
  hunks: Hunk[];
  /** lib token index -> node token index, for tokens both share. */
  map: Int32Array;
}

function diffTokens(a: Token[], b: Token[]): Diff {
  const n = a.length;
  const m = b.length;
  // LCS table, (n+1) x (m+1), filled from the end
  const w = m + 1;
  const t = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i * w + j] = a[i]!.w === b[j]!.w ? t[(i + 1) * w + j + 1]! + 1 : Math.max(t[(i + 1) * w + j]!, t[i * w + j + 1]!);
    }
  }
  const map = new Int32Array(n).fill(-1);
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | null = null;
  while (i < n || j < m) {
    if (i < n && j < m && a[i]!.w === b[j]!.w) {
      if (open) { hunks.push(open); open = null; }
      map[i] = j;
      i++;
      j++;
    } else if (j < m && (i >= n || t[i * w + j + 1]! >= t[(i + 1) * w + j]!)) {
      open ??= { a0: i, a1: i, b0: j, b1: j };
      j++;
      open.b1 = j;
      open.a1 = i;
    } else {
      open ??= { a0: i, a1: i, b0: j, b1: j };
      i++;
      open.a1 = i;
      open.b1 = j;
    }
  }
  if (open) hunks.push(open);
  return { hunks, map };
}

// ---------------------------------------------------------------------------
// one provision's text, read for comparison

interface ReadText {
  text: string;
  tokens: Token[];
  /** Force markers with global token indexes. */
  markers: ForceMarker[];
  /** For each token: the kind of its sentence and the index of its sentence's first token. */
  sentenceKind: SentenceKind[];
  sentenceStart: number[];
  /** The defined term when the text is a definition ('"Agency" means' -> "agency"). */
  definedTerm: string | null;
}

function readText(text: string): ReadText {
  const tokens = tokenize(text);
  const markers: ForceMarker[] = [];
  const sentenceKind: SentenceKind[] = new Array<SentenceKind>(tokens.length).fill('operative');
  const sentenceStart: number[] = new Array<number>(tokens.length).fill(0);
  let ti = 0;
  for (const s of splitSentences(text)) {
    const first = tokens.findIndex((t, k) => k >= ti && t.start >= s.start);
    if (first < 0) break;
    const info = readSentence(s.text);
    for (let k = 0; k < info.tokens.length && first + k < tokens.length; k++) {
      sentenceKind[first + k] = info.kind;
      sentenceStart[first + k] = first;
    }
    for (const m of info.markers) markers.push({ kind: m.kind, from: m.from + first, to: m.to + first });
    ti = first + info.tokens.length;
  }
  const definedTerm = text.match(/^\s*["\u201c]([^"\u201d]{1,80})["\u201d]\s*(?:shall\s+)?(?:means?|includes?)\b/i)?.[1]?.toLowerCase() ?? null;
  return { text, tokens, markers, sentenceKind, sentenceStart, definedTerm };
}

function words(r: ReadText, from: number, to: number): string[] {
  const out: string[] = [];
  for (let k = Math.max(0, from); k < Math.min(to, r.tokens.length); k++) out.push(r.tokens[k]!.w);
  return out;
}

/** The source text of a token range, for quoting. */
function quote(r: ReadText, from: number, to: number): string {
  const a = r.tokens[Math.max(0, from)];
  const b = r.tokens[Math.min(to, r.tokens.length) - 1];
  if (!a || !b || to <= from) return '';
  return r.text.slice(a.start, b.end);
}

function intersects(m: ForceMarker, from: number, to: number): boolean {
  return m.from < to && m.to > from;
}

function hasKind(ms: ForceMarker[], kind: ForceMarker['kind']): boolean {
  return ms.some((m) => m.kind === kind);
}

/** Index of the first token of the modal verb that binds the sentence containing token k (or -1). */
function subjectEnd(r: ReadText, k: number): number {
  const start = r.sentenceStart[k] ?? 0;
  const m = r.markers.find((x) => x.from >= start && (r.sentenceStart[x.from] ?? -1) === start);
  if (!m) return -1;
  // "No agency may": the subject sits inside the marker, before its modal word
  return r.tokens[m.from]?.w === 'no' || r.tokens[m.from]?.w === 'neither' ? m.to - 1 : m.from;
}

function hunkFindings(lib: ReadText, node: ReadText, h: Hunk, diff: Diff): { kind: WeakeningKind; words: string; message: string }[] {
  const R = words(lib, h.a0, h.a1);
  const A = words(node, h.b0, h.b1);
  const pure = h.a0 === h.a1 || h.b0 === h.b1;
  const removedQ = quote(lib, h.a0, h.a1);
  const addedQ = quote(node, h.b0, h.b1);

  // 1. the force of the sentence
  const probe0 = pure ? h.a0 - 1 : h.a0;
  const probe1 = pure ? h.a1 + 1 : h.a1;
  const libM = lib.markers.filter((m) => intersects(m, probe0, Math.max(probe1, probe0 + 1)));
  if (libM.length > 0) {
    let n0 = pure ? h.b0 - 1 : h.b0;
    let n1 = pure ? h.b1 + 1 : h.b1;
    for (const m of libM) {
      for (let k = m.from; k < m.to; k++) {
        const mapped = diff.map[k]!;
        if (mapped >= 0) { n0 = Math.min(n0, mapped); n1 = Math.max(n1, mapped + 1); }
      }
    }
    const nodeM = node.markers.filter((m) => intersects(m, n0, Math.max(n1, n0 + 1)));
    const libWords = libM.map((m) => quote(lib, m.from, m.to)).join(' ... ');
    const nodeWords = nodeM.length > 0 ? nodeM.map((m) => quote(node, m.from, m.to)).join(' ... ') : addedQ;
    const wholeClause = R.length >= 6 && A.length < 3 && libM.every((m) => m.from >= h.a0 && m.to <= h.a1);
    // a deleted duty to award fees or damages is a removed remedy first of all
    if (wholeClause && REMEDY.test(removedQ) && !REMEDY.test(addedQ)) {
      return [{ kind: 'removed-remedy', words: `removed "${excerpt(removedQ, 16)}"`, message: `a remedy (${removedQ.match(REMEDY)![0]}) was removed` }];
    }
    if (hasKind(libM, 'prohibition') && !hasKind(nodeM, 'prohibition')) {
      if (wholeClause) return [{ kind: 'removed-obligation', words: `removed "${excerpt(removedQ, 16)}"`, message: 'a prohibition was deleted' }];
      return [{ kind: 'prohibition-loosened', words: nodeWords ? `"${libWords}" became "${nodeWords}"` : `removed "${removedQ}" from "${libWords}"`, message: 'a prohibition was loosened' }];
    }
    if (hasKind(libM, 'duty') && !hasKind(nodeM, 'duty') && !hasKind(nodeM, 'prohibition')) {
      if (wholeClause) return [{ kind: 'removed-obligation', words: `removed "${excerpt(removedQ, 16)}"`, message: 'a duty was deleted' }];
      return [{ kind: 'discretion', words: nodeWords ? `"${libWords}" became "${nodeWords}"` : `removed "${libWords}"`, message: 'a duty was turned into discretion' }];
    }
  }
  // a duty hedged without losing its verb: "shall endeavor to", "shall make reasonable efforts to"
  const soft = A.find((w) => SOFTENERS.has(w) && !R.includes(w));
  if (soft) return [{ kind: 'discretion', words: `added "${addedQ}"`, message: 'a duty was hedged into an effort' }];

  // 2. remedies
  const remedyGone = REMEDY.test(removedQ) && !REMEDY.test(addedQ);
  if (remedyGone) {
    const m = removedQ.match(REMEDY)?.[0] ?? removedQ;
    return [{ kind: 'removed-remedy', words: `removed "${excerpt(removedQ, 12)}"`, message: `a remedy (${m}) was removed` }];
  }

  // exceptions are compared as wholes elsewhere
  if (A.some((w) => TRIGGER_WORDS.has(w))) return [];
  if (isTypoFix(R, A) || (R.length > 0 && A.length > 0 && isSynonymSwap(R, A))) return [];

  const k = Math.min(h.a0, lib.tokens.length - 1);
  const inDefinition = lib.sentenceKind[k] === 'definition' && lib.definedTerm !== null;
  const subjEnd = k >= 0 ? subjectEnd(lib, k) : -1;
  const inSubject = !inDefinition && subjEnd >= 0 && h.a0 >= (lib.sentenceStart[k] ?? 0) && h.a1 <= subjEnd;
  const definitionKind = (): WeakeningKind => (DATA_TERM.test(lib.definedTerm ?? '') ? 'narrowed-data' : ACTOR_TERM.test(lib.definedTerm ?? '') ? 'narrowed-actor' : 'narrowed-scope');
  const removedContent = content(R);
  const addedContent = content(A);

  // 3. a list item dropped: a deletion (maybe leaving a conjunction) inside a list
  const deletionOnly = removedContent.length > 0 && A.every((w) => CONJ.has(w));
  if (deletionOnly) {
    const around = [lib.tokens[h.a0 - 1]?.w ?? '', lib.tokens[h.a1]?.w ?? '', ...R];
    const inList = around.some((w) => CONJ.has(w));
    if (inList) {
      const item = removedContent.join(' ');
      if (inDefinition) return [{ kind: definitionKind(), words: `removed "${item}" from the definition of "${lib.definedTerm}"`, message: `the definition of "${lib.definedTerm}" was narrowed` }];
      if (inSubject) return [{ kind: 'narrowed-actor', words: `removed "${item}"`, message: 'fewer persons are bound' }];
      const dataNear = R.some((w) => DATA_NOUN.has(w));
      if (dataNear) return [{ kind: 'narrowed-data', words: `removed "${item}"`, message: 'fewer kinds of data are covered' }];
      return [{ kind: 'removed-item', words: `removed "${item}"`, message: 'an item was dropped from a list' }];
    }
  }

  // 4. a narrower actor or data category: new qualifying words
  const newWords = addedContent.filter((w) => !R.includes(w));
  if (newWords.length === 0) return [];
  if (inDefinition) {
    if (newWords.every((w) => BROAD_ACTOR.has(w) || BROAD_DATA.has(w))) return [];
    return [{ kind: definitionKind(), words: `"${removedQ || '\u2026'}" became "${addedQ}" in the definition of "${lib.definedTerm}"`, message: `the definition of "${lib.definedTerm}" was narrowed` }];
  }
  if (inSubject) {
    if (newWords.every((w) => BROAD_ACTOR.has(w))) return [];
    return [{ kind: 'narrowed-actor', words: removedQ ? `"${removedQ}" became "${addedQ}"` : `added "${addedQ}"`, message: 'the clause binds fewer persons' }];
  }
  const neighbours = [lib.tokens[h.a0 - 1]?.w ?? '', lib.tokens[h.a1]?.w ?? '', node.tokens[h.b1]?.w ?? ''];
  const dataContext = [...R, ...A, ...neighbours].some((w) => DATA_NOUN.has(w));
  if (dataContext && !newWords.every((w) => BROAD_DATA.has(w))) {
    return [{ kind: 'narrowed-data', words: removedQ ? `"${removedQ}" became "${addedQ}"` : `added "${addedQ}"`, message: 'the clause covers less data' }];
  }
  return [];
}

function jaccard(a: string[], b: string[]): number {
  const sa = new Set(content(a));
  const sb = new Set(content(b));
  if (sa.size === 0 && sb.size === 0) return 1;
  let inter = 0;
  for (const w of sa) if (sb.has(w)) inter++;
  return inter / (sa.size + sb.size - inter);
}

function exceptionsOf(text: string): { text: string; words: string[]; broad: string | null }[] {
  const out: { text: string; words: string[]; broad: string | null }[] = [];
  for (const s of splitSentences(text)) {
    for (const e of readExceptions(s.text)) out.push({ text: e.text, words: tokenize(e.text).map((t) => t.w), broad: e.broad });
  }
  return out;
}

function newExceptions(libText: string, nodeText: string): { text: string; broad: string | null }[] {
  const lib = exceptionsOf(libText);
  return exceptionsOf(nodeText).filter((e) => {
    const best = lib.reduce((b, l) => (jaccard(l.words, e.words) > b.s ? { s: jaccard(l.words, e.words), l } : b), { s: 0, l: null as (typeof lib)[number] | null });
    if (best.s >= 0.5 && best.l && (best.l.broad !== null || e.broad === null)) return false;
    return true;
  });
}

function exceptionFinding(e: { text: string; broad: string | null }): { kind: WeakeningKind; words: string; message: string; broad: string | null } {
  return {
    kind: 'exception',
    words: `added "${e.text}"`,
    message: e.broad ? `a new exception: ${broadLabel(e.broad)}` : 'a new exception',
    broad: e.broad,
  };
}

/** Compare one provision's own text (children are aligned separately). */
function compareText(libText: string, nodeText: string): { kind: WeakeningKind; words: string; message: string; broad?: string | null }[] {
  const a = normalise(libText);
  const b = normalise(nodeText);
  if (a === b) return [];
  const lib = readText(a);
  const node = readText(b);
  const diff = diffTokens(lib.tokens, node.tokens);
  const out: { kind: WeakeningKind; words: string; message: string; broad?: string | null }[] = [];
  for (const h of diff.hunks) out.push(...hunkFindings(lib, node, h, diff));
  for (const e of newExceptions(a, b)) out.push(exceptionFinding(e));
  return out;
}

/** Spacing and quotation marks do not count as edits. */
export function normalise(text: string): string {
  return text.replace(/[\u201c\u201d]/g, '"').replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// aligning provisions

// Content words of a text, for aligning provisions (memoised per text: the library side
// recurs on every comparison of its clause).
const wordSets = new Map<string, Set<string>>();
function wordSet(text: string): Set<string> {
  let s = wordSets.get(text);
  if (!s) {
    s = new Set(content(tokenize(text).map((t) => t.w)));
    if (wordSets.size > 5000) wordSets.clear();
    wordSets.set(text, s);
  }
  return s;
}

function similarity(l: TextNode, n: TextNode): number {
  if (l.localId && n.id && (n.id === l.localId || n.id.endsWith(`#${l.localId}`))) return 1;
  if (l.text === n.text) return 1;
  const a = wordSet(l.text);
  const b = wordSet(n.text);
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter);
}

const MATCH = 0.3;

/** Align two provision lists in order (a small sequence alignment on text similarity). */
function align(lib: TextNode[], node: TextNode[]): { lib: TextNode | null; node: TextNode | null }[] {
  const n = lib.length;
  const m = node.length;
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const sim: number[][] = lib.map((l) => node.map((x) => similarity(l, x)));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const s = sim[i]![j]!;
      score[i]![j] = Math.max(score[i + 1]![j]!, score[i]![j + 1]!, s >= MATCH ? s + score[i + 1]![j + 1]! : -Infinity);
    }
  }
  const out: { lib: TextNode | null; node: TextNode | null }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && sim[i]![j]! >= MATCH && score[i]![j] === sim[i]![j]! + score[i + 1]![j + 1]!) {
      out.push({ lib: lib[i]!, node: node[j]! });
      i++;
      j++;
    } else if (i < n && (j >= m || score[i]![j] === score[i + 1]![j])) {
      out.push({ lib: lib[i]!, node: null });
      i++;
    } else {
      out.push({ lib: null, node: node[j]! });
      j++;
    }
  }
  return out;
}

function subtreeText(t: TextNode): string {
  return [t.text, ...t.children.map(subtreeText)].join(' ');
}

/**
 * Compare a draft tree with its library tree. Both roots stand for the same node (the
 * section, or the definition provision); a section root's own text is its heading,
 * which is not compared (renaming a heading weakens nothing).
 */
export function compareWithLibrary(lib: TextNode, node: TextNode, compareRootText: boolean): Comparison {
  const weakenings: Weakening[] = [];
  let changed = false;
  const visit = (l: TextNode, n: TextNode, compareOwn: boolean) => {
    if (compareOwn && normalise(l.text) !== normalise(n.text)) {
      changed = true;
      for (const f of compareText(l.text, n.text)) weakenings.push({ ...f, libPath: l.path, nodeId: n.id, rel: n.rel });
    }
    for (const pair of align(l.children, n.children)) {
      if (pair.lib && pair.node) visit(pair.lib, pair.node, true);
      else if (pair.lib) {
        changed = true;
        const text = subtreeText(pair.lib);
        const remedy = REMEDY.test(text);
        weakenings.push({
          kind: remedy ? 'removed-remedy' : 'removed-item',
          words: `removed "${excerpt(pair.lib.text, 12)}"`,
          message: remedy ? 'a provision with a remedy was deleted' : 'a provision was deleted',
          libPath: pair.lib.path,
          nodeId: n.id,
          rel: n.rel,
        });
      } else if (pair.node) {
        changed = true;
        // a provision the drafter added: its exceptions and bare permissions are new carve-outs
        const text = subtreeText(pair.node);
        for (const e of newExceptions('', text)) weakenings.push({ ...exceptionFinding(e), libPath: l.path, nodeId: pair.node.id, rel: pair.node.rel });
        for (const s of splitSentences(text)) {
          const info = readSentence(s.text);
          if (info.kind === 'operative' && hasKind(info.markers, 'permission') && !hasKind(info.markers, 'prohibition') && !hasKind(info.markers, 'duty')) {
            weakenings.push({ kind: 'exception', words: `added "${excerpt(s.text, 16)}"`, message: 'a new permission carves out an exception', broad: null, libPath: l.path, nodeId: pair.node.id, rel: pair.node.rel });
          }
        }
      }
    }
  };
  visit(lib, node, compareRootText);
  return { changed, weakenings };
}
