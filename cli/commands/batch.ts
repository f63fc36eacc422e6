import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { exportDocx } from '../../core/export/docx';
import type { ProjectProfile } from '../../core/document/project';
import type { Library } from '../../core/library/library';
import { JurisdictionKind, PLACEHOLDER_KEYS, Slug, isPlaceholderKey, type Template } from '../../core/schema';
import { HELP_OPTION, LIBRARY_OPTION, closest, parse, str, type CommandSpec } from '../args';
import { CsvError, parseCsv, type CsvRecord } from '../csv';
import { EXPORT_FLAGS, flagOptions, resolveExportOptions } from '../export-flags';
import { CliError, EXIT, type Io } from '../io';
import { fsError, library, now, readText, resolvePath, writeOutput } from '../load';
import { Progress } from '../progress';
import { valuesOf } from '../coverage';
import { checkPreset, composeProject, findTemplate, parseChoices, saveProject } from './compose';

export const spec: CommandSpec = {
  name: 'batch',
  summary: 'one model bill per jurisdiction: compose and export every row of a CSV file',
  usage: ['batch PROFILES.csv --template ID [--preset ID] -o FOLDER [--format docx|json] [export options]'],
  description:
    'Each row of the CSV file is a jurisdiction profile. The first row names the columns: "id" (required; it names the output file, e.g. riverbend.docx), optionally "name", "kind" (city, county or state) and "description", and any placeholder keys (jurisdiction_full_name, governing_body, ...). An empty cell leaves that placeholder visible in the draft.\n\n' +
    'A row with a problem is reported with its line number and skipped; the others are still written. Quoted fields may hold commas, quotes ("") and line breaks, as spreadsheets write them.',
  options: {
    template: { type: 'string', short: 't', value: 'ID', help: 'the template every row is composed from' },
    preset: { type: 'string', short: 'p', value: 'ID', help: "the template's preset (default: the template's default preset)" },
    choose: { type: 'string', multiple: true, value: 'CLAUSE=VARIANT', help: 'use this variant of a clause (or "omit") in every row; repeat for more clauses' },
    output: { type: 'string', short: 'o', value: 'FOLDER', help: 'the folder to write into (made if missing)' },
    format: { type: 'string', value: 'FORMAT', choices: ['docx', 'json'], help: 'write Word documents (default) or project files (.ordinance.json)' },
    ...EXPORT_FLAGS,
    library: LIBRARY_OPTION,
    help: HELP_OPTION,
  },
  positionals: { min: 1, max: 1, name: 'a CSV file of profiles' },
  exit: '0  every row was written\n2  bad input: the CSV file, a flag, or at least one row (the other rows are written)',
  examples: [
    'ordwright batch cities.csv --template city-ordinance -o bills/',
    'ordwright batch counties.csv -t county-ordinance -p comprehensive --annotated -o model-bills/',
    'ordwright batch cities.csv -t city-ordinance --format json -o drafts/',
  ],
};

const META_COLUMNS = ['id', 'name', 'kind', 'description'] as const;

export interface Columns {
  names: string[];
  /** column index of each meta column */
  meta: Partial<Record<(typeof META_COLUMNS)[number], number>>;
}

/** Check the header row: every column known, none twice, an id column. */
export function readHeader(file: string, header: CsvRecord): Columns {
  if (header.error) throw new CliError(`${file}:${header.line}: the header row cannot be read: ${header.error}`);
  const names = header.fields.map((f) => f.trim());
  const meta: Columns['meta'] = {};
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const known = [...META_COLUMNS, ...PLACEHOLDER_KEYS];
  names.forEach((n, i) => {
    if (seen.has(n)) problems.push(`column ${i + 1} "${n}" repeats column ${seen.get(n)! + 1}`);
    seen.set(n, i);
    if ((META_COLUMNS as readonly string[]).includes(n)) meta[n as (typeof META_COLUMNS)[number]] = i;
    else if (n === '') problems.push(`column ${i + 1} has no name`);
    else if (!isPlaceholderKey(n)) {
      const guess = closest(n, known);
      problems.push(`column ${i + 1} "${n}" is neither a placeholder key nor id, name, kind or description${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
  });
  if (meta.id === undefined) problems.push('there is no "id" column (each row needs an id; it names the output file)');
  if (problems.length) {
    const semicolons = names.length === 1 && /;/.test(names[0]!);
    throw new CliError(
      `${file}:${header.line}: the header row has ${problems.length === 1 ? 'a problem' : 'problems'}:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      semicolons
        ? 'the file seems to use semicolons between fields; save it as comma-separated CSV'
        : `the first row names the columns: id, optionally name, kind, description, and placeholder keys (${PLACEHOLDER_KEYS.slice(0, 4).join(', ')}, ...; "ordwright batch --help")`,
    );
  }
  return { names, meta };
}

/** A row as a profile, or the reason it cannot be one. */
export function rowProfile(cols: Columns, row: CsvRecord, template: Template): ProjectProfile {
  if (row.error) throw new Error(row.error);
  if (row.fields.length !== cols.names.length) {
    throw new Error(`the row has ${row.fields.length} field${row.fields.length === 1 ? '' : 's'}, but the header has ${cols.names.length} columns (a comma inside a value needs the value in double quotes)`);
  }
  const cell = (i: number | undefined) => (i === undefined ? '' : row.fields[i]!.trim());
  const id = cell(cols.meta.id);
  if (!id) throw new Error('the row has no id');
  if (!Slug.safeParse(id).success) throw new Error(`id "${id}" must be lower-case words joined by hyphens, e.g. "riverbend" or "harlow-county"`);
  const kindText = cell(cols.meta.kind);
  const kind = kindText ? JurisdictionKind.safeParse(kindText.toLowerCase()) : null;
  if (kind && !kind.success) throw new Error(`kind "${kindText}" must be city, county or state`);
  const values: Record<string, string> = {};
  cols.names.forEach((n, i) => {
    if (isPlaceholderKey(n) && cell(i) !== '') values[n] = cell(i);
  });
  const description = cell(cols.meta.description);
  return {
    id,
    name: cell(cols.meta.name) || values.jurisdiction_full_name || id,
    kind: kind?.data ?? template.kind,
    ...(description ? { description } : {}),
    values,
  };
}

interface RowOutcome {
  line: number;
  id: string;
  file?: string;
  error?: string;
}

async function writeRow(
  io: Io,
  lib: Library,
  template: Template,
  presetId: string,
  choices: Record<string, string>,
  profile: ProjectProfile,
  out: string,
  format: 'docx' | 'json',
  exportOpts: ReturnType<typeof resolveExportOptions>,
  at: string,
  warn: (message: string) => void,
): Promise<string> {
  const { project, warnings } = composeProject(lib, template, presetId, profile, choices, at);
  for (const w of warnings) warn(w.message);
  const file = join(out, `${profile.id}.${format === 'json' ? 'ordinance.json' : 'docx'}`);
  if (format === 'json') await saveProject(file, resolvePath(io, file), project, false);
  else await writeOutput(io, file, await exportDocx({ doc: project.doc, values: valuesOf(profile), library: lib, options: exportOpts }));
  return file;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parse(spec, argv);
  const csvFile = args.positionals[0]!;
  const templateId = str(args, 'template');
  const out = str(args, 'output');
  const missing = [!templateId && '--template ID', !out && '-o FOLDER'].filter(Boolean);
  if (missing.length) throw new CliError(`"ordwright batch" needs ${missing.join(' and ')}`, `usage: ordwright ${spec.usage[0]}`);
  const format = (str(args, 'format') ?? 'docx') as 'docx' | 'json';
  const flags = flagOptions(args);
  const at = now();
  const exportOpts = resolveExportOptions(flags, {}, at.slice(0, 10), csvFile);
  const lib = library(io, str(args, 'library'));
  const template = findTemplate(lib, templateId!);
  const presetId = checkPreset(template, str(args, 'preset'));
  const choices = parseChoices(lib, (args.values.choose as string[] | undefined) ?? []);

  let records: CsvRecord[];
  try {
    records = parseCsv(readText(io, csvFile));
  } catch (e) {
    if (e instanceof CsvError) throw new CliError(`${csvFile}:${e.line}: ${e.message}`, 'the rest of the file cannot be read; close the quote, or double a quote that is part of the value ("")');
    throw e;
  }
  if (records.length === 0) throw new CliError(`${csvFile}: the file is empty`, 'the first row names the columns (id and placeholder keys), each further row is a jurisdiction');
  const cols = readHeader(csvFile, records[0]!);
  const rows = records.slice(1);
  if (rows.length === 0) throw new CliError(`${csvFile}: there is a header row but no jurisdictions`, 'add one row per jurisdiction below the header');

  try {
    await mkdir(resolvePath(io, out!), { recursive: true });
  } catch (e) {
    throw fsError(e, out!, 'write');
  }

  const progress = new Progress(io, rows.length);
  const outcomes: RowOutcome[] = [];
  const usedIds = new Map<string, number>();
  const warnings = new Map<string, number[]>();
  for (const row of rows) {
    const guessId = cols.meta.id !== undefined ? (row.fields[cols.meta.id] ?? '').trim() : '';
    const label = guessId || `line ${row.line}`;
    try {
      const profile = rowProfile(cols, row, template);
      const first = usedIds.get(profile.id);
      if (first !== undefined) throw new Error(`id "${profile.id}" is already used on line ${first}; each row needs its own id (it names the output file)`);
      usedIds.set(profile.id, row.line);
      const file = await writeRow(io, lib, template, presetId, choices, profile, out!, format, exportOpts, at, (m) => {
        (warnings.get(m) ?? warnings.set(m, []).get(m)!).push(row.line);
      });
      outcomes.push({ line: row.line, id: profile.id, file });
      progress.step(label, `${label}: wrote ${file}`);
    } catch (e) {
      const msg = e instanceof CliError ? e.message + (e.hint ? ` (${e.hint})` : '') : e instanceof Error ? e.message : String(e);
      outcomes.push({ line: row.line, id: guessId, error: msg });
      progress.note(`error: ${csvFile}:${row.line}${guessId ? ` (${guessId})` : ''}: ${msg}`);
      progress.step(label, `${label}: failed`);
    }
  }
  progress.finish();
  const failed = outcomes.filter((o) => o.error);
  const written = outcomes.length - failed.length;
  // the same warning for many rows (a column left empty everywhere) is said once
  for (const [message, lines] of warnings) {
    const which =
      lines.length === rows.length ? 'every row' : lines.length === written ? `every row written (${written})` : `${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')}`;
    io.err(`warning: ${which}: ${message}`);
  }
  io.out(`wrote ${written} of ${rows.length} ${format === 'json' ? 'project files' : 'Word documents'} to ${out}` + (failed.length ? `; ${failed.length} row${failed.length === 1 ? '' : 's'} failed (line${failed.length === 1 ? '' : 's'} ${failed.map((f) => f.line).join(', ')})` : ''));
  return failed.length ? EXIT.bad : EXIT.ok;
}
