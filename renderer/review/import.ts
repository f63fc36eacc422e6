import type { Node as PMNode } from 'prosemirror-model';
import { analyze } from '../../core/coverage/analyze';
import type { HostApi } from '../../core/host';
import type { ImportNotice, ImportResult } from '../../core/import/structure';
import type { Library } from '../../core/library/library';
import type { JurisdictionKind } from '../../core/schema';

/**
 * Importing an ordinance someone else wrote, for review: a .docx, a plain text file or
 * Markdown, picked through the host or dropped on the window. The file is read,
 * checked and converted in stages, each yielding to the UI so a progress indicator
 * paints; the result is all or nothing (an error leaves the current document as it
 * was). The importers themselves live in core/import and are loaded on first use, so
 * the app starts without them.
 */

export type ReviewFormat = 'docx' | 'text' | 'markdown';

/** The extensions review imports (what the file picker offers and what a drop takes). */
export const REVIEW_EXTENSIONS = ['docx', 'txt', 'md', 'markdown'] as const;

export function formatOf(name: string): ReviewFormat | null {
  const ext = /\.([^.]+)$/.exec(name.toLowerCase())?.[1] ?? '';
  if (ext === 'docx') return 'docx';
  if (ext === 'txt' || ext === 'text') return 'text';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  return null;
}

/** An imported ordinance opened for review. */
export interface ReviewProject {
  /** The file name as the user knows it ("council-draft.docx"). */
  name: string;
  format: ReviewFormat;
  doc: PMNode;
  /** What the importer could not classify, and what it left out. */
  notices: ImportNotice[];
  stats: ImportResult['stats'];
  /** The kind of jurisdiction the text speaks for (a guess from its title, caption and enacting clause). */
  kind: JurisdictionKind;
}

export type ImportStage = 'reading' | 'checking' | 'converting' | 'structuring' | 'analyzing';
export const IMPORT_STAGES: readonly ImportStage[] = ['reading', 'checking', 'converting', 'structuring', 'analyzing'];
export const STAGE_LABEL: Record<ImportStage, string> = {
  reading: 'Reading the file',
  checking: 'Checking the file',
  converting: 'Reading the text',
  structuring: 'Finding sections and provisions',
  analyzing: 'Checking coverage',
};

export type ReviewErrorCode = 'too-large' | 'not-docx' | 'encrypted' | 'corrupt' | 'zip-bomb' | 'empty' | 'unsupported' | 'not-text' | 'host';

/** Why an import failed, in words for the person who picked the file. */
export class ReviewImportError extends Error {
  constructor(
    readonly code: ReviewErrorCode,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReviewImportError';
  }
}

/** Bytes of a text file above which it cannot hold fewer than core's MAX_TEXT_CHARS characters (4 bytes a character at most). */
const MAX_TEXT_BYTES = 40 * 1024 * 1024;

/** The clear message for each way an import fails. `detail` is the importer's own words (sizes, what was missing). */
export function reviewError(code: ReviewErrorCode, name: string, detail = ''): ReviewImportError {
  const d = detail ? ` (${detail.replace(/\.$/, '')})` : '';
  switch (code) {
    case 'encrypted':
      return new ReviewImportError(code, 'The Word file is locked', `“${name}” is password-protected, or is an old Word 97–2003 .doc file. Open it in Word, remove the password or save it as a .docx document, and import it again.`);
    case 'too-large':
      return new ReviewImportError(code, 'The file is too large', `“${name}” is too large to import${d}. Save the ordinance on its own, without pictures or attachments, and import that.`);
    case 'not-docx':
      return new ReviewImportError(code, 'Not a Word document', `“${name}” is not a Word document${d}. If it is a PDF or an old .doc file, open it in Word and save it as a .docx document, or copy its text into a .txt file.`);
    case 'corrupt':
      return new ReviewImportError(code, 'The Word file is damaged', `“${name}” is damaged or cut short${d}. Download or copy it again, or open it in Word and save it again, then import it.`);
    case 'zip-bomb':
      return new ReviewImportError(code, 'The Word file was not opened', `“${name}” unpacks to far more than an ordinance could hold, the way a “zip bomb” does, so it was not opened. Ask for a plain copy of the ordinance.`);
    case 'empty':
      return new ReviewImportError(code, 'The file is empty', `“${name}” has no text in it.`);
    case 'not-text':
      return new ReviewImportError(code, 'Not a text file', `“${name}” does not hold plain text${d}. Import a .docx Word document, a .txt text file or a .md Markdown file.`);
    case 'unsupported':
      return new ReviewImportError(code, 'This kind of file cannot be imported', `“${name}” is not a kind of file Ordwright imports. Import a .docx Word document, a .txt text file or a .md Markdown file.`);
    case 'host':
      return new ReviewImportError(code, 'The file could not be read', `The file could not be read${d}.`);
  }
}

/** Let the browser paint (and the progress indicator move) before the next stage. */
export function yieldToUI(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible') {
      // a frame, then a macrotask: the frame is painted before the work goes on
      requestAnimationFrame(() => setTimeout(resolve, 0));
    } else setTimeout(resolve, 0);
  });
}

/** Decode a text file: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark; binary data is refused. */
export function decodeText(bytes: Uint8Array, name: string): string {
  if (bytes.length === 0) throw reviewError('empty', name);
  if (bytes.length > MAX_TEXT_BYTES) throw reviewError('too-large', name, `${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  if (encoding === 'utf-8') {
    // a zip (a .docx renamed .txt), a PDF, or anything else with NUL bytes is not text
    if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4) throw reviewError('not-text', name, 'it is a zip package, perhaps a Word document renamed');
    if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) throw reviewError('not-text', name, 'it is a PDF');
    const head = bytes.subarray(0, 8192);
    if (head.includes(0)) throw reviewError('not-text', name, 'it holds binary data');
  }
  let text: string;
  try {
    text = new TextDecoder(encoding).decode(bytes);
  } catch (e) {
    throw reviewError('not-text', name, e instanceof Error ? e.message : String(e));
  }
  // a file in a legacy encoding decodes with replacement characters: best effort, as an editor would
  return text.replace(/^\ufeff/, '');
}

/**
 * The kind of jurisdiction an ordinance speaks for, from its title, caption and enacting
 * clause: a legislature enacts a state's law, a county's board a county's.
 */
export function guessKind(doc: PMNode): JurisdictionKind {
  let front = '';
  doc.forEach((node) => {
    if (['title', 'caption', 'enacting', 'recital'].includes(node.type.name)) front += ` ${node.textContent}`;
  });
  if (/\b(?:legislature|general assembly|be it enacted by the (?:people|senate)|(?:senate|house|assembly) bill|an act\b|revised statutes|state of)\b/i.test(front) && !/\b(?:city|county) council\b/i.test(front)) return 'state';
  if (/\b(?:county|board of (?:county )?supervisors|board of (?:county )?commissioners|parish)\b/i.test(front) && !/\bcity of\b/i.test(front)) return 'county';
  return 'city';
}

type CoreImporters = {
  importDocx: typeof import('../../core/import/docx').importDocx;
  importText: typeof import('../../core/import/text').importText;
  ImportError: typeof import('../../core/import/text').ImportError;
};
let importers: Promise<CoreImporters> | null = null;
function loadImporters(): Promise<CoreImporters> {
  importers ??= Promise.all([import('../../core/import/docx'), import('../../core/import/text')]).then(([d, t]) => ({
    importDocx: d.importDocx,
    importText: t.importText,
    ImportError: t.ImportError,
  }));
  return importers;
}

export interface ImportOptions {
  /** Told as each stage starts, with the file's name (the UI gets a frame to paint between stages). */
  onStage?: (stage: ImportStage, name: string) => void;
  /** The clause library: with it the coverage check is run once during the import, so the review opens with its report warm. */
  library?: Library | null;
}

/** Import a file's bytes for review. Throws ReviewImportError; never returns anything half-made. */
export async function importBytes(name: string, bytes: Uint8Array, options: ImportOptions = {}): Promise<ReviewProject> {
  const stage = async (s: ImportStage) => {
    options.onStage?.(s, name);
    await yieldToUI();
  };
  const format = formatOf(name);
  if (!format) throw reviewError('unsupported', name);
  const core = await loadImporters();
  let result: ImportResult;
  try {
    if (format === 'docx') {
      result = await core.importDocx(bytes, { onStage: stage });
    } else {
      await stage('checking');
      const text = decodeText(bytes, name);
      await stage('structuring');
      result = core.importText(text, { markdown: format === 'markdown' });
    }
  } catch (e) {
    if (e instanceof ReviewImportError) throw e;
    if (e instanceof core.ImportError) throw reviewError(e.code, name, e.message);
    // anything else the importer threw is a file it could not make sense of
    throw reviewError(format === 'docx' ? 'corrupt' : 'not-text', name, e instanceof Error ? e.message : String(e));
  }
  const project: ReviewProject = { name, format, doc: result.doc, notices: result.notices, stats: result.stats, kind: guessKind(result.doc) };
  if (options.library) {
    await stage('analyzing');
    try {
      // warms the per-section analysis the workspace runs next; a failure here is the workspace's to report
      analyze(project.doc, options.library, { kind: project.kind });
    } catch {
      /* the live check reports it */
    }
  }
  return project;
}

/**
 * Ask the host for a file and import it for review. Null when the person cancels the
 * picker. Throws ReviewImportError with a clear message for every other outcome.
 */
export async function importForReview(host: { api: Pick<HostApi, 'importFile'> }, library: Library | null, options: Omit<ImportOptions, 'library'> = {}): Promise<ReviewProject | null> {
  const r = await host.api.importFile({ extensions: [...REVIEW_EXTENSIONS] });
  if (!r.ok) {
    if (r.error.code === 'too-large') throw new ReviewImportError('too-large', 'The file is too large', r.error.message);
    if (r.error.code === 'bad-request') throw new ReviewImportError('unsupported', 'This kind of file cannot be imported', `${r.error.message}. Import a .docx Word document, a .txt text file or a .md Markdown file.`);
    throw reviewError('host', 'the file', r.error.message);
  }
  if (r.value.canceled) return null;
  options.onStage?.('reading', r.value.name);
  return importBytes(r.value.name, r.value.bytes, { ...options, library });
}

/** Import a dropped file (it is read here, in the page). */
export async function importFileForReview(file: File, library: Library | null, options: Omit<ImportOptions, 'library'> = {}): Promise<ReviewProject> {
  if (!formatOf(file.name)) throw reviewError('unsupported', file.name);
  // refuse what is far too big before reading it into memory (25 MB is core's MAX_DOCX_BYTES,
  // not imported from core/import/docx.ts: that would pull mammoth into the main bundle)
  const limit = formatOf(file.name) === 'docx' ? 25 * 1024 * 1024 : MAX_TEXT_BYTES;
  if (file.size > limit) throw reviewError('too-large', file.name, `${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${limit / 1024 / 1024} MB`);
  options.onStage?.('reading', file.name);
  await yieldToUI();
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    throw reviewError('host', file.name, e instanceof Error ? e.message : String(e));
  }
  return importBytes(file.name, bytes, { ...options, library });
}
