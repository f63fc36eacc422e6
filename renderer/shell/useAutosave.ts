import { useEffect, useMemo, useRef } from 'react';
import type { Host } from '../host';
import { Autosave, newRecoveryId, type RecoverySnapshot } from './autosave';

/** What the shell may do with the window's recovery copy (from event handlers). */
export interface AutosaveHandle {
  /** A restored copy becomes this window's copy (replaced by later copies, removed by a save). */
  adopt(id: string): void;
  /** Don't save: remove the copy. */
  discard(): Promise<void>;
  /** Write a pending copy now. */
  flush(): Promise<void>;
}

/**
 * Keeps a recovery copy of unsaved work in the host (see autosave.ts): every few
 * seconds while `dirty`, and at once when the window loses focus or is hidden.
 *
 * `revision` is any value that changes with the document (the ProseMirror doc itself
 * is ideal: nodes are immutable). `snapshot` returns the project text to keep.
 */
export function useAutosave(
  host: Host,
  input: { dirty: boolean; revision: unknown; snapshot: () => RecoverySnapshot | null; onError?: (message: string) => void; intervalMs?: number },
): AutosaveHandle {
  const latest = useRef({ ...input, host });
  const instance = useRef<Autosave | null>(null);
  useEffect(() => {
    latest.current = { ...input, host };
  });

  const { dirty, revision, intervalMs } = input;
  useEffect(() => {
    // one instance for the window's life: a remount (StrictMode) must keep knowing which copy it wrote
    const a = (instance.current ??= new Autosave(
      {
        write: async (copy) => (await latest.current.host.api.writeRecovery(copy)).ok,
        clear: async (id) => {
          await latest.current.host.api.clearRecovery({ id });
        },
        snapshot: () => latest.current.snapshot(),
        onError: (m) => latest.current.onError?.(m),
        setTimer: (fn, ms) => setTimeout(fn, ms),
        clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      },
      { id: newRecoveryId(), intervalMs },
    ));
    a.update(latest.current.dirty, latest.current.revision);
    const onBlur = () => void a.blur();
    const onHidden = () => {
      if (document.visibilityState === 'hidden') void a.blur();
    };
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onHidden);
      a.pause();
    };
  }, [intervalMs]);

  useEffect(() => {
    instance.current?.update(dirty, revision);
  }, [dirty, revision]);

  return useMemo(
    () => ({
      adopt: (id: string) => instance.current?.adopt(id, undefined),
      discard: () => instance.current?.discard() ?? Promise.resolve(),
      flush: () => instance.current?.flush() ?? Promise.resolve(),
    }),
    [],
  );
}
