/**
 * The window's title and unsaved marker, from the state the renderer reports.
 *
 * - Windows and Linux: "• Town draft — Ordwright" while there are unsaved changes,
 *   "Town draft — Ordwright" otherwise (the bullet is what the task bar shows).
 * - macOS: the title is the document name alone, the unsaved marker is the dot in the
 *   close button (setDocumentEdited), and the title bar's proxy icon is the file
 *   (setRepresentedFilename), as every document app there does.
 */

export interface DocumentState {
  name: string;
  path: string | null;
  dirty: boolean;
}

export interface WindowTitle {
  title: string;
  /** macOS: the dot in the close button. */
  documentEdited: boolean;
  /** macOS: the proxy icon's file; '' for none. */
  representedFilename: string;
}

/** Control characters (a name typed with a tab, a path with a newline) never reach the title bar. */
function clean(name: string): string {
  // eslint-disable-next-line no-control-regex
  const s = name.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return s.length > 120 ? `${s.slice(0, 119)}…` : s || 'Untitled';
}

export function windowTitle(state: DocumentState | null, platform: NodeJS.Platform, appName = 'Ordwright'): WindowTitle {
  if (!state) return { title: appName, documentEdited: false, representedFilename: '' };
  const name = clean(state.name);
  if (platform === 'darwin') {
    return { title: name, documentEdited: state.dirty, representedFilename: state.path ?? '' };
  }
  return { title: `${state.dirty ? '• ' : ''}${name} — ${appName}`, documentEdited: state.dirty, representedFilename: '' };
}
