import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Node as PMNode } from 'prosemirror-model';
import type { LintFinding } from '../../core/coverage/lint';
import type { CoverageReport } from '../../core/coverage/types';
import { newProject, type Project as ProjectFile, type ProjectProfile } from '../../core/document/project';
import type { Library } from '../../core/library/library';
import type { Host } from '../host';
import { blankProject, UNTITLED_PROFILE } from '../project';
import { importFileForReview, importForReview, ReviewImportError, type ImportStage, type ReviewProject } from './import';
import { exportReviewReport } from './export';
import { useReviewFileDrop } from './useFileDrop';

/**
 * Review mode: an ordinance someone else wrote, imported from Word, text or Markdown
 * and opened read-only, with its coverage, its weak spots and a comparison with the
 * library's model clauses. App.tsx calls useReviewMode once and mounts what it returns
 * (ReviewBanner, WeakSpotsPanel, ReviewLayer).
 *
 * The review lasts while its document is in the editor: opening or creating another
 * project ends it, and "Edit a copy" turns it into a new unsaved project.
 */

/** What App's loadDocument takes for the project (its own Project type has the same shape). */
export interface LoadedProject {
  path: string | null;
  name: string;
  file: ProjectFile;
  savedDoc: PMNode;
  savedAt: string | null;
}

export interface ImportProgressState {
  /** The file's name, once known. */
  name: string | null;
  stage: ImportStage;
}

export interface ImportForReviewOptions {
  /** The review is ready: open it. */
  onImported: (project: ReviewProject) => void;
  /** The import failed: say why (the current document is untouched). */
  onError: (title: string, error: Error) => void;
  /** Before the imported document replaces the current one (unsaved changes): false keeps the current one. */
  confirmReplace?: () => Promise<boolean>;
  notify?: (message: string) => void;
}

export interface ImportForReview {
  /** Ask the host for a file and import it (File › Import, the toolbar's Import button). */
  importFile: () => void;
  /** Import a file dropped on the window. */
  importDropped: (file: File) => void;
  /** The import under way, for a progress indicator (null when none). */
  progress: ImportProgressState | null;
}

/**
 * Import for review, one file at a time, with progress: the stages of the import are
 * reported as they start, and the work yields to the UI between them. Nothing is
 * loaded unless the whole import succeeds.
 */
export function useImportForReview(host: Host, library: Library | null, options: ImportForReviewOptions): ImportForReview {
  const [progress, setProgress] = useState<ImportProgressState | null>(null);
  const busy = useRef(false);
  const opts = useRef(options);
  useLayoutEffect(() => {
    opts.current = options;
  });

  const run = useCallback(
    async (get: (onStage: (stage: ImportStage, name: string) => void) => Promise<ReviewProject | null>) => {
      if (busy.current) {
        opts.current.notify?.('An import is already under way.');
        return;
      }
      busy.current = true;
      try {
        const project = await get((stage, name) => setProgress({ name, stage }));
        setProgress(null);
        if (!project) return;
        if (opts.current.confirmReplace && !(await opts.current.confirmReplace())) return;
        opts.current.onImported(project);
      } catch (e) {
        setProgress(null);
        const err = e instanceof Error ? e : new Error(String(e));
        opts.current.onError(e instanceof ReviewImportError ? e.title : 'The file could not be imported', err);
      } finally {
        setProgress(null);
        busy.current = false;
      }
    },
    [],
  );

  const importFile = useCallback(() => {
    void run((onStage) => importForReview(host, library, { onStage }));
  }, [host, library, run]);

  const importDropped = useCallback(
    (file: File) => {
      void run((onStage) => importFileForReview(file, library, { onStage }));
    },
    [library, run],
  );

  return useMemo(() => ({ importFile, importDropped, progress }), [importFile, importDropped, progress]);
}

export interface ReviewModeOptions {
  host: Host;
  library: Library | null;
  /** The document in the editor now: the review ends when it is no longer the imported one. */
  doc: PMNode | null;
  /** App's loadDocument: put a document in the editor as the current project. */
  load: (doc: PMNode, project: LoadedProject, profile: ProjectProfile) => void;
  /** Ask before unsaved changes are replaced; false keeps them. */
  confirmDiscard: () => Promise<boolean>;
  showError: (title: string, error: Error) => void;
  notify: (message: string) => void;
}

export interface ReviewMode extends ImportForReview {
  /** The ordinance under review (null when not reviewing). */
  session: ReviewProject | null;
  /** The editor is read-only (reviewing). */
  readOnly: boolean;
  /** Met elements highlighted in the text. */
  highlights: boolean;
  setHighlights: (on: boolean) => void;
  /** The comparison with the model: open, and for which section. */
  compare: { open: boolean; sectionId: string | null };
  openCompare: (sectionId?: string | null) => void;
  closeCompare: () => void;
  /** Make the reviewed ordinance an editable, new and unsaved project. */
  editCopy: () => void;
  /** Export the review as a coverage report .docx naming the imported file. */
  exportReport: (report: CoverageReport | null, lint: readonly LintFinding[]) => Promise<void>;
  /** Whether the report export is under way. */
  exporting: boolean;
}

function stem(name: string): string {
  return name.replace(/\.(docx|txt|text|md|markdown)$/i, '');
}

export function useReviewMode(options: ReviewModeOptions): ReviewMode {
  const { host, library, doc } = options;
  const [imported, setSession] = useState<ReviewProject | null>(null);
  // another document in the editor (opened, created, restored) ends the review
  const session = imported && doc === imported.doc ? imported : null;
  const [highlights, setHighlights] = useState(true);
  const [compare, setCompare] = useState<{ open: boolean; sectionId: string | null }>({ open: false, sectionId: null });
  const [exporting, setExporting] = useState(false);
  const opts = useRef(options);
  useLayoutEffect(() => {
    opts.current = options;
  });


  const onImported = useCallback(
    (project: ReviewProject) => {
      const profile: ProjectProfile = { ...UNTITLED_PROFILE, kind: project.kind };
      const file = newProject({ doc: project.doc, profile, template: null, preset: null, libraryVersion: library?.info.version ?? '', title: stem(project.name) });
      // the review is not a change: nothing to save until a copy is edited
      opts.current.load(project.doc, { path: null, name: project.name, file, savedDoc: project.doc, savedAt: null }, profile);
      setSession(project);
      setHighlights(true);
      setCompare({ open: false, sectionId: null });
      const s = project.stats;
      const notes = project.notices.length;
      opts.current.notify(
        `Imported “${project.name}”: ${s.sections} ${s.sections === 1 ? 'section' : 'sections'}, ${s.provisions} ${s.provisions === 1 ? 'provision' : 'provisions'}` +
          (notes ? `; ${notes} ${notes === 1 ? 'note' : 'notes'} on what was not recognised` : '') +
          '. It is open read-only.',
      );
    },
    [library],
  );

  const importer = useImportForReview(host, library, {
    onImported,
    onError: (title, error) => opts.current.showError(title, error),
    confirmReplace: () => opts.current.confirmDiscard(),
    notify: (m) => opts.current.notify(m),
  });

  useReviewFileDrop(importer.importDropped, (m) => opts.current.notify(m));

  const editCopy = useCallback(() => {
    const s = session;
    if (!s) return;
    const name = `${stem(s.name)} (copy)`;
    const profile: ProjectProfile = { ...UNTITLED_PROFILE, kind: s.kind };
    const file = newProject({ doc: s.doc, profile, template: null, preset: null, libraryVersion: library?.info.version ?? '', title: stem(s.name) });
    setSession(null);
    setCompare({ open: false, sectionId: null });
    // compared with a blank document, the copy is unsaved work until it is saved
    opts.current.load(s.doc, { path: null, name, file, savedDoc: blankProject().doc, savedAt: null }, profile);
    opts.current.notify(`“${name}” is a new project, not saved yet: edit it, then save it under a name of your own.`);
  }, [session, library]);

  const exportReport = useCallback(
    async (report: CoverageReport | null, lint: readonly LintFinding[]) => {
      const s = session;
      if (!s) return;
      if (!report) {
        opts.current.notify('The coverage check is still running; export the report in a moment.');
        return;
      }
      setExporting(true);
      try {
        const r = await exportReviewReport({ host, library, doc: s.doc, name: s.name, report, lint });
        if (r) opts.current.notify(`Exported the coverage report “${r}”.`);
      } catch (e) {
        opts.current.showError('The report could not be exported', e instanceof Error ? e : new Error(String(e)));
      } finally {
        setExporting(false);
      }
    },
    [host, library, session],
  );

  const openCompare = useCallback((sectionId?: string | null) => setCompare((c) => ({ open: true, sectionId: sectionId ?? c.sectionId })), []);
  const closeCompare = useCallback(() => setCompare((c) => ({ ...c, open: false })), []);

  return useMemo(
    () => ({
      ...importer,
      session,
      readOnly: session !== null,
      highlights,
      setHighlights,
      compare: session ? compare : { open: false, sectionId: null },
      openCompare,
      closeCompare,
      editCopy,
      exportReport,
      exporting,
    }),
    [importer, session, highlights, compare, openCompare, closeCompare, editCopy, exportReport, exporting],
  );
}
