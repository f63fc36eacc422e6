import { buildFromLines, citesSection, type ImportResult, type Line, type Run, type RunMark } from './structure';

/** Largest text we import: about 10 million characters, some 4,000 pages. */
export const MAX_TEXT_CHARS = 10_000_000;

export class ImportError extends Error {
  constructor(
    message: string,
    readonly code: 'too-large' | 'not-docx' | 'encrypted' | 'corrupt' | 'zip-bomb' | 'empty',
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

// Inline Markdown: bold, emphasis, ~~deleted~~, ++inserted++, and <u>, <s> as Word-to-Markdown tools write them.
function markdownRuns(text: string): Run[] {
  const out: Run[] = [];
  const re = /\*\*([^*]+)\*\*|__([^_]+)__|~~([^~]+)~~|\+\+([^+]+)\+\+|<u>(.*?)<\/u>|<s>(.*?)<\/s>|\*([^*\s][^*]*)\*|(?<![\w])_([^_\s][^_]*)_(?![\w])/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    const mark: RunMark = m[1] || m[2] ? 'strong' : m[3] || m[6] ? 'del' : m[4] || m[5] ? 'ins' : 'em';
    out.push({ text: m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? m[7] ?? m[8] ?? '', marks: [mark] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/**
 * Lines of plain text or Markdown. Paragraphs may be hard-wrapped: a line that does not
 * start a new structural unit (label, section, WHEREAS, heading) continues the last one.
 */
export function textToLines(text: string, markdown: boolean): Line[] {
  const lines: Line[] = [];
  let joinable = false;
  let previous = '';
  let sectionOpen = false;
  for (const raw0 of text.replace(/\r\n?/g, '\n').split('\n')) {
    let raw = raw0;
    let heading = false;
    if (markdown) {
      const h = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw);
      if (h) {
        raw = h[1]!;
        heading = true;
      }
      raw = raw.replace(/^\s{0,3}(?:[-*+]|>)\s+/, '');
    }
    const t = raw.trim();
    if (!t) {
      joinable = false;
      sectionOpen = false;
      previous = '';
      continue;
    }
    // an all-capitals line starts a heading, unless it carries on a long all-capitals line
    // that stopped without punctuation (a caption hard-wrapped in capitals)
    const capsWrapped = previous.length >= 60 && !/[.:;]$/.test(previous) && !/[a-z]/.test(previous);
    const starts = heading || /^(\(|§|sec(tion)?\b|whereas\b|passed\b|adopted\b|approved\b|attest\b|introduced\b|\d+(?:[.-]\d+)+\s|[a-z]\.\s|\d+\.\s|_{3})/i.test(t) || (/^[A-Z][A-Z ,.'-]{6,}$/.test(t) && !capsWrapped);
    previous = t;
    const runs = markdown ? markdownRuns(t) : [{ text: t }];
    // a section line with its text on it ("Sec. 4. Severability. If any provision ... or")
    // that breaks off mid-sentence carries on into a line that starts in lower case
    const carriesOn: boolean = sectionOpen && /^[a-z]/.test(t);
    if ((joinable || carriesOn) && !starts && lines.length) {
      lines[lines.length - 1]!.runs.push({ text: ' ' }, ...runs);
    } else {
      lines.push({ runs, heading });
    }
    // a section line ends its own paragraph: its heading never runs on into the text below
    const sectionLine: boolean = !carriesOn && /^(§|sec(tion)?\b|\d+(?:[.-]\d+)+\s)/i.test(t) && !citesSection(t);
    joinable = !heading && !sectionLine;
    sectionOpen = sectionLine && !heading && !/[.:;!?]["'”’)]?$/.test(t);
  }
  return lines;
}

export function importText(text: string, opts: { markdown?: boolean } = {}): ImportResult {
  if (text.length > MAX_TEXT_CHARS) {
    throw new ImportError(`the text is ${text.length.toLocaleString('en-US')} characters; Ordwright imports at most ${MAX_TEXT_CHARS.toLocaleString('en-US')}`, 'too-large');
  }
  if (!text.trim()) throw new ImportError('the file is empty', 'empty');
  return buildFromLines(textToLines(text, opts.markdown ?? false));
}
