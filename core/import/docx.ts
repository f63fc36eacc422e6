import JSZip from 'jszip';
import mammoth from 'mammoth';
import { buildFromLines, type ImportResult, type Line, type RunMark } from './structure';
import { ImportError } from './text';

/** Largest .docx we open, and how far it may unpack: beyond these it is refused, not tried. */
export const MAX_DOCX_BYTES = 25 * 1024 * 1024;
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAX_RATIO = 200;

/**
 * Underline and strike (amending ordinances) kept as insertions and deletions; Ordwright's
 * own paragraph styles (core/export/docx.ts) mapped to what they mean, so a draft exported
 * to Word comes back with the same structure.
 */
const STYLE_MAP = [
  'u => u',
  'strike => s',
  "p[style-name='Ordinance Section Heading'] => h2:fresh",
  "p[style-name='Ordinance Adoption Block'] => p.ow-adoption:fresh",
  "p[style-name='Ordinance Signature Line'] => p.ow-adoption:fresh",
  "p[style-name='Ordinance Signature Title'] => p.ow-adoption:fresh",
  "p[style-name='Commentary'] => p.ow-commentary:fresh",
  "p[style-name='Commentary Heading'] => p.ow-commentary:fresh",
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const INLINE_MARK: Record<string, RunMark> = { strong: 'strong', b: 'strong', em: 'em', i: 'em', u: 'ins', ins: 'ins', s: 'del', del: 'del', strike: 'del' };

/** Lines from mammoth's HTML: one per paragraph, heading or list item, with inline marks. */
export function htmlToLines(html: string): Line[] {
  const lines: Line[] = [];
  let line: Line | null = null;
  const marks: RunMark[] = [];
  const open = (heading: boolean, role?: Line['role']) => {
    if (line && line.runs.some((r) => r.text.trim())) lines.push(line);
    line = role ? { runs: [], heading, role } : { runs: [], heading };
  };
  const re = /<(\/?)([a-z0-9]+)[^>]*>|([^<]+)/gi;
  for (const m of html.matchAll(re)) {
    if (m[3] !== undefined) {
      if (!line) open(false);
      const text = decode(m[3]);
      if (text) (line as unknown as Line).runs.push({ text, marks: marks.length ? [...new Set(marks)] : undefined });
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (/^(p|h[1-6]|li|td|th|tr)$/.test(tag)) {
      const cls = /class="([^"]*)"/.exec(m[0])?.[1] ?? '';
      if (!closing) open(/^h[1-6]$/.test(tag), cls.includes('ow-adoption') ? 'adoption' : cls.includes('ow-commentary') ? 'commentary' : undefined);
      else {
        open(false);
        line = null;
      }
    } else if (tag === 'br') {
      if (line) (line as Line).runs.push({ text: ' ' });
    } else if (INLINE_MARK[tag]) {
      if (closing) {
        const at = marks.lastIndexOf(INLINE_MARK[tag]!);
        if (at >= 0) marks.splice(at, 1);
      } else marks.push(INLINE_MARK[tag]!);
    }
  }
  open(false);
  return lines;
}

/** Check a .docx before unpacking it: size, kind, encryption, zip bombs. */
export async function inspectDocx(bytes: Uint8Array): Promise<void> {
  if (bytes.length === 0) throw new ImportError('the file is empty', 'empty');
  if (bytes.length > MAX_DOCX_BYTES) {
    throw new ImportError(
      `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Ordwright imports Word files up to ${MAX_DOCX_BYTES / 1024 / 1024} MB. Save the ordinance alone, without images, and try again`,
      'too-large',
    );
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new ImportError('the file is password-protected or an old Word 97-2003 .doc; remove the password or save it as .docx in Word, then import it', 'encrypted');
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) throw new ImportError('the file is not a Word document (.docx files are zip packages)', 'not-docx');
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (e) {
    throw new ImportError(`the Word file is damaged or cut short (${(e as Error).message})`, 'corrupt');
  }
  if (!zip.file('word/document.xml')) {
    if (zip.file('EncryptedPackage') || zip.file('EncryptionInfo')) throw new ImportError('the Word file is encrypted; remove the password in Word and import it again', 'encrypted');
    throw new ImportError('the zip file has no Word document in it (word/document.xml is missing)', 'not-docx');
  }
  let total = 0;
  for (const f of Object.values(zip.files)) {
    const info = (f as unknown as { _data?: { uncompressedSize?: number; compressedSize?: number } })._data;
    const size = info?.uncompressedSize ?? 0;
    const packed = info?.compressedSize ?? 0;
    total += size;
    if (total > MAX_UNPACKED_BYTES || (packed > 0 && size / packed > MAX_RATIO && size > 10 * 1024 * 1024)) {
      throw new ImportError('the Word file unpacks to far more than an ordinance could hold (a zip bomb?); it was not opened', 'zip-bomb');
    }
  }
}

/** The stages of a .docx import, for a progress indicator. */
export type DocxImportStage = 'checking' | 'converting' | 'structuring';

export interface DocxImportOptions {
  /** Called as each stage starts; awaited, so a caller can let the UI paint between stages. */
  onStage?: (stage: DocxImportStage) => void | Promise<void>;
}

/** Import a .docx: structure recovered from its paragraphs; underline and strike kept as insertions and deletions. */
export async function importDocx(bytes: Uint8Array, options: DocxImportOptions = {}): Promise<ImportResult> {
  await options.onStage?.('checking');
  await inspectDocx(bytes);
  await options.onStage?.('converting');
  let html: string;
  let messages: { type: string; message: string }[];
  try {
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    // mammoth's browser build reads `arrayBuffer`, its Node build reads `buffer` (a Uint8Array does)
    const input = { arrayBuffer, buffer: bytes } as unknown as { arrayBuffer: ArrayBuffer };
    const r = await mammoth.convertToHtml(input, { styleMap: STYLE_MAP, includeDefaultStyleMap: true, ignoreEmptyParagraphs: true });
    html = r.value;
    messages = r.messages;
  } catch (e) {
    throw new ImportError(`the Word file could not be read (${(e as Error).message})`, 'corrupt');
  }
  await options.onStage?.('structuring');
  const result = buildFromLines(htmlToLines(html));
  const unsupported = messages.filter((m) => m.type === 'warning' && !/Unrecognised paragraph style|Unrecognised run style/.test(m.message));
  if (unsupported.length) result.notices.push({ kind: 'info', message: `${unsupported.length} Word features were not carried over (for example: ${unsupported[0]!.message})` });
  return result;
}
