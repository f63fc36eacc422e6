import { ExportOptions, type ExportOptionsInput } from '../core/export/options';
import { formatPath } from '../core/library/parse';
import { flag, str, type OptionSpec, type Parsed } from './args';
import { CliError } from './io';

/** The export options as command-line flags (shared by export and batch). */
export const EXPORT_FLAGS: Record<string, OptionSpec> = {
  annotated: { type: 'boolean', help: 'a model bill with commentary, tradeoffs, risks and sources under each clause' },
  redline: { type: 'boolean', help: 'changes against the library text as tracked changes (insertions and deletions)' },
  'line-numbers': { type: 'string', value: 'MODE', choices: ['page', 'continuous'], help: 'number the lines in the margin, restarting on each page or running on' },
  double: { type: 'boolean', help: 'double line spacing' },
  a4: { type: 'boolean', help: 'A4 paper (default: US Letter)' },
  toc: { type: 'boolean', help: 'a list of sections after the caption' },
  font: { type: 'string', value: 'NAME', help: 'body font (default: Times New Roman)' },
  'font-size': { type: 'string', value: 'POINTS', help: 'body font size, 8 to 20 points (default: 12)' },
  'no-draft': { type: 'boolean', help: 'leave "DRAFT" and the date out of the header' },
  date: { type: 'string', value: 'YYYY-MM-DD', help: "the date printed on the draft and stamped in the file (default: the project's last modification date, so the same project gives the same bytes)" },
  'highlight-placeholders': { type: 'boolean', help: 'highlight the values filled in from the profile (unfilled placeholders are always highlighted)' },
  'bold-terms': { type: 'boolean', help: 'defined terms in bold' },
  author: { type: 'string', value: 'NAME', help: 'author of tracked changes and comments (default: Ordwright)' },
};

/** A real calendar date as YYYY-MM-DD. */
export function checkDate(value: string, what: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new CliError(`${what} "${value}" is not a date`, 'write it as YYYY-MM-DD, e.g. 2027-01-15');
  }
  return value;
}

/** Only the options the flags set, so a project's saved options show through where no flag is given. */
export function flagOptions(args: Parsed): ExportOptionsInput {
  const o: ExportOptionsInput = {};
  if (flag(args, 'annotated') && flag(args, 'redline')) {
    throw new CliError('--annotated and --redline cannot be combined', 'export one at a time: an annotated model bill, or a redline against the library');
  }
  if (flag(args, 'annotated')) o.mode = 'annotated';
  if (flag(args, 'redline')) o.mode = 'redline';
  const ln = str(args, 'line-numbers');
  if (ln) o.lineNumbers = ln as 'page' | 'continuous';
  if (flag(args, 'double')) o.spacing = 'double';
  if (flag(args, 'a4')) o.paper = 'a4';
  if (flag(args, 'toc')) o.toc = true;
  const font = str(args, 'font');
  if (font !== undefined) o.font = font;
  const size = str(args, 'font-size');
  if (size !== undefined) {
    const n = Number(size);
    if (!/^\d+(\.\d+)?$/.test(size) || n < 8 || n > 20) throw new CliError(`--font-size ${size}: must be a number of points from 8 to 20`, 'e.g. --font-size 12');
    o.fontSize = n;
  }
  if (flag(args, 'no-draft')) o.draft = false;
  const date = str(args, 'date');
  if (date !== undefined) o.date = checkDate(date, '--date');
  if (flag(args, 'highlight-placeholders')) o.placeholders = 'highlight';
  if (flag(args, 'bold-terms')) o.definedTerms = 'bold';
  const author = str(args, 'author');
  if (author !== undefined) o.author = author;
  return o;
}

const FLAG_OF: Record<string, string> = {
  mode: '--annotated/--redline',
  paper: '--a4',
  font: '--font',
  fontSize: '--font-size',
  lineNumbers: '--line-numbers',
  spacing: '--double',
  toc: '--toc',
  placeholders: '--highlight-placeholders',
  definedTerms: '--bold-terms',
  draft: '--no-draft',
  date: '--date',
  author: '--author',
};

/**
 * The options of one export: the project's saved options, then the flags on top, then
 * the default date. Problems are named where they are: a flag, or a field of the file.
 */
export function resolveExportOptions(flags: ExportOptionsInput, saved: Record<string, unknown>, defaultDate: string, file: string): ExportOptions {
  // only the keys export understands; other saved keys (from a newer app) are ignored
  const known = Object.fromEntries(Object.entries(saved).filter(([k]) => k in ExportOptions.shape));
  const merged = { date: defaultDate, ...known, ...flags };
  const r = ExportOptions.safeParse(merged);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => {
    const key = String(i.path[0] ?? '');
    return key in flags ? `  ${FLAG_OF[key] ?? key}: ${i.message}` : `  ${file}: exportOptions.${formatPath(i.path)}: ${i.message}`;
  });
  throw new CliError(`the export options are not valid:\n${lines.join('\n')}`, 'fix the flag, or the saved option in the project file (a flag given on the command line overrides it)');
}
