import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Host } from '../host';

/**
 * File → Export's state in the workspace: whether the dialog is open, and the export
 * options as they are now. The options belong to the project (its `exportOptions`,
 * saved with it): choices made in the dialog change them, which makes the project
 * unsaved like a change to the profile does, and opening another project brings its own.
 *
 * App.tsx:
 *   const exporter = useExport({ host, name: project.name, saved: project.file.exportOptions, notify });
 *   dirty = ... || exporter.dirty
 *   the file to save: { ...project.file, exportOptions: exporter.current() }
 *   File › Export, the toolbar button, Mod-E: exporter.open()
 *   inside the WorkspaceContext provider: <ExportDialog exporter={exporter} />
 */

export interface UseExportInput {
  host: Host;
  /** The project's name: file name suggestions and the coverage report's title. */
  name: string;
  /** The project's exportOptions as last saved or opened (project.file.exportOptions). */
  saved: Record<string, unknown>;
  /** A short message in the status area ("Exported …"). */
  notify: (message: string) => void;
}

export interface ExportController {
  host: Host;
  name: string;
  notify: (message: string) => void;
  isOpen: boolean;
  /** Open the dialog (each time afresh: the form starts from the remembered options). */
  open(): void;
  close(): void;
  /** The export options as they are now. */
  options: Record<string, unknown>;
  /** The same, read when called (for save callbacks that outlive a render). */
  current(): Record<string, unknown>;
  /** The options differ from the ones last saved or opened. */
  dirty: boolean;
  /** Remember options chosen in the dialog (rememberedOptions() in ./options gives `options` itself when nothing changed). */
  remember(next: Record<string, unknown>): void;
}

export function useExport({ host, name, saved, notify }: UseExportInput): ExportController {
  const [isOpen, setOpen] = useState(false);
  // choices made against the options of one project: another project (a new `saved`) starts from its own
  const [edits, setEdits] = useState<{ base: Record<string, unknown>; value: Record<string, unknown> } | null>(null);
  const options = edits && edits.base === saved ? edits.value : saved;
  const dirty = options !== saved;

  const ref = useRef(options);
  useLayoutEffect(() => {
    ref.current = options;
  }, [options]);
  const savedRef = useRef(saved);
  useLayoutEffect(() => {
    savedRef.current = saved;
  }, [saved]);

  const open = useCallback(() => setOpen(true), []);
  const close = useCallback(() => setOpen(false), []);
  const current = useCallback(() => ref.current, []);
  const remember = useCallback((next: Record<string, unknown>) => {
    ref.current = next;
    setEdits({ base: savedRef.current, value: next });
  }, []);

  return useMemo(
    () => ({ host, name, notify, isOpen, open, close, options, current, dirty, remember }),
    [host, name, notify, isOpen, open, close, options, current, dirty, remember],
  );
}
