/**
 * What the renderer answers when the window wants to close (plain logic, tested in
 * Node; renderer/shell/useCloseGuard.ts wires it to the host and the dialog).
 *
 * - no unsaved changes: close;
 * - otherwise ask Save / Don't save / Cancel:
 *   Save closes only if the save went through (a canceled Save As keeps the window);
 *   Don't save removes the recovery copy, then closes;
 *   Cancel keeps the window.
 */

export type CloseChoice = 'save' | 'discard' | 'cancel';

export interface CloseFlow {
  dirty: boolean;
  ask(): Promise<CloseChoice>;
  save(): Promise<boolean>;
  discard(): Promise<void>;
}

/** Resolves true to let the window close. Never rejects: a failure keeps the window open. */
export async function answerCloseRequest(flow: CloseFlow): Promise<boolean> {
  if (!flow.dirty) return true;
  try {
    const choice = await flow.ask();
    if (choice === 'cancel') return false;
    if (choice === 'save') return await flow.save();
    await flow.discard();
    return true;
  } catch {
    return false;
  }
}

/** The files of a drop that are Ordwright projects, by name. */
export function projectFilesOf<T extends { name: string }>(files: readonly T[]): T[] {
  return files.filter((f) => f.name.toLowerCase().endsWith('.ordinance.json'));
}
