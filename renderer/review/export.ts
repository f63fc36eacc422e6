import type { Node as PMNode } from 'prosemirror-model';
import type { LintFinding } from '../../core/coverage/lint';
import type { CoverageReport } from '../../core/coverage/types';
import type { Library } from '../../core/library/library';
import type { Host } from '../host';
import { liveFindings } from './weak-spots';

/**
 * The review as a coverage report in Word (core/export/report.ts), titled with the
 * imported file's name, handed to the host (a save dialog on the desktop, a download in
 * the browser). The report writer and the docx library are loaded on first use.
 */

/** "council-draft.docx" -> "council-draft - coverage report.docx" */
export function reportFileName(name: string): string {
  const stem = name.replace(/\.(docx|txt|text|md|markdown)$/i, '').trim() || 'Ordinance';
  return `${stem} - coverage report.docx`;
}

/** Today as YYYY-MM-DD, in local time (the date printed on the report). */
export function today(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export interface ExportReviewInput {
  host: Pick<Host, 'api'>;
  library: Library | null;
  doc: PMNode;
  /** The imported file's name: the report's title. */
  name: string;
  report: CoverageReport;
  lint: readonly LintFinding[];
  date?: string;
}

/** The report's bytes. */
export async function reviewReportBytes(input: Omit<ExportReviewInput, 'host'>): Promise<Uint8Array> {
  const { exportReportDocx } = await import('../../core/export/report');
  return exportReportDocx({
    report: input.report,
    doc: input.doc,
    title: input.name,
    // what an amendment strikes out is not the law under review
    lint: liveFindings(input.doc, input.lint),
    ...(input.library ? { library: input.library } : {}),
    options: { date: input.date ?? today() },
  });
}

/** Export the report through the host; the saved file's name, or null when the person cancelled. Throws on failure. */
export async function exportReviewReport(input: ExportReviewInput): Promise<string | null> {
  const bytes = await reviewReportBytes(input);
  const r = await input.host.api.exportDocx({ suggestedName: reportFileName(input.name), bytes });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.canceled ? null : r.value.name;
}
