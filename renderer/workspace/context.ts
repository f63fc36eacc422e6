import { createContext, useContext } from 'react';
import type { EditorState, Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Library } from '../../core/library/library';
import type { CoverageReport } from '../../core/coverage/types';
import type { LintFinding } from '../../core/coverage/lint';
import type { Profile } from '../../core/schema';

/**
 * What the workspace shares with its panels. App.tsx provides it; the panels in
 * renderer/panels/ (clause library, coverage, matrix, checks) consume it through
 * useWorkspace() and never reach into App's state otherwise.
 */
export interface Workspace {
  library: Library;
  /** The current editor state (null before the editor mounts). */
  state: EditorState | null;
  /** The editor view, for commands that need it (focus, coordinates). */
  view: EditorView | null;
  /** Apply a transaction to the editor (undoable like any edit). */
  dispatch: (tr: Transaction) => void;
  /** The jurisdiction profile of the project (placeholder values, kind). */
  profile: Profile;
  setProfile: (next: Profile) => void;
  /** The latest coverage report for the current document (computed off the keystroke path), or null while pending. */
  report: CoverageReport | null;
  /** The latest lint findings for the current document. */
  lint: readonly LintFinding[];
  /** Scroll to and select the section or provision with this id, and focus the editor. */
  focusNode: (id: string) => void;
  /** Show a short message in the status area. */
  notify: (message: string) => void;
  /** Read-only review of an imported ordinance. */
  readOnly: boolean;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const w = useContext(WorkspaceContext);
  if (!w) throw new Error('useWorkspace() outside <WorkspaceContext.Provider>');
  return w;
}
