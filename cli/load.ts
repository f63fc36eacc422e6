import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import type { Node as PMNode } from 'prosemirror-model';
import { DataError, formatIssue, parseYamlFile, type DataIssue } from '../core/library/parse';
import type { Library } from '../core/library/library';
import { loadLibrary, PROJECT_ROOT } from '../core/node/library';
import { ProjectFileError, readProjectFile } from '../core/node/project-files';
import { atomicWrite } from '../core/node/atomic-write';
import { formatProjectIssue, type Project, type ProjectIssue, type ProjectProfile } from '../core/document/project';
import { importDocx } from '../core/import/docx';
import { ImportError, importText } from '../core/import/text';
import type { ImportResult } from '../core/import/structure';
import { Profile, type JurisdictionKind } from '../core/schema';
import { closest } from './args';
import { CliError, type Io } from './io';

/** A path as the user gave it, resolved against the working directory. */
export function resolvePath(io: Io, p: string): string {
  return isAbsolute(p) ? p : resolve(io.cwd, p);
}

function errCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

/** A file system error in words, naming the file. */
export function fsError(e: unknown, shown: string, op: 'read' | 'write'): CliError {
  switch (errCode(e)) {
    case 'ENOENT':
      return op === 'read'
        ? new CliError(`${shown}: no such file`, 'check the name and the folder (paths are relative to the current folder)')
        : new CliError(`${shown}: the folder does not exist`, 'create the folder first, or write somewhere else with -o');
    case 'EISDIR':
      return new CliError(`${shown}: is a folder, not a file`, op === 'read' ? 'give the path of a file inside it' : 'give a file name with -o');
    case 'EACCES':
    case 'EPERM':
      return new CliError(`${shown}: permission denied`, `check that you may ${op} this file and its folder`);
    case 'EROFS':
      return new CliError(`${shown}: the disk or folder is read-only`, 'write somewhere else with -o');
    case 'ENOSPC':
    case 'EDQUOT':
      return new CliError(`${shown}: the disk is full`, 'free some space and try again; nothing was overwritten');
    default:
      return new CliError(`${shown}: could not ${op} the file (${errCode(e) || (e instanceof Error ? e.message : String(e))})`);
  }
}

export function readBytes(io: Io, shown: string): Uint8Array {
  const abs = resolvePath(io, shown);
  try {
    if (statSync(abs).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return readFileSync(abs);
  } catch (e) {
    throw fsError(e, shown, 'read');
  }
}

export function readText(io: Io, shown: string): string {
  const bytes = readBytes(io, shown);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${shown}: is not UTF-8 text`, 'save it as UTF-8 text (in a spreadsheet or editor: "Save as", encoding UTF-8)');
  }
}

/** Write a file atomically: the old file, if any, stays whole until the new one is complete. */
export async function writeOutput(io: Io, shown: string, data: string | Uint8Array): Promise<void> {
  try {
    await atomicWrite(resolvePath(io, shown), data);
  } catch (e) {
    throw fsError(e, shown, 'write');
  }
}

/** The library, or a CliError listing every problem in it with file and field. */
export function library(io: Io, dir: string | undefined): Library {
  const root = dir ? resolvePath(io, dir) : PROJECT_ROOT;
  if (dir && !existsSync(resolve(root, 'clauses', '_library.yaml'))) {
    throw new CliError(`${dir}: is not a clause library (there is no clauses/_library.yaml in it)`, 'give the folder that holds clauses/ and seeds/');
  }
  try {
    return loadLibrary(root);
  } catch (e) {
    if (e instanceof DataError) {
      const shown = e.issues.slice(0, 20).map((i) => `  ${formatIssue(i)}`);
      const more = e.issues.length > 20 ? [`  ... and ${e.issues.length - 20} more`] : [];
      throw new CliError(`the clause library has ${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}:\n${[...shown, ...more].join('\n')}`, 'fix the YAML files named above (paths are relative to the library folder)');
    }
    throw fsError(e, dir ?? 'the clause library', 'read');
  }
}

// ---------------------------------------------------------------------------------
// Profiles

/** Zod issues of a profile, with the 23 "missing value" issues folded into one line. */
function profileIssues(issues: DataIssue[]): DataIssue[] {
  const missing = issues.filter((i) => /^values\.[a-z_]+$/.test(i.field) && /received undefined/.test(i.message));
  const rest = issues.filter((i) => !missing.includes(i));
  if (missing.length === 0) return rest;
  const keys = missing.map((i) => i.field.slice('values.'.length));
  return [
    ...rest,
    { file: missing[0]!.file, field: 'values', message: `missing ${keys.length === 1 ? 'the key' : `${keys.length} keys`}: ${keys.join(', ')} (write "" for a value not known yet: it stays a visible placeholder)` },
  ];
}

/** Whether the argument names a file rather than a sample profile id. */
function looksLikePath(arg: string): boolean {
  return /[\\/]/.test(arg) || /\.(ya?ml|json)$/i.test(arg);
}

/** A profile from a YAML file, or a sample profile of the library by id. */
export function profileArg(io: Io, lib: Library, arg: string): Profile {
  if (!looksLikePath(arg) && !existsSync(resolvePath(io, arg))) {
    const sample = lib.profileById.get(arg);
    if (sample) return sample;
    const ids = [...lib.profileById.keys()];
    const guess = closest(arg, ids);
    throw new CliError(
      `--profile ${arg}: no such file, and no sample profile has that id`,
      `give the path of a profile YAML file, or one of the sample profiles: ${ids.join(', ') || '(none)'}${guess ? ` (did you mean "${guess}"?)` : ''}`,
    );
  }
  const text = readText(io, arg);
  const r = parseYamlFile(arg, text, Profile);
  if (!r.ok) {
    const issues = profileIssues(r.issues);
    throw new CliError(
      `${arg}: not a valid profile:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`,
      'a profile has id (lower-case words joined by hyphens), name, kind (city, county or state) and values (one per placeholder key); see seeds/profiles/ for examples',
    );
  }
  return r.value;
}

// ---------------------------------------------------------------------------------
// Ordinances: a project file, or an enacted ordinance to import

export type InputKind = 'project' | 'docx' | 'text' | 'markdown';

export function inputKind(path: string): InputKind {
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'project';
  if (ext === '.docx') return 'docx';
  if (ext === '.txt' || ext === '.text') return 'text';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  throw new CliError(
    `${path}: Ordwright cannot tell what kind of file this is from its name`,
    'give a project file (.ordinance.json), a Word document (.docx), plain text (.txt) or Markdown (.md)',
  );
}

function issueLines(issues: ProjectIssue[]): string {
  const shown = issues.slice(0, 12).map((i) => `  ${formatProjectIssue(i)}`);
  if (issues.length > 12) shown.push(`  ... and ${issues.length - 12} more`);
  return shown.join('\n');
}

/** Read a project file; every problem named by its place in the file. */
export async function readProject(io: Io, shown: string, lib: Library): Promise<{ project: Project; warnings: ProjectIssue[] }> {
  try {
    return await readProjectFile(resolvePath(io, shown), { library: lib });
  } catch (e) {
    if (e instanceof ProjectFileError) {
      if (e.code === 'EINVALID') {
        throw new CliError(
          `${shown}: not a valid Ordwright project:\n${issueLines(e.issues)}`,
          'the file was not changed; fix the place named above (positions are JSON paths, or line and column), or make a new draft with "ordwright compose"',
        );
      }
      throw fsError(e.cause ?? e, shown, 'read');
    }
    throw e;
  }
}


/** Import an enacted ordinance (.docx, .txt, .md). */
export async function importFile(io: Io, shown: string, kind: Exclude<InputKind, 'project'>): Promise<ImportResult> {
  try {
    if (kind === 'docx') return await importDocx(readBytes(io, shown));
    return importText(readText(io, shown), { markdown: kind === 'markdown' });
  } catch (e) {
    if (e instanceof ImportError) {
      const hint =
        e.code === 'not-docx' && kind === 'docx'
          ? 'if it is plain text, rename it to .txt; if it is a Word 97-2003 .doc, save it as .docx in Word'
          : e.code === 'empty'
            ? 'check that you gave the right file'
            : undefined;
      throw new CliError(`${shown}: ${e.message}`, hint);
    }
    throw e;
  }
}

/** Words in a title that say what kind of jurisdiction enacted it. */
export function guessKind(doc: PMNode): JurisdictionKind {
  const head = [doc.child(0).textContent, doc.childCount > 1 ? doc.child(1).textContent : ''].join(' ');
  if (/\bcounty\b|board of supervisors|county commission/i.test(head)) return 'county';
  if (/\bstate\b|general assembly|legislature|\bbill\b|\bact\b/i.test(head) && !/\bcity\b|\btown\b|\bvillage\b/i.test(head)) return 'state';
  return 'city';
}

/** A profile for an imported ordinance: the enacted text carries its own names, so no values. */
export function importedProfile(shown: string, kind: JurisdictionKind, name?: string): ProjectProfile {
  const base = basename(shown).replace(/\.(ordinance\.json|docx|txt|text|md|markdown)$/i, '');
  const id = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'imported';
  return { id, name: name ?? base, kind, values: {} };
}

export interface LoadedOrdinance {
  kind: InputKind;
  doc: PMNode;
  profile: ProjectProfile | null;
  project?: Project;
  imported?: ImportResult;
}

/** Any ordinance the CLI reads: a project, or an imported enacted text. Warnings go to stderr. */
export async function loadOrdinance(io: Io, shown: string, lib: Library): Promise<LoadedOrdinance> {
  const kind = inputKind(shown);
  if (kind === 'project') {
    const { project, warnings } = await readProject(io, shown, lib);
    for (const w of warnings) io.err(`warning: ${shown}: ${formatProjectIssue(w)}`);
    return { kind, doc: project.doc, profile: project.profile, project };
  }
  const imported = await importFile(io, shown, kind);
  return { kind, doc: imported.doc, profile: null, imported };
}

/** "Now", or SOURCE_DATE_EPOCH (seconds) when set, so builds that need identical files get them. */
export function now(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}
