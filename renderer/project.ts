import type { Node as PMNode } from 'prosemirror-model';
import { formatProjectIssue, newProject, parseProject, serializeProject, updateProject, type Project, type ProjectProfile } from '../core/document/project';
import { blankOrdinance } from './editor/blank';

/**
 * The renderer's side of project files: a new project, the text to save, and reading a
 * project's text back. The format itself (checks, migrations, issues with JSON paths)
 * is core/document/project.ts.
 */

/** The profile of a new project until the drafter picks a jurisdiction: every value unfilled. */
export const UNTITLED_PROFILE: ProjectProfile = { id: 'untitled', name: 'Untitled jurisdiction', kind: 'city', values: {} };

/** A blank ordinance (no template); `libraryVersion` is the bundled clause library's, when it could be read. */
export function blankProject(now?: string, libraryVersion = ''): Project {
  return newProject({ doc: blankOrdinance(), profile: UNTITLED_PROFILE, template: null, preset: null, libraryVersion, title: '', now });
}

/** The text to save: the project with the editor's document and a new modification time. */
export function projectText(project: Project, doc: PMNode): { project: Project; text: string } {
  const updated = updateProject(project, doc);
  return { project: updated, text: serializeProject(updated) };
}

export class ProjectReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectReadError';
  }
}

/** Read a project's text; throws ProjectReadError naming the file, each place in it and the reason. */
export function readProject(text: string, where: string): { project: Project; warnings: string[] } {
  const r = parseProject(text);
  if (!r.ok) {
    const issues = r.error.issues.slice(0, 8).map(formatProjectIssue);
    const more = r.error.issues.length > 8 ? `\n…and ${r.error.issues.length - 8} more` : '';
    throw new ProjectReadError(`${where} could not be read:\n${issues.join('\n')}${more}`);
  }
  return { project: r.project, warnings: r.warnings.map(formatProjectIssue) };
}
