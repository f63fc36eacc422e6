import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Node as PMNode } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import type { RecoveryItem } from '../../core/host';
import type { Clause } from '../../core/schema/clause';
import type { Host } from '../host';
import { ClosePrompt } from './ClosePrompt';
import { sectionToClauseDraft, type ClauseDraft } from './clause-text';
import { RecoveryDialog } from './RecoveryDialog';
import { onShellRequest, type ShellRequest } from './shell-events';
import { useAutosave } from './useAutosave';
import { useCloseGuard } from './useCloseGuard';
import { useFileDrop } from './useFileDrop';
import { useRecovery } from './useRecovery';
import { UserLibrary } from './UserLibrary';
import './shell.css';

/**
 * The desktop shell's part of the renderer, mounted once by App (its only integration
 * point). It needs nothing from App but these props:
 *
 * - autosave: a recovery copy of `projectText()` every few seconds while `dirty`, and
 *   when the window loses focus; removed once the document is clean (saved);
 * - recovery: at start, copies a previous run left are offered (RecoveryDialog);
 *   `restore(item)` loads one as unsaved changes (App does that: it owns the editor);
 * - close guard: the window title and unsaved marker follow `name` / `path` / `dirty`,
 *   and closing or quitting with unsaved changes asks Save / Don't save / Cancel
 *   (ClosePrompt), saving through `save()`;
 * - a project file dropped on the window opens (the host sends 'open-path');
 * - the user clause library (Library menu, or requestShell() from a button), saving
 *   the section at the editor's cursor as a new clause; `onInsertClause`, if given,
 *   offers to put a library clause into the draft.
 */

/** The section the selection is in, if any. */
export function sectionAtSelection(state: EditorState): PMNode | null {
  const $from = state.selection.$from;
  for (let d = $from.depth; d > 0; d--) {
    const n = $from.node(d);
    if (n.type.name === 'section') return n;
  }
  // a selected section node (an outline click) has the section after $from
  const after = $from.nodeAfter;
  return after && after.type.name === 'section' ? after : null;
}

export function DesktopShell({
  host,
  dirty,
  doc,
  profile,
  name,
  path,
  projectText,
  save,
  restore,
  editor,
  onInsertClause,
  notify,
}: {
  host: Host;
  dirty: boolean;
  /** The editor's document (its identity tells autosave that something changed). */
  doc: PMNode | null;
  /** Anything else a save writes that changes apart from the document (the profile). */
  profile?: unknown;
  name: string;
  path: string | null;
  /** The project's text as a save would write it now; null when there is no editor yet. */
  projectText: () => string | null;
  save: () => Promise<boolean>;
  /** Load a recovery copy as the current document, with its changes unsaved; false if it could not be. */
  restore: (item: RecoveryItem) => boolean;
  /** The editor (its latest state: the section at the cursor is what "save to my library" saves). */
  editor: () => { state: EditorState } | null;
  onInsertClause?: (clause: Clause) => void;
  notify: (message: string) => void;
}) {
  // a new token whenever anything a save would write has changed
  const revision = useMemo(() => ({ doc, profile }), [doc, profile]);
  const autosave = useAutosave(host, {
    dirty,
    revision,
    snapshot: () => {
      const text = projectText();
      return text === null ? null : { text, path, name: name.trim() || 'Untitled ordinance' };
    },
    onError: notify,
  });

  const recovery = useRecovery(host);
  const onRestore = (item: RecoveryItem) => {
    if (!restore(item)) return;
    // the copy stays until the restored work is saved: it is this window's copy now
    autosave.adopt(item.id);
    recovery.settle(item);
    notify(`Restored “${item.name}”. Save it to keep the changes.`);
  };

  const guard = useCloseGuard(host, { dirty, name, path, save, discard: () => autosave.discard() });
  useFileDrop(host, notify);

  // the user clause library: from the native menu, or a request from elsewhere in the renderer
  const [library, setLibrary] = useState<{ draft: ClauseDraft | null } | null>(null);
  const latest = useRef({ name, editor, notify });
  useEffect(() => {
    latest.current = { name, editor, notify };
  });
  const handle = useCallback((r: ShellRequest) => {
    if (r.kind === 'open-user-library') return setLibrary({ draft: null });
    const { name: n, editor: ed, notify: say } = latest.current;
    const state = ed()?.state ?? null;
    const section = state ? sectionAtSelection(state) : null;
    if (!state || !section) return say('Put the cursor in a section of the draft first, then save it to your library.');
    setLibrary({ draft: sectionToClauseDraft(state.doc, section, n) });
  }, []);
  useEffect(() => onShellRequest(handle), [handle]);

  useEffect(
    () =>
      host.onMenu((e) => {
        // (the context menu's Insert Cross-Reference and Show Definition are App's: they are the editor's)
        if (e.action === 'open-user-library' || e.action === 'save-to-user-library') handle({ kind: e.action });
      }),
    [host, handle],
  );

  return (
    <>
      <RecoveryDialog items={recovery.items} onRestore={onRestore} onDiscard={(item) => void recovery.discard(item)} onLater={recovery.later} />
      {guard.prompt ? <ClosePrompt name={guard.prompt.name} reason={guard.prompt.reason} onChoose={guard.choose} /> : null}
      {library ? (
        <UserLibrary
          host={host}
          draft={library.draft}
          onClose={() => setLibrary(null)}
          onInsert={
            onInsertClause
              ? (clause) => {
                  setLibrary(null);
                  onInsertClause(clause);
                }
              : undefined
          }
        />
      ) : null}
    </>
  );
}
