import type { PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import { describeFsError } from '../core/node/store-fs';

/**
 * Print and Export as PDF go through Chromium's printing (webContents.print and
 * printToPDF), which lays the page out with its print style sheet. Main does both
 * itself: the page never gets a download or a file handle.
 */

/** US Letter: the paper of the councils Ordwright drafts for. The page's CSS @page may override it. */
export function pdfOptions(): PrintToPDFOptions {
  return {
    pageSize: 'Letter',
    landscape: false,
    printBackground: false,
    displayHeaderFooter: false,
    preferCSSPageSize: true,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
    margins: { marginType: 'default' },
  };
}

export function printOptions(): WebContentsPrintOptions {
  return { silent: false, printBackground: false, color: true };
}

/** "Town draft" -> "Town draft.pdf"; a name that already ends in .pdf is kept. */
export function pdfFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const stem = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim() || 'Ordinance';
  return /\.pdf$/i.test(stem) ? stem : `${stem}.pdf`;
}

export interface PdfExportDeps {
  /** The save dialog; null when canceled. */
  chooseTarget(suggestedName: string): Promise<string | null>;
  /** webContents.printToPDF(pdfOptions()). */
  printToPdf(): Promise<Uint8Array>;
  /** An atomic write. */
  write(path: string, bytes: Uint8Array): Promise<void>;
}

export type PdfExportResult = { canceled: true } | { canceled: false; path: string; bytes: number } | { canceled: false; error: string };

/**
 * Export the window's document as PDF: ask where, render, write atomically. Failures
 * come back as a message for a dialog (never a throw into Electron's menu code).
 */
export async function exportPdf(deps: PdfExportDeps, documentName: string): Promise<PdfExportResult> {
  const chosen = await deps.chooseTarget(pdfFileName(documentName));
  if (chosen === null) return { canceled: true };
  const path = /\.pdf$/i.test(chosen) ? chosen : `${chosen}.pdf`;
  let pdf: Uint8Array;
  try {
    pdf = await deps.printToPdf();
  } catch (e) {
    return { canceled: false, error: `The PDF could not be made: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    await deps.write(path, pdf);
  } catch (e) {
    return { canceled: false, error: `${describeFsError(`Writing "${path}"`, e)}. Nothing was written there.` };
  }
  return { canceled: false, path, bytes: pdf.length };
}
