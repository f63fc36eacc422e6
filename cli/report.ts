import type { Node as PMNode } from 'prosemirror-model';
import type { ProjectProfile } from '../core/document/project';
import type { ExportOptions } from '../core/export/options';
import { exportReportDocx } from '../core/export/report';
import type { Library } from '../core/library/library';
import { runCheck, valuesOf } from './coverage';

export interface ReportInput {
  doc: PMNode;
  library: Library;
  profile: ProjectProfile | null;
  title: string;
  options: ExportOptions;
}

/** The coverage report of a document as .docx bytes: the same analysis and lint "check" prints. */
export async function reportDocx(input: ReportInput): Promise<Uint8Array> {
  const { report, lint } = runCheck(input.doc, input.library, input.profile);
  return exportReportDocx({
    report,
    doc: input.doc,
    title: input.title,
    lint: lint.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, location: f.location })),
    library: input.library,
    values: valuesOf(input.profile),
    options: input.options,
  });
}
