import { DisplayName } from '../../core/host';
import { ExportOptions } from '../../core/export/options';

/**
 * The export dialog's model: what the drafter chooses (the form), the checks through
 * core's ExportOptions schema (messages by field), the file name suggestions, and what
 * is remembered in the project's `exportOptions`.
 *
 * The project file keeps exactly the keys of ExportOptions (the CLI reads the same
 * ones), except `date`: "today" is not stored, so a draft exported tomorrow carries
 * tomorrow's date; a date the drafter picked stays.
 */

/** What to export: the ordinance in one of its three modes, or the coverage report. */
export type ExportKind = 'clean' | 'annotated' | 'redline' | 'report';
export type OrdinanceMode = ExportOptions['mode'];

export const KINDS: readonly { kind: ExportKind; label: string; description: string; suffix: string; noun: string }[] = [
  { kind: 'clean', label: 'The ordinance', description: 'Clean text to file with the clerk.', suffix: '', noun: 'ordinance' },
  {
    kind: 'annotated',
    label: 'Annotated model bill',
    description: 'Each section followed by its commentary and sources; drafting notes as Word comments.',
    suffix: ' - annotated',
    noun: 'annotated model bill',
  },
  {
    kind: 'redline',
    label: 'Redline against the library',
    description: 'Your changes to library clauses as tracked changes a reviewer can accept or reject.',
    suffix: ' - redline',
    noun: 'redline',
  },
  {
    kind: 'report',
    label: 'Coverage report',
    description: 'The routes closed and open, with the sections that close them and the checks’ findings.',
    suffix: ' - coverage report',
    noun: 'coverage report',
  },
];

/** The form as the dialog holds it: text fields as typed, so a bad entry can be shown and fixed. */
export interface ExportForm {
  kind: ExportKind;
  /** The ordinance mode last chosen: kept while the report is selected, so it is remembered. */
  mode: OrdinanceMode;
  fileName: string;
  paper: ExportOptions['paper'];
  font: string;
  fontSize: string;
  lineNumbers: ExportOptions['lineNumbers'];
  spacing: ExportOptions['spacing'];
  toc: boolean;
  placeholders: ExportOptions['placeholders'];
  definedTerms: ExportOptions['definedTerms'];
  draft: boolean;
  date: string;
  author: string;
}

export type FormField = Exclude<keyof ExportForm, 'kind' | 'mode'>;
export type FieldErrors = Partial<Record<FormField, string>>;

/** Common fonts for legislation, offered as suggestions (any installed font may be typed). */
export const FONT_SUGGESTIONS = ['Times New Roman', 'Book Antiqua', 'Cambria', 'Century Schoolbook', 'Garamond', 'Georgia', 'Arial', 'Calibri'];

/** Today as YYYY-MM-DD, in local time: the default date of the DRAFT stamp. */
export function today(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

const KEYS = Object.keys(ExportOptions.shape) as (keyof ExportOptions)[];

/** The saved keys that export understands (a newer app may have saved others). */
function known(saved: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(saved).filter(([k]) => (KEYS as string[]).includes(k)));
}

/** "Council draft.ordinance.json" -> "Council draft"; characters no file system takes become "-". */
export function fileStem(projectName: string): string {
  const printable = [...projectName].map((c) => (c.charCodeAt(0) < 0x20 ? ' ' : c)).join('');
  const stem = printable
    .replace(/\.(ordinance\.json|json|docx|txt|text|md|markdown)$/i, '')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return stem || 'Ordinance';
}

/** "City of Riverbend ordinance" + annotated -> "City of Riverbend ordinance - annotated.docx" */
export function suggestedFileName(projectName: string, kind: ExportKind): string {
  const suffix = KINDS.find((k) => k.kind === kind)?.suffix ?? '';
  return `${fileStem(projectName)}${suffix}.docx`;
}

/** The file name as handed to the host: ".docx" added when missing. */
export function docxName(fileName: string): string {
  const t = fileName.trim();
  return /\.docx$/i.test(t) ? t : `${t}.docx`;
}

export interface InitialForm {
  form: ExportForm;
  /** Saved options that could not be shown as they were (a value this version does not offer), reset to the default. */
  reset: string[];
}

/**
 * The dialog's first values: the project's saved options over the defaults, the date
 * today unless one was saved. A saved value of the wrong kind is reset (and named); a
 * value of the right kind but out of range (a size of 99) is shown, with its message.
 */
export function initialForm(saved: Record<string, unknown>, projectName: string, date: string = today()): InitialForm {
  const d = ExportOptions.parse({ date });
  const s = known(saved);
  const reset: string[] = [];
  function pick<K extends keyof ExportOptions>(key: K, ok: (v: unknown) => boolean): ExportOptions[K] {
    if (!(key in s)) return d[key];
    if (ok(s[key])) return s[key] as ExportOptions[K];
    reset.push(key);
    return d[key];
  }
  const oneOf = (values: readonly string[]) => (v: unknown) => typeof v === 'string' && values.includes(v);
  const str = (v: unknown) => typeof v === 'string';
  const mode = pick('mode', oneOf(['clean', 'annotated', 'redline']));
  const fontSize = pick('fontSize', (v) => typeof v === 'number' && Number.isFinite(v));
  return {
    form: {
      kind: mode,
      mode,
      fileName: suggestedFileName(projectName, mode),
      paper: pick('paper', oneOf(['letter', 'a4'])),
      font: pick('font', str),
      fontSize: String(fontSize),
      lineNumbers: pick('lineNumbers', oneOf(['none', 'page', 'continuous'])),
      spacing: pick('spacing', oneOf(['single', 'double'])),
      toc: pick('toc', (v) => typeof v === 'boolean'),
      placeholders: pick('placeholders', oneOf(['highlight', 'replace'])),
      definedTerms: pick('definedTerms', oneOf(['plain', 'bold'])),
      draft: pick('draft', (v) => typeof v === 'boolean'),
      date: pick('date', str),
      author: pick('author', str),
    },
    reset,
  };
}

/** The options the form stands for (not yet checked). */
function optionsInput(form: ExportForm): Record<string, unknown> {
  return {
    mode: form.kind === 'report' ? form.mode : form.kind,
    paper: form.paper,
    font: form.font.trim(),
    fontSize: form.fontSize.trim() === '' ? Number.NaN : Number(form.fontSize),
    lineNumbers: form.lineNumbers,
    spacing: form.spacing,
    toc: form.toc,
    placeholders: form.placeholders,
    definedTerms: form.definedTerms,
    draft: form.draft,
    date: form.date.trim(),
    author: form.author.trim(),
  };
}

type ParseResult = ReturnType<typeof ExportOptions.safeParse>;
type Issue = Extract<ParseResult, { success: false }>['error']['issues'][number];

/** A schema issue in words for the person at the field. */
function issueMessage(field: FormField, issue: Issue): string {
  const i = issue as Issue & { minimum?: number | bigint; maximum?: number | bigint; received?: unknown };
  switch (field) {
    case 'fontSize':
      if (i.code === 'too_small') return `At least ${i.minimum} points.`;
      if (i.code === 'too_big') return `At most ${i.maximum} points.`;
      return 'Enter the size in points (12, say).';
    case 'font':
      if (i.code === 'too_small') return 'Enter a font name (Times New Roman, say).';
      if (i.code === 'too_big') return `At most ${i.maximum} characters.`;
      break;
    case 'author':
      if (i.code === 'too_small') return 'Enter the name tracked changes and comments carry.';
      if (i.code === 'too_big') return `At most ${i.maximum} characters.`;
      break;
    case 'date':
      return 'Enter a date (YYYY-MM-DD).';
  }
  const m = i.message;
  return m ? m[0]!.toUpperCase() + m.slice(1) + (m.endsWith('.') ? '' : '.') : 'Not a valid value.';
}

export interface Checked {
  /** The options to export with, when every field is valid. */
  options: ExportOptions | null;
  errors: FieldErrors;
}

/** Check the form through core's ExportOptions schema (and the host's rule for file names). */
export function checkForm(form: ExportForm): Checked {
  const errors: FieldErrors = {};
  const r = ExportOptions.safeParse(optionsInput(form));
  if (!r.success) {
    for (const issue of r.error.issues) {
      const key = String(issue.path[0] ?? '') as FormField;
      if (!errors[key]) errors[key] = issueMessage(key, issue);
    }
  }
  // docx stores sizes in half points: 11.5 is a size Word has, 11.3 is not
  if (r.success && !Number.isInteger(r.data.fontSize * 2)) errors.fontSize = 'Use whole or half points (11 or 11.5).';
  if (!form.fileName.trim() || /^\.docx$/i.test(form.fileName.trim())) errors.fileName = 'Enter a file name.';
  else if (/[\\/]/.test(form.fileName)) errors.fileName = 'A file name, without folders (no / or \\).';
  else {
    const n = DisplayName.safeParse(docxName(form.fileName));
    if (!n.success) errors.fileName = `The file name ${n.error.issues[0]?.message ?? 'is not valid'}.`;
  }
  return { options: r.success && Object.keys(errors).length === 0 ? r.data : null, errors };
}

/** The options as the project compares them: the saved keys over the defaults, dated today unless a date was saved. */
function effective(saved: Record<string, unknown>, date: string): Record<string, unknown> {
  const r = ExportOptions.safeParse({ date, ...known(saved) });
  return r.success ? r.data : known(saved);
}

function sameOptions(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is(a[k], b[k]));
}

/**
 * The project's exportOptions after an export with `chosen`: every option the dialog
 * shows, the ordinance mode unless the report was exported, the date only when it is
 * not today's. When nothing changes in effect, `saved` itself (the same object), so an
 * export with the options as they were leaves the project unchanged (not "unsaved").
 */
export function rememberedOptions(saved: Record<string, unknown>, chosen: ExportOptions, kind: ExportKind, date: string = today()): Record<string, unknown> {
  const next: Record<string, unknown> = { ...saved };
  for (const k of KEYS) {
    if (k === 'mode' && kind === 'report') continue;
    next[k] = chosen[k];
  }
  if (next.date === date) delete next.date;
  const sameUnknown = Object.keys(saved).every((k) => (KEYS as string[]).includes(k) || Object.is(saved[k], next[k]));
  return sameUnknown && sameOptions(effective(saved, date), effective(next, date)) ? saved : next;
}
