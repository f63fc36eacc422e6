import { resolve } from 'node:path';
import { newProject } from '../../core/document/project';
import type { ImportResult } from '../../core/import/structure';
import type { JurisdictionKind } from '../../core/schema';
import { HELP_OPTION, LIBRARY_OPTION, parse, str, type CommandSpec } from '../args';
import { CliError, EXIT, type Io } from '../io';
import { guessKind, importFile, importedProfile, inputKind, library, now, resolvePath } from '../load';
import { saveProject } from './compose';

export const spec: CommandSpec = {
  name: 'import',
  summary: 'import an enacted ordinance (.docx, .txt, .md) as a project file',
  usage: ['import ENACTED.docx|.txt|.md [-o ENACTED.ordinance.json] [--kind city|county|state] [--name NAME]'],
  description:
    'Recovers the structure of an ordinance from its text: title, caption, recitals, enacting clause, sections with their own numbers, nested provisions, definitions and the adoption block. What cannot be classified is kept as plain text, never dropped; the notices say where. Underlined and struck text in a Word file become insertions and deletions.\n\n' +
    '"ordwright check" reads these files directly; import when you want to open the ordinance in the app or keep it as a project.',
  options: {
    output: { type: 'string', short: 'o', value: 'FILE', help: "where to write the project (default: the file's name with .ordinance.json)" },
    kind: { type: 'string', value: 'KIND', choices: ['city', 'county', 'state'], help: 'the kind of jurisdiction that enacted it (default: guessed from the title)' },
    name: { type: 'string', value: 'NAME', help: 'the jurisdiction\'s name for the profile (default: the file name)' },
    library: LIBRARY_OPTION,
    help: HELP_OPTION,
  },
  positionals: { min: 1, max: 1, name: 'the file to import (.docx, .txt or .md)' },
  examples: ['ordwright import enacted.docx -o enacted.ordinance.json', 'ordwright import chapter-2-173.txt --kind city --name "City of Chicago"'],
};

/** The import's statistics and notices, as lines. */
export function importSummary(shown: string, r: ImportResult): string {
  const s = r.stats;
  return `${shown}: ${s.sections} sections, ${s.provisions} provisions, ${s.recitals} recitals, ${s.definitions} definitions, ${s.unclassified} unclassified paragraphs`;
}

export function noticeLines(shown: string, r: ImportResult): string[] {
  return r.notices.map((n) => `${n.kind === 'info' ? 'note' : 'notice'}: ${shown}${n.line !== undefined ? `:${n.line}` : ''}: ${n.message}`);
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parse(spec, argv);
  const input = args.positionals[0]!;
  const kind = inputKind(input);
  if (kind === 'project') throw new CliError(`${input}: is already a project file`, 'import reads .docx, .txt and .md files; "ordwright check" and "ordwright export" read project files directly');
  const output = str(args, 'output') ?? input.replace(/\.(docx|txt|text|md|markdown)$/i, '') + '.ordinance.json';
  if (!/\.json$/i.test(output)) throw new CliError(`-o ${output}: import writes a project file, whose name ends in .ordinance.json`, 'e.g. -o enacted.ordinance.json');
  if (resolve(resolvePath(io, output)) === resolve(resolvePath(io, input))) throw new CliError(`-o ${output}: would overwrite the file being imported`);
  const lib = library(io, str(args, 'library'));
  const r = await importFile(io, input, kind);
  const jk = (str(args, 'kind') as JurisdictionKind | undefined) ?? guessKind(r.doc);
  const project = newProject({
    doc: r.doc,
    profile: importedProfile(input, jk, str(args, 'name')),
    template: null,
    preset: null,
    libraryVersion: lib.info.version,
    now: now(),
  });
  for (const l of noticeLines(input, r)) io.err(l);
  await saveProject(output, resolvePath(io, output), project);
  io.out(importSummary(input, r));
  io.out(`wrote ${output} (a ${jk} ordinance${r.notices.length ? `; ${r.notices.length} notice${r.notices.length === 1 ? '' : 's'} above` : ''})`);
  return EXIT.ok;
}
