import type { MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { posix, win32 } from 'node:path';

/**
 * The options of every native dialog, as plain functions (main.ts passes them to
 * Electron's dialog module). Where platforms differ, it is here and tested:
 *
 * - Windows and GTK match a filter extension against the end of the name, so
 *   "ordinance.json" matches exactly the project files. macOS matches only the last
 *   part of an extension, so there the filter is "json" (anything else would grey out
 *   every project file); the file is checked when it is read.
 * - A save dialog may or may not add the extension (GTK never does): files.ts adds
 *   it and asks before replacing a file the dialog did not ask about.
 */

const PROJECT = 'Ordwright project';

function joinFor(platform: NodeJS.Platform, dir: string | null, name: string): string {
  if (!dir) return name;
  return (platform === 'win32' ? win32 : posix).join(dir, name);
}

export function openProjectDialog(platform: NodeJS.Platform, defaultDir: string | null): OpenDialogOptions {
  return {
    title: 'Open project',
    ...(defaultDir ? { defaultPath: defaultDir } : {}),
    properties: ['openFile'],
    filters:
      platform === 'darwin'
        ? [{ name: PROJECT, extensions: ['json'] }]
        : [
            { name: `${PROJECT} (*.ordinance.json)`, extensions: ['ordinance.json'] },
            { name: 'All files', extensions: ['*'] },
          ],
  };
}

export function saveProjectDialog(platform: NodeJS.Platform, dir: string | null, suggestedName: string): SaveDialogOptions {
  return {
    title: 'Save project',
    defaultPath: joinFor(platform, dir, suggestedName),
    // macOS's panel would append ".json" to the typed name; files.ts adds ".ordinance.json" itself
    filters: platform === 'darwin' ? [] : [{ name: `${PROJECT} (*.ordinance.json)`, extensions: ['ordinance.json'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

export function exportDialog(platform: NodeJS.Platform, dir: string | null, suggestedName: string, kind: 'docx' | 'pdf' | 'zip'): SaveDialogOptions {
  const spec = {
    docx: { title: 'Export to Word', name: 'Word document' },
    pdf: { title: 'Export as PDF', name: 'PDF document' },
    zip: { title: 'Export clause pack', name: 'Clause pack (zip)' },
  }[kind];
  return {
    title: spec.title,
    defaultPath: joinFor(platform, dir, suggestedName),
    filters: [{ name: spec.name, extensions: [kind] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

export function importDialog(extensions: string[]): OpenDialogOptions {
  return {
    title: 'Import',
    properties: ['openFile'],
    filters: extensions.length ? [{ name: 'Documents', extensions }] : [],
  };
}

/** A clause pack: a zip or YAML file, or a folder (GTK and Windows cannot offer both in one dialog). */
export function clausePackDialog(from: 'file' | 'folder'): OpenDialogOptions {
  return from === 'folder'
    ? { title: 'Import a folder of clauses', properties: ['openDirectory'] }
    : { title: 'Import a clause pack', properties: ['openFile'], filters: [{ name: 'Clause pack (zip or YAML)', extensions: ['zip', 'yaml', 'yml'] }] };
}

export function confirmReplaceDialog(path: string, platform: NodeJS.Platform): MessageBoxOptions {
  const name = (platform === 'win32' ? win32 : posix).basename(path);
  return {
    type: 'warning',
    buttons: ['Replace', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    title: 'Replace project?',
    message: `“${name}” already exists. Replace it?`,
    detail: 'The project there will be replaced; its previous version is kept beside it as a .bak file.',
    noLink: true,
  };
}

/** The renderer did not answer a close request: close anyway? Button 0 closes. */
export function unansweredCloseDialog(name: string): MessageBoxOptions {
  return {
    type: 'warning',
    buttons: ['Close Anyway', 'Keep Waiting'],
    defaultId: 1,
    cancelId: 1,
    title: 'Ordwright is not responding',
    message: `“${name}” has unsaved changes, and the window is not responding.`,
    detail: 'If you close it, the last automatic recovery copy is offered when Ordwright starts again; changes made after it are lost.',
    noLink: true,
  };
}
