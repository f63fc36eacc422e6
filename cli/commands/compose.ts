import type { Node as PMNode } from 'prosemirror-model';
import { compose, type ComposeWarning } from '../../core/document/compose';
import { newProject, type Project, type ProjectProfile } from '../../core/document/project';
import type { Library } from '../../core/library/library';
import type { Template } from '../../core/schema';
import { writeProjectFile, ProjectFileError } from '../../core/node/project-files';
import { HELP_OPTION, LIBRARY_OPTION, closest, parse, str, type CommandSpec } from '../args';
import { CliError, EXIT, type Io } from '../io';
import { fsError, library, now, profileArg, resolvePath } from '../load';
import { readingTitle } from '../coverage';

export const spec: CommandSpec = {
  name: 'compose',
  summary: 'compose a draft ordinance from a template and a jurisdiction profile',
  usage: ['compose --template ID [--preset ID] --profile FILE|ID -o DRAFT.ordinance.json'],
  description:
    'Builds the ordinance from the clause library: the template\'s clauses, in the variants its preset chooses, with the profile\'s names, offices and dates. The result is a project file the app opens and the other commands read. Warnings (a clause added because another requires it, a placeholder the profile leaves empty, ...) are printed; they do not stop the draft.\n\n' +
    '--profile takes the path of a profile YAML file (see seeds/profiles/ for the shape) or the id of a sample profile.',
  options: {
    template: { type: 'string', short: 't', value: 'ID', help: 'the template: its id, the file name in seeds/templates without .yaml' },
    preset: { type: 'string', short: 'p', value: 'ID', help: "the template's preset (default: the template's default preset)" },
    profile: { type: 'string', value: 'FILE|ID', help: 'the jurisdiction profile: a YAML file, or the id of a sample profile' },
    choose: {
      type: 'string',
      multiple: true,
      value: 'CLAUSE=VARIANT',
      help: 'use this variant of a clause (or "omit" to leave it out); repeat for more clauses; a clause the template lacks is added',
    },
    output: { type: 'string', short: 'o', value: 'FILE', help: 'where to write the draft (.ordinance.json)' },
    library: LIBRARY_OPTION,
    help: HELP_OPTION,
  },
  positionals: { min: 0, max: 0, name: '' },
  examples: [
    'ordwright compose --template city-ordinance --profile riverbend -o riverbend.ordinance.json',
    'ordwright compose -t county-ordinance -p comprehensive --profile my-county.yaml -o draft.ordinance.json',
  ],
};

/** The template by id, or an error listing the templates there are. */
export function findTemplate(lib: Library, id: string): Template {
  const t = lib.templateById.get(id);
  if (t) return t;
  const ids = [...lib.templateById.keys()];
  const guess = closest(id, ids);
  throw new CliError(
    `no template "${id}" in the clause library`,
    ids.length ? `templates: ${ids.join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}` : 'the library has no templates yet (seeds/templates/ is empty)',
  );
}

export function checkPreset(t: Template, preset: string | undefined): string {
  const id = preset ?? t.defaultPreset;
  if (t.presets.some((p) => p.id === id)) return id;
  const ids = t.presets.map((p) => p.id);
  const guess = closest(id, ids);
  throw new CliError(`template "${t.id}" has no preset "${id}"`, `its presets: ${ids.join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`);
}

/** --choose clause=variant pairs, checked against the library. */
export function parseChoices(lib: Library, list: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const m = /^([a-z0-9-]+)=([a-z0-9-]+)$/.exec(item);
    if (!m) throw new CliError(`--choose ${item}: expected CLAUSE=VARIANT, e.g. --choose alpr-retention=strong`);
    const [, clauseId, variant] = m as unknown as [string, string, string];
    const clause = lib.clauseById.get(clauseId);
    if (!clause) {
      const guess = closest(clauseId, lib.clauseById.keys());
      throw new CliError(`--choose ${item}: no clause "${clauseId}" in the library`, guess ? `did you mean "${guess}"? ("ordwright library" lists the clauses)` : '"ordwright library" lists the clauses');
    }
    if (variant !== 'omit' && !clause.variants.some((v) => v.id === variant)) {
      throw new CliError(`--choose ${item}: clause "${clauseId}" has no variant "${variant}"`, `its variants: ${clause.variants.map((v) => v.id).join(', ')}, or "omit"`);
    }
    out[clauseId] = variant;
  }
  return out;
}

export interface ComposedDraft {
  project: Project;
  warnings: ComposeWarning[];
}

/** Compose and wrap in a project; compose's own errors (conflicting clauses, ...) become CliErrors. */
export function composeProject(lib: Library, template: Template, presetId: string, profile: ProjectProfile, choices: Record<string, string>, at: string): ComposedDraft {
  let doc: PMNode;
  let warnings: ComposeWarning[];
  try {
    ({ doc, warnings } = compose({ template, presetId, profile, choices, library: lib }));
  } catch (e) {
    throw new CliError(`could not compose template "${template.id}" (preset "${presetId}"): ${e instanceof Error ? e.message : String(e)}`);
  }
  const project = newProject({ doc, profile, title: readingTitle(doc, profile), template: template.id, preset: presetId, libraryVersion: lib.info.version, now: at });
  return { project, warnings };
}

export function countSections(doc: PMNode): { sections: number; recitals: number } {
  let sections = 0;
  let recitals = 0;
  doc.forEach((n) => {
    if (n.type.name === 'section') sections++;
    else if (n.type.name === 'recital') recitals++;
  });
  return { sections, recitals };
}

export async function saveProject(shown: string, abs: string, project: Project, backup = true): Promise<void> {
  try {
    await writeProjectFile(abs, project, { backup });
  } catch (e) {
    if (e instanceof ProjectFileError) {
      if (e.code === 'EINVALID') throw new CliError(`${shown}: ${e.message}`);
      throw fsError(e.cause ?? e, shown, 'write');
    }
    throw e;
  }
}

export function profileForProject(p: { id: string; name: string; kind: ProjectProfile['kind']; description?: string; values: Record<string, string> }): ProjectProfile {
  return { id: p.id, name: p.name, kind: p.kind, ...(p.description ? { description: p.description } : {}), values: { ...p.values } };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parse(spec, argv);
  const templateId = str(args, 'template');
  const profile = str(args, 'profile');
  const output = str(args, 'output');
  const missing = [!templateId && '--template ID', !profile && '--profile FILE|ID', !output && '-o FILE'].filter(Boolean);
  if (missing.length) throw new CliError(`"ordwright compose" needs ${missing.join(', ')}`, `usage: ordwright ${spec.usage[0]}`);
  if (!/\.json$/i.test(output!)) {
    throw new CliError(`-o ${output}: compose writes a project file, whose name ends in .ordinance.json`, `write the draft with -o draft.ordinance.json, then "ordwright export draft.ordinance.json -o draft.docx" for a Word file`);
  }
  const lib = library(io, str(args, 'library'));
  const template = findTemplate(lib, templateId!);
  const presetId = checkPreset(template, str(args, 'preset'));
  const prof = profileArg(io, lib, profile!);
  const choices = parseChoices(lib, (args.values.choose as string[] | undefined) ?? []);
  const { project, warnings } = composeProject(lib, template, presetId, profileForProject(prof), choices, now());
  for (const w of warnings) io.err(`warning: ${w.message}`);
  await saveProject(output!, resolvePath(io, output!), project);
  const c = countSections(project.doc);
  io.out(
    `wrote ${output}: ${c.sections} sections, ${c.recitals} recitals (template ${template.id}, preset ${presetId}, profile ${prof.id}, library ${lib.info.version})` +
      (warnings.length ? `; ${warnings.length} warning${warnings.length === 1 ? '' : 's'} above` : ''),
  );
  return EXIT.ok;
}
