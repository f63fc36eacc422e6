import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DocxParagraph {
  style: string | null;
  styleId: string | null;
  text: string;
  ins: string[];
  del: string[];
  revisionAuthors: string[];
  bold: string[];
  highlighted: string[];
  commentRefs: number;
  /** keepNext set on the paragraph itself (not through its style). */
  keepNext: boolean;
  /** 'ins' / 'del' when the paragraph mark is a tracked change: the whole paragraph was inserted or deleted. */
  markRevision: 'ins' | 'del' | null;
}
export interface DocxTable {
  /** Cell texts by row; a cell's paragraphs joined with a newline. */
  rows: string[][];
  /** Rows at the top that repeat on each page (tblHeader). */
  headerRows: number;
  /** Names of the paragraph styles used in the cells. */
  cellStyles: string[];
}
export interface DocxReading {
  paragraphs: DocxParagraph[];
  comments: { id: string; author: string; date: string; text: string }[];
  sections: {
    pageWidth: number;
    pageHeight: number;
    lineNumbers: null | { restart: string | null; countBy: string | null };
    header: string[];
    footer: string[];
    footerFields: string[];
    /** Every header and footer paragraph suppresses line numbers. */
    headerFooterLineNumbersSuppressed: boolean;
  }[];
  /** Body tables, in document order. */
  tables: DocxTable[];
  styles: Record<string, string>;
  defaultFont: string | null;
  /** Widow and orphan control is on by default (paragraph defaults or the Normal style). */
  defaultWidowControl: boolean;
}

const PY = '/usr/bin/python3';
const SCRIPT = join(import.meta.dirname, '..', 'tools', 'read_docx.py');

/** True when Debian's python3-docx is installed (.ci/run installs it). */
export function hasPythonDocx(): boolean {
  if (!existsSync(PY)) return false;
  try {
    execFileSync(PY, ['-c', 'import docx'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Read .docx bytes with python-docx, an independent reader of Word files. */
export function readDocx(bytes: Uint8Array): DocxReading {
  const dir = mkdtempSync(join(tmpdir(), 'ordwright-docx-'));
  const file = join(dir, 'in.docx');
  writeFileSync(file, bytes);
  return JSON.parse(execFileSync(PY, [SCRIPT, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as DocxReading;
}
