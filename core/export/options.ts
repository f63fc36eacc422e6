import { z } from 'zod';

/** Export options: what a drafter chooses in File → Export and the CLI takes as flags. */
export const ExportOptions = z.object({
  /** clean: the ordinance to file; annotated: with commentary and drafting notes; redline: changes against the library as tracked changes. */
  mode: z.enum(['clean', 'annotated', 'redline']).default('clean'),
  paper: z.enum(['letter', 'a4']).default('letter'),
  font: z.string().min(1).max(64).default('Times New Roman'),
  /** Body font size in points. */
  fontSize: z.number().min(8).max(20).default(12),
  lineNumbers: z.enum(['none', 'page', 'continuous']).default('none'),
  spacing: z.enum(['single', 'double']).default('single'),
  /** A list of sections after the caption, as bills carry. */
  toc: z.boolean().default(false),
  /** highlight: values shown highlighted so the drafter sees what was filled in; replace: plain values. Unresolved placeholders always stay visible and highlighted. */
  placeholders: z.enum(['highlight', 'replace']).default('replace'),
  definedTerms: z.enum(['plain', 'bold']).default('plain'),
  /** "DRAFT" and the date in the header. */
  draft: z.boolean().default(true),
  /** The date printed on a draft and used for every timestamp in the file (YYYY-MM-DD), so the same project exports to the same bytes. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD').default('2026-01-01'),
  /** Author of tracked changes and comments. */
  author: z.string().min(1).max(100).default('Ordwright'),
});
export type ExportOptions = z.infer<typeof ExportOptions>;
export type ExportOptionsInput = z.input<typeof ExportOptions>;

export function exportOptions(input: ExportOptionsInput = {}): ExportOptions {
  return ExportOptions.parse(input);
}
