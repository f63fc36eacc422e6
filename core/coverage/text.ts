/**
 * Reading the sentences of a provision: words, sentences, the force of each sentence
 * (prohibition, duty, permission), and its exceptions. Everything here is generic
 * legal-drafting grammar; nothing names a route. The route-specific knowledge lives in
 * the routes' text rules (seeds/routes/*.yaml), applied by core/coverage/rules.ts.
 */

/** A word or a punctuation mark of a sentence, lower-cased, with its place in the source. */
export interface Token {
  /** Lower-case word, or one of , ; : ( ) */
  w: string;
  /** Offset of the token in the source string. */
  start: number;
  end: number;
}

// Letters and digits make words; apostrophes and hyphens split them ("person's" ->
// person, s; "re-disclose" -> re, disclose), which is how phrases are tokenised too, so
// both sides agree. Commas, semicolons, colons and brackets are kept as tokens so that
// a phrase never matches across them ("make, available" is not "make available").
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** 1: letter, digit or underscore, 2: , ; : ( ), 0: anything else. A scanner rather than a regex: it runs on every word of a draft. */
function charClass(c: number, ch: string): number {
  // underscores join placeholder keys ({law_enforcement_agency}) into one word that no phrase matches
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) return 1;
  if (c === 44 || c === 59 || c === 58 || c === 40 || c === 41) return 2;
  if (c < 128) return 0;
  return WORD_CHAR.test(ch) ? 1 : 0;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = charClass(c, text[i]!);
    if (k === 2) {
      out.push({ w: text[i]!, start: i, end: i + 1 });
      i++;
    } else if (k === 1) {
      let j = i + 1;
      while (j < n && charClass(text.charCodeAt(j), text[j]!) === 1) j++;
      out.push({ w: text.slice(i, j).toLowerCase(), start: i, end: j });
      i = j;
    } else i++;
  }
  return out;
}

export function isWord(t: Token | undefined): boolean {
  return !!t && /^[\p{L}\p{N}]/u.test(t.w);
}

// Words before a full stop that do not end a sentence: legal citation forms and the
// usual abbreviations. A single letter ("U.S.", "J.") never ends one either.
const ABBREVIATIONS = new Set([
  'no', 'nos', 'sec', 'secs', 'subd', 'subsec', 'para', 'par', 'cl', 'art', 'ch', 'div', 'pt', 'tit',
  'inc', 'corp', 'co', 'ltd', 'llc', 'etc', 'eg', 'ie', 'cf', 'vs', 'v', 'st', 'jr', 'sr', 'mr', 'mrs', 'ms', 'dr',
  'stat', 'ann', 'rev', 'supp', 'gov', 'govt', 'civ', 'pen', 'admin', 'fed', 'reg', 'regs', 'app', 'cir', 'usc', 'cfr',
  'cal', 'ill', 'mass', 'wash', 'or', 'ore', 'conn', 'colo', 'minn', 'mich', 'penn', 'pa', 'va', 'md', 'tex', 'fla',
]);

/**
 * Split text into sentences. A sentence ends at . ! or ? followed by space and a capital,
 * a digit, a quotation mark, a bracket or a placeholder, unless the word before the stop
 * is an abbreviation. Semicolons do not end a sentence: in statutes they separate the
 * items of one sentence's list.
 */
export function splitSentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[.!?]["'\u201d\u2019)\]]*\s+(?=["'\u201c\u2018([{\p{Lu}\p{N}§])/gu;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const end = m.index + 1;
    // the word before the stop
    const before = text.slice(Math.max(last, m.index - 12), m.index).match(/([\p{L}.]+)$/u)?.[1] ?? '';
    const bare = before.replace(/\./g, '').toLowerCase();
    if (before.includes('.') || bare.length === 1 || ABBREVIATIONS.has(bare)) continue;
    const s = text.slice(last, end).trim();
    if (s) out.push({ text: s, start: last + (text.slice(last, end).length - text.slice(last, end).trimStart().length) });
    last = m.index + m[0].length;
  }
  const rest = text.slice(last);
  if (rest.trim()) out.push({ text: rest.trim(), start: last + (rest.length - rest.trimStart().length) });
  return out;
}

/**
 * - prohibition: may not, shall not, no <actor> may, is prohibited from
 * - duty: shall, must, will (in terms imposed on another), is required to
 * - right: a permission that confers a right or a remedy ("A person may bring a civil
 *   action", "the court may award", "is entitled to"): operative, unlike an agency's
 *   discretion
 * - permission: may (an agency's leave to act)
 * - discretion: should, is encouraged to, is authorized to
 */
export type ForceKind = 'prohibition' | 'duty' | 'right' | 'permission' | 'discretion';

/** A verb that gives a sentence its force, with the token span that carries it. */
export interface ForceMarker {
  kind: ForceKind;
  /** Token indexes [from, to). */
  from: number;
  to: number;
}

/**
 * What kind of sentence it is:
 * - operative: binds someone (its markers count)
 * - definition: '"X" means ...'
 * - savings: "Nothing in this section ...", "This chapter does not prohibit ...",
 *   "... shall not be construed ..." (a limit on the other sentences, not a rule)
 */
export type SentenceKind = 'operative' | 'definition' | 'savings';

export interface SentenceInfo {
  text: string;
  tokens: Token[];
  kind: SentenceKind;
  markers: ForceMarker[];
}

// "will" binds in the terms a law imposes on others ("the hub will log each access")
const MODAL = new Set(['shall', 'must', 'may', 'will']);
const RIGHT_VERBS = new Set(['bring', 'file', 'sue', 'recover', 'seek', 'petition', 'obtain', 'commence', 'maintain', 'institute', 'enforce']);
const COURT_VERBS = new Set(['grant', 'award', 'order', 'issue', 'enjoin', 'impose', 'assess', 'enter']);
const CONSTRUE = new Set(['construed', 'interpreted', 'deemed', 'read']);
const NOT_OBLIGED = new Set(['required', 'obligated', 'obliged', 'compelled']);
const LIMIT_VERBS = new Set(['prohibit', 'prohibits', 'restrict', 'restricts', 'apply', 'applies', 'limit', 'limits', 'preclude', 'precludes', 'prevent', 'prevents', 'affect', 'affects', 'require', 'requires', 'authorize', 'authorizes']);
const NO_QUANTITY = new Set(['later', 'more', 'less', 'fewer', 'longer', 'sooner', 'earlier', 'matter']);
const BE = new Set(['is', 'are', 'be', 'been', 'was', 'were']);

function at(tokens: Token[], i: number): string {
  return tokens[i]?.w ?? '';
}

/**
 * "No <actor> may/shall": a "no" up to twenty tokens before the modal, with no clause
 * break between them, that is not "no later than" and the like.
 */
function noActorBefore(tokens: Token[], i: number): number {
  for (let j = i - 1; j >= 0 && j >= i - 20; j--) {
    const w = tokens[j]!.w;
    if (w === ';' || w === ':' || w === '(' || w === ')') return -1;
    if (MODAL.has(w) || w === 'not') return -1;
    if ((w === 'no' || w === 'neither') && !NO_QUANTITY.has(at(tokens, j + 1))) return j;
  }
  return -1;
}

const ONLY_CONDITION = new Set(['if', 'after', 'when', 'where', 'under', 'upon', 'on', 'with', 'pursuant', 'to', 'for', 'in', 'as', 'by', 'once', 'following']);

/** "only" introducing a condition (or "may only <verb>") within the same clause after token i. */
function onlyIfAfter(tokens: Token[], i: number): boolean {
  if (at(tokens, i) === 'only') return true;
  for (let j = i; j < tokens.length && j < i + 30; j++) {
    const w = tokens[j]!.w;
    if (w === ';' || w === ':' || MODAL.has(w)) return false;
    if (w === 'only' && ONLY_CONDITION.has(at(tokens, j + 1))) return true;
  }
  return false;
}

/** The force markers of a tokenised sentence, left to right. */
export function forceMarkers(tokens: Token[]): ForceMarker[] {
  const out: ForceMarker[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.w;
    const n1 = at(tokens, i + 1);
    const n2 = at(tokens, i + 2);
    const n3 = at(tokens, i + 3);
    if (w === 'shall' || w === 'must' || w === 'may' || w === 'will') {
      if (n1 === 'not') {
        // "shall not be construed", "shall not apply", "shall not be required to"
        if (n2 === 'be' && (CONSTRUE.has(n3) || NOT_OBLIGED.has(n3))) { i += 3; continue; }
        if (n2 === 'apply') { i += 2; continue; }
        out.push({ kind: 'prohibition', from: i, to: i + 2 });
        i += 1;
        continue;
      }
      if (n1 === 'in' && n2 === 'no' && /^(event|case|circumstances?)$/.test(n3)) {
        out.push({ kind: 'prohibition', from: i, to: i + 4 });
        i += 3;
        continue;
      }
      if (n1 === 'never') { out.push({ kind: 'prohibition', from: i, to: i + 2 }); i += 1; continue; }
      if (w !== 'may' && n1 === 'refrain') { out.push({ kind: 'prohibition', from: i, to: i + 2 }); i += 1; continue; }
      // definitional and constructional uses carry no force
      if (w === 'shall' && /^(mean|means|include|includes|have)$/.test(n1)) continue;
      if (n1 === 'be' && CONSTRUE.has(n2)) continue;
      const no = noActorBefore(tokens, i);
      if (no >= 0) {
        // "No agency shall be required to ..." lifts a duty; it forbids nothing
        if (n1 === 'be' && NOT_OBLIGED.has(n2)) { i += 2; continue; }
        out.push({ kind: 'prohibition', from: no, to: i + 1 });
        continue;
      }
      if (w === 'may') {
        // "may disclose ... only if / only after / only under": a prohibition with a condition
        if (onlyIfAfter(tokens, i + 1)) {
          out.push({ kind: 'prohibition', from: i, to: i + 1 });
          continue;
        }
        const also = n1 === 'also' ? n2 : n1;
        const courtBefore = at(tokens, i - 1) === 'court' || at(tokens, i - 2) === 'court';
        const right = RIGHT_VERBS.has(also) || (courtBefore && COURT_VERBS.has(also));
        out.push({ kind: right ? 'right' : 'permission', from: i, to: i + 1 });
        continue;
      }
      out.push({ kind: 'duty', from: i, to: i + 1 });
      continue;
    }
    if (w === 'should') {
      out.push({ kind: 'discretion', from: i, to: n1 === 'not' ? i + 2 : i + 1 });
      if (n1 === 'not') i += 1;
      continue;
    }
    if (BE.has(w)) {
      const k = n1 === 'hereby' ? i + 2 : i + 1;
      const v = at(tokens, k);
      const v2 = at(tokens, k + 1);
      if (v === 'prohibited' || v === 'forbidden' || v === 'unlawful') {
        out.push({ kind: 'prohibition', from: i, to: k + 1 });
        i = k;
        continue;
      }
      if (v === 'not' && /^(permitted|authorized|authorised|allowed)$/.test(v2)) {
        out.push({ kind: 'prohibition', from: i, to: k + 2 });
        i = k + 1;
        continue;
      }
      if (NOT_OBLIGED.has(v) && v2 === 'to') {
        out.push({ kind: 'duty', from: i, to: k + 2 });
        i = k + 1;
        continue;
      }
      if (v === 'entitled' && v2 === 'to') {
        out.push({ kind: 'right', from: i, to: k + 2 });
        i = k + 1;
        continue;
      }
      if (/^(encouraged|urged|invited|requested)$/.test(v) && v2 === 'to') {
        out.push({ kind: 'discretion', from: i, to: k + 2 });
        i = k + 1;
        continue;
      }
      if (/^(authorized|authorised|permitted|allowed|empowered)$/.test(v) && v2 === 'to') {
        out.push({ kind: 'discretion', from: i, to: k + 2 });
        i = k + 1;
        continue;
      }
    }
    if (w === 'has' && n1 === 'a' && n2 === 'duty' && n3 === 'to') {
      out.push({ kind: 'duty', from: i, to: i + 4 });
      i += 3;
    }
  }
  return out;
}

const DEFINITION = /^\s*["\u201c'\u2018][^"\u201d\u2019]{1,120}["\u201d'\u2019]\s*,?\s*(?:shall\s+)?(?:means?|includes?|has the meaning|refers to|is defined)\b/i;

/** Is the sentence a savings or construction clause rather than a rule? */
function isSavings(tokens: Token[]): boolean {
  for (let i = 0; i < Math.min(tokens.length, 4); i++) if (tokens[i]!.w === 'nothing') return true;
  for (let i = 0; i < tokens.length - 2; i++) {
    const w = tokens[i]!.w;
    if ((w === 'does' || w === 'do' || w === 'shall' || w === 'may' || w === 'will') && tokens[i + 1]!.w === 'not') {
      const v = tokens[i + 2]!.w;
      if (LIMIT_VERBS.has(v)) return true;
      if (v === 'be' && CONSTRUE.has(at(tokens, i + 3))) return true;
    }
    if (w === 'be' && CONSTRUE.has(tokens[i + 1]!.w) && (at(tokens, i + 2) === 'to' || at(tokens, i + 2) === 'as')) return true;
  }
  return false;
}

export function readSentence(text: string): SentenceInfo {
  const tokens = tokenize(text);
  if (DEFINITION.test(text)) return { text, tokens, kind: 'definition', markers: [] };
  if (isSavings(tokens)) return { text, tokens, kind: 'savings', markers: [] };
  return { text, tokens, kind: 'operative', markers: forceMarkers(tokens) };
}

/**
 * Does the sentence carry the force a rule asks for? "any" is a binding force of any
 * kind: a prohibition, a duty, or a conferred right; an agency's bare permission or a
 * hortatory "should" is none.
 */
export function hasForce(s: SentenceInfo, force: 'prohibition' | 'duty' | 'any'): boolean {
  if (s.kind !== 'operative') return false;
  return s.markers.some((m) => (force === 'any' ? m.kind === 'prohibition' || m.kind === 'duty' || m.kind === 'right' : m.kind === force));
}

/** The words of a marker as written. */
export function markerWords(s: SentenceInfo, m: ForceMarker): string {
  const a = s.tokens[m.from];
  const b = s.tokens[m.to - 1];
  return a && b ? s.text.slice(a.start, b.end) : '';
}

// ---------------------------------------------------------------------------
// Exceptions

/**
 * The kinds of broad exception: each lets through, in practice, what the rule forbids.
 * A data table, shared by the text reader (an element with such an exception is only
 * partly closed), weakening detection (a new one weakens a clause) and lint.
 */
export const BROAD_EXCEPTIONS: readonly { kind: string; label: string; pattern: RegExp }[] = [
  {
    kind: 'otherwise-provided',
    label: 'an open reference to whatever else the law provides',
    pattern: /\b(?:unless|except)\s+(?:as\s+|where\s+|to\s+the\s+extent\s+)?otherwise\s+(?:provided|permitted|authori[sz]ed|required|allowed)\b/i,
  },
  {
    kind: 'required-by-law',
    label: 'an exception for whatever the law requires, which lets administrative subpoenas and detainers through',
    pattern: /\b(?:required|authori[sz]ed|permitted|allowed|mandated|compelled|provided)\s+(?:by|under)\s+(?:(?:any|other|applicable|state|federal|local|and|or|the)\s+)*(?:law|laws|statute|statutes|regulations?|rules?)\b/i,
  },
  {
    kind: 'publicly-available',
    label: 'an exception for publicly available information, which covers addresses and plate reads',
    pattern: /\b(?:publicly\s+available|available\s+to\s+the\s+(?:general\s+)?public|public\s+records?)\b/i,
  },
  {
    kind: 'practicable',
    label: 'a "to the extent practicable" hedge, which leaves compliance to the agency',
    pattern: /\b(?:(?:to\s+the\s+(?:maximum\s+|greatest\s+)?extent|as\s+far\s+as|where|when|if)\s+(?:it\s+is\s+)?(?:practicable|practical|feasible|possible|reasonable|appropriate))\b/i,
  },
  {
    kind: 'law-enforcement-purpose',
    label: 'an exception for law enforcement purposes, which immigration enforcement claims to be',
    pattern: /\b(?:legitimate|valid|lawful|official)\s+law\s+enforcement\s+purposes?\b|\bfor\s+law\s+enforcement\s+purposes\b/i,
  },
  {
    kind: 'discretion',
    label: 'an exception left to an official\'s discretion',
    pattern: /\b(?:in\s+the\s+(?:sole\s+)?discretion\s+of|unless\s+(?:the\s+)?[\w{}\s]{0,60}?\b(?:approves?|determines?|waives?|authori[sz]es))\b/i,
  },
];

export interface ExceptionFound {
  /** The exception as written, from its trigger word to the end of its clause. */
  text: string;
  /** Offsets in the sentence. */
  start: number;
  end: number;
  /** The BROAD_EXCEPTIONS kind, or null for a narrow exception (a judicial warrant, consent). */
  broad: string | null;
}

// Words that open an exception. "Notwithstanding" is absent on purpose: "notwithstanding
// any other law" widens a rule rather than narrowing it.
const TRIGGER = /\b(?:except|excepting|excluding|unless|other\s+than|provided(?:,)?\s+(?:however,?\s+)?that|but\s+only|only\s+to\s+the\s+extent|to\s+the\s+(?:maximum\s+|greatest\s+)?extent|as\s+far\s+as|where\s+(?:practicable|feasible|possible)|if\s+(?:practicable|feasible|possible)|when\s+(?:practicable|feasible)|(?:does|do|shall|will)\s+not\s+apply\s+to|nothing\s+in\s+this|(?:does|do)\s+not\s+(?:prohibit|restrict|limit|prevent|preclude)|is\s+exempt)\b/gi;

/** The exceptions of a sentence: each from its trigger to the next comma, semicolon or stop. */
// Every trigger and every broad pattern contains one of these words; a sentence with
// none of them has no exception, which saves running the patterns on most sentences.
const EXCEPTION_HINT = /except|exclud|unless|other than|provided|only|extent|far as|practic|feasib|possib|reasonab|appropriat|apply|nothing|prohibit|restrict|limit|prevent|preclud|exempt|law|statute|regulation|rule|public|discretion|approv|determin|waiv|authori/i;

export function readExceptions(sentence: string): ExceptionFound[] {
  const out: ExceptionFound[] = [];
  if (!EXCEPTION_HINT.test(sentence)) return out;
  for (const m of sentence.matchAll(TRIGGER)) {
    const start = m.index;
    if (out.length > 0 && start < out[out.length - 1]!.end) continue;
    const lead = m[0].toLowerCase();
    // savings clauses run to the end of the sentence; others end at their clause
    const whole = lead.startsWith('nothing') || /not\s+(?:prohibit|restrict|limit|prevent|preclude)|not\s+apply/.test(lead);
    const rest = sentence.slice(start + m[0].length);
    const stop = whole ? rest.search(/[.;](?:\s|$)/) : rest.search(/[,;:]|\.(?:\s|$)/);
    const end = start + m[0].length + (stop < 0 ? rest.length : stop);
    const text = sentence.slice(start, end).trim();
    out.push({ text, start, end, broad: classifyException(text) });
  }
  // a hedge written without a trigger word ("shall, where practicable, ...") is found by
  // its pattern alone; other broad phrases count only after an exception's trigger
  // ("whether or not the information is available to the public" excepts nothing)
  for (const b of BROAD_EXCEPTIONS) {
    if (b.kind !== 'practicable') continue;
    const m = b.pattern.exec(sentence);
    if (!m || m.index === undefined) continue;
    const s = m.index;
    if (out.some((e) => s >= e.start && s < e.end)) continue;
    const broad = classifyException(m[0]);
    if (broad) out.push({ text: m[0], start: s, end: s + m[0].length, broad });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The broad kind of an exception's text, or null when it is narrow. */
export function classifyException(text: string): string | null {
  const kind = BROAD_EXCEPTIONS.find((b) => b.pattern.test(text))?.kind ?? null;
  // "unless a judge authorizes" is the judicial check, not an official's discretion
  if (kind === 'discretion' && /\b(?:judge|judicial|court)\b/i.test(text)) return null;
  return kind;
}

export function broadLabel(kind: string): string {
  return BROAD_EXCEPTIONS.find((b) => b.kind === kind)?.label ?? 'a broad exception';
}

/** First words of a text, for quoting in a reason ("An agency may not provide ..."). */
export function excerpt(text: string, words = 14): string {
  const parts = text.trim().split(/\s+/);
  return parts.length <= words ? text.trim() : `${parts.slice(0, words).join(' ')} \u2026`;
}
