import { resolve } from 'node:path';
import { exportDocx } from '../../core/export/docx';
import { HELP_OPTION, LIBRARY_OPTION, flag, parse, str, type CommandSpec } from '../args';
import { EXPORT_FLAGS, flagOptions, resolveExportOptions } from '../export-flags';
import { CliError, EXIT, type Io } from '../io';
import { library, loadOrdinance, now, resolvePath, writeOutput } from '../load';
import { reportDocx } from '../report';
import { readingTitle, valuesOf } from '../coverage';

export const spec: CommandSpec = {
  name: 'export',
  summary: 'export a draft to a Word document (.docx)',
  usage: ['export DRAFT.ordinance.json [-o DRAFT.docx] [options]'],
  description:
    'Writes the ordinance as a .docx a clerk can file: computed section numbers, cross-references as labels, placeholders filled from the profile (unfilled ones stay visible and highlighted), the header and page numbers. The same project with the same options gives the same bytes.\n\n' +
    'Options saved in the project (File > Export in the app) apply unless a flag overrides them. An enacted ordinance (.docx, .txt, .md) is imported first and exported as it reads.',
  options: {
    output: { type: 'string', short: 'o', value: 'FILE', help: 'the Word file to write (default: the draft\'s name with .docx)' },
    ...EXPORT_FLAGS,
    report: { type: 'boolean', help: 'write the coverage report (routes, elements, suggestions, lint findings) as a .docx instead of the ordinance' },
    library: LIBRARY_OPTION,
    help: HELP_OPTION,
  },
  positionals: { min: 1, max: 1, name: 'a draft (.ordinance.json)' },
  examples: [
    'ordwright export riverbend.ordinance.json -o riverbend.docx',
    'ordwright export riverbend.ordinance.json --annotated --toc -o riverbend-model-bill.docx',
    'ordwright export riverbend.ordinance.json --redline --author "Data Justice Coalition" -o changes.docx',
    'ordwright export riverbend.ordinance.json --line-numbers page --double --no-draft --date 2027-01-15',
  ],
};

/** draft.ordinance.json -> draft.docx (or draft.report.docx) */
export function defaultOutput(input: string, suffix = ''): string {
  return input.replace(/(\.ordinance)?\.(json|docx|txt|text|md|markdown)$/i, '') + `${suffix}.docx`;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parse(spec, argv);
  const input = args.positionals[0]!;
  const report = flag(args, 'report');
  const flags = flagOptions(args);
  if (report && flags.mode) throw new CliError(`--report cannot be combined with --${flags.mode}`, 'the coverage report is its own document; export the ordinance and the report in two runs');
  const output = str(args, 'output') ?? defaultOutput(input, report ? '.report' : '');
  if (!/\.docx$/i.test(output)) throw new CliError(`-o ${output}: export writes Word documents, whose name ends in .docx`, 'e.g. -o draft.docx');
  if (resolve(resolvePath(io, output)) === resolve(resolvePath(io, input))) {
    throw new CliError(`-o ${output}: would overwrite the file being exported`, 'write the export to another file with -o');
  }
  const lib = library(io, str(args, 'library'));
  const loaded = await loadOrdinance(io, input, lib);
  const saved = loaded.project?.exportOptions ?? {};
  const date = (loaded.project?.metadata.modifiedAt ?? now()).slice(0, 10);
  const options = resolveExportOptions(flags, saved, date, input);
  const values = valuesOf(loaded.profile);
  const bytes = report
    ? await reportDocx({ doc: loaded.doc, library: lib, profile: loaded.profile, title: readingTitle(loaded.doc, loaded.profile) || loaded.project?.metadata.title || input, options })
    : await exportDocx({ doc: loaded.doc, values, library: lib, options });
  await writeOutput(io, output, bytes);
  const what = report ? 'coverage report' : options.mode === 'clean' ? 'ordinance' : `${options.mode} ordinance`;
  io.out(`wrote ${output}: ${what}, ${(bytes.length / 1024).toFixed(1)} KB, dated ${options.date}`);
  return EXIT.ok;
}
