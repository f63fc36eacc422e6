import type { Node as PMNode } from 'prosemirror-model';
import { analyze, lint } from '../../core/coverage';
import type { ExportOptions } from '../../core/export/options';
import type { Library } from '../../core/library/library';
import type { Profile } from '../../core/schema';
import type { ExportKind } from './options';

/**
 * The export, in stages the dialog shows: preparing (the Word writer loaded on first
 * use, the coverage checked for a report), writing the document (core builds it),
 * packing (the .docx package, with the same bytes exportDocx gives), saving (the host:
 * a save dialog on the desktop, a download in the browser).
 *
 * It runs on the main thread between frames: after each stage it waits for the next
 * frame to be painted, so the dialog shows the stage and takes a click on Cancel; a
 * cancelled export stops at the next stage and its result is dropped. Nothing here
 * changes the document: it is read, never written.
 */

export type ExportStage = 'preparing' | 'writing' | 'packing' | 'saving';
export const EXPORT_STAGES: readonly ExportStage[] = ['preparing', 'writing', 'packing', 'saving'];
export const STAGE_LABEL: Record<ExportStage, string> = {
  preparing: 'Preparing',
  writing: 'Writing the document',
  packing: 'Packing the .docx file',
  saving: 'Saving',
};

export interface ExportJob {
  kind: ExportKind;
  options: ExportOptions;
  /** The document as it is when Export is pressed (a snapshot: typing on does not change it). */
  doc: PMNode;
  library: Library;
  profile: Profile;
  /** The project's name: the report's title. */
  title: string;
}

/** Thrown (and caught by the caller) when the export was cancelled: not an error to show. */
export class ExportCanceled extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCanceled';
  }
}

/** Resolves after the next frame has been painted (or soon, in a hidden window where frames do not come). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    // rAF runs before the paint; the timeout after it runs once the frame is out
    requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, 200);
  });
}

export interface RunOptions {
  onStage: (stage: ExportStage) => void;
  /** Checked after every stage: true stops the export (ExportCanceled). */
  canceled: () => boolean;
}

/** The .docx bytes of the job, stage by stage. */
export async function buildExport(job: ExportJob, run: RunOptions): Promise<Uint8Array> {
  const step = async (stage: ExportStage) => {
    if (run.canceled()) throw new ExportCanceled();
    run.onStage(stage);
    await nextFrame();
    if (run.canceled()) throw new ExportCanceled();
  };

  await step('preparing');
  // the Word writer (and the docx library) load on first use, not with the app
  const [{ buildDocx, packDocx }, report] = await Promise.all([
    import('../../core/export/docx'),
    job.kind === 'report' ? import('../../core/export/report') : Promise.resolve(null),
  ]).catch((e: unknown) => {
    throw new Error(`The part of Ordwright that writes Word files could not be loaded (${e instanceof Error ? e.message : String(e)}). Try again; if it keeps failing, reload the app.`);
  });
  let reportInput: Parameters<NonNullable<typeof report>['buildReportDocx']>[0] | null = null;
  if (job.kind === 'report') {
    if (job.library.routes.length === 0) throw new Error('The clause library could not be read, so there is no coverage to report.');
    // the same check the coverage panel runs, on the document as exported (the panel's
    // may be a keystroke behind); per-section results are cached, so this is quick
    const coverage = analyze(job.doc, job.library, { kind: job.profile.kind, profile: job.profile });
    const findings = lint(job.doc, job.library, { profile: job.profile });
    reportInput = { report: coverage, doc: job.doc, title: job.title, lint: findings, library: job.library, values: job.profile.values, options: job.options };
  }

  await step('writing');
  const document =
    reportInput && report
      ? report.buildReportDocx(reportInput)
      : buildDocx({ doc: job.doc, values: job.profile.values, library: job.library, options: job.options });

  await step('packing');
  const bytes = await packDocx(document, job.options.date);
  if (run.canceled()) throw new ExportCanceled();
  return bytes;
}
