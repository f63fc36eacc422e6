import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Node as PMNode } from 'prosemirror-model';
import { redo, redoDepth, undo, undoDepth } from 'prosemirror-history';
import { TextSelection, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { HostError, MenuAction, MenuEvent, RecoveryItem } from '../core/host';
import { analyze, lint, summarize, type CoverageSummary, type LintFinding } from '../core/coverage';
import type { CoverageReport } from '../core/coverage/types';
import { insertClause, insertXref, moveSection } from '../core/document/commands';
import { findById } from '../core/document/ids';
import { resolvePlaceholder } from '../core/document/placeholders';
import { parseDocumentJson, type Project as ProjectFile, type ProjectProfile } from '../core/document/project';
import type { Library } from '../core/library/library';
import type { Clause, Profile } from '../core/schema';
import { AboutDialog, ConfirmDialog, MessageDialog } from './components/Dialogs';
import { Editor } from './components/Editor';
import { FindBar } from './components/FindBar';
import { HostPrompts } from './components/HostPrompts';
import {
  IconExport,
  IconFind,
  IconImport,
  IconLeftPane,
  IconClauses,
  IconMatrix,
  IconNew,
  IconOpen,
  IconProfile,
  IconRedo,
  IconRightPane,
  IconSave,
  IconUndo,
  Logo,
} from './components/icons';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { LeftSidebar, RightSidebar, type LeftTab } from './components/Sidebars';
import { StatusBar, type SaveState } from './components/StatusBar';
import { XrefPicker } from './components/XrefPicker';
import { moveSectionTo } from './editor/commands';
import { onlyInlineEdits } from './editor/numbering-plugin';
import { InlineViews } from './editor/inline-views';
import { createEditorState, wordCount, type EditorEnv } from './editor/setup';
import { showDefinitionAtCursor } from './editor/terms';
import { EditorStateStore } from './editor/state-store';
import { loadZoom, saveZoom, stepZoom } from './editor/zoom';
import type { Host } from './host';
import { bundledLibrary } from './library';
import { Outline } from './outline/Outline';
import { ChecksPanel, CoveragePanel, LibraryPanel, MatrixView, clauseDropPlugin } from './panels';
import { PlaceholderField } from './profile/PlaceholderField';
import { DesktopShell } from './shell/DesktopShell';
import { requestShell } from './shell/shell-events';
import { ProfilePanel } from './profile/ProfilePanel';
import { ProjectReadError, UNTITLED_PROFILE, blankProject, projectText, readProject } from './project';
import { composeNotice, type Composed } from './start/new-ordinance';
import type { SampleDraft } from './start/samples';
import { StartScreen } from './start/StartScreen';
import { newProject } from '../core/document/project';
import { WorkspaceContext, type Workspace } from './workspace/context';
import { ReviewBanner, ReviewLayer, WeakSpotsPanel, useReviewMode } from './review';
import { ExportDialog, useExport } from './export';

interface Project {
  /** Where the project is saved (a file path, or a name in browser storage); null until saved. */
  path: string | null;
  name: string;
  /** The project as last saved or opened (profile, template, metadata, document). */
  file: ProjectFile;
  /** The document as last saved or opened: the editor is "dirty" while it differs. */
  savedDoc: PMNode;
  savedAt: string | null;
  /** A recovery copy restored: unsaved until saved, whatever the document. */
  restored?: boolean;
}

type Dialog =
  | { kind: 'confirm'; title: string; message: string; confirmLabel: string; resolve: (ok: boolean) => void }
  | { kind: 'message'; title: string; message: string }
  | { kind: 'about' }
  | { kind: 'shortcuts' }
  | { kind: 'xref'; doc: PMNode }
  | null;

interface EditorFlags {
  canUndo: boolean;
  canRedo: boolean;
  /** The document differs from the one last saved or opened. */
  docDirty: boolean;
}

interface Analysis {
  doc: PMNode;
  profile: ProjectProfile;
  report: CoverageReport | null;
  lint: readonly LintFinding[];
  summary: CoverageSummary | null;
  words: number;
}

const UNTITLED = 'Untitled ordinance';
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
/** Quiet time after the last transaction before React (panels, outline, status bar) hears of the new state. */
const PUBLISH_DELAY_MS = 100;
/** Then, more quiet time before coverage and checks run again (about 150 ms after the last keystroke in all). */
const ANALYSIS_DELAY_MS = 50;
const NO_FINDINGS: readonly LintFinding[] = [];

function loadLibrary(): { library: Library | null; error: string | null } {
  try {
    return { library: bundledLibrary(), error: null };
  } catch (e) {
    return { library: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** The project's profile as the panels see it (core's Profile: only the values that are set). */
function schemaProfile(p: ProjectProfile): Profile {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.values)) if (typeof v === 'string') values[k] = v;
  return { id: p.id, name: p.name, kind: p.kind, ...(p.description ? { description: p.description } : {}), values };
}

/** A profile fit to save: a name, no blank values. */
function cleanProfile(p: ProjectProfile): ProjectProfile {
  const values: ProjectProfile['values'] = {};
  let changed = false;
  for (const [k, v] of Object.entries(p.values) as [keyof ProjectProfile['values'], string | undefined][]) {
    if (typeof v === 'string' && v.trim() !== '') values[k] = v;
    else changed = true;
  }
  const name = p.name.trim() || UNTITLED_PROFILE.name;
  if (!changed && name === p.name) return p;
  return { ...p, name, values };
}

function sameProfile(a: ProjectProfile, b: ProjectProfile): boolean {
  if (a === b) return true;
  if (a.id !== b.id || a.name !== b.name || a.kind !== b.kind || a.description !== b.description) return false;
  const ka = Object.keys(a.values).filter((k) => a.values[k as keyof typeof a.values]);
  const kb = Object.keys(b.values).filter((k) => b.values[k as keyof typeof b.values]);
  return ka.length === kb.length && ka.every((k) => a.values[k as keyof typeof a.values] === b.values[k as keyof typeof b.values]);
}

/** Scroll the editor (and nothing else: not the window, not a sidebar) so that `el` is in the middle of it. */
function centerInScroller(el: HTMLElement): void {
  const scroller = el.closest('.ow-editor-scroll');
  if (!(scroller instanceof HTMLElement)) return;
  const r = el.getBoundingClientRect();
  const s = scroller.getBoundingClientRect();
  scroller.scrollTop += r.top - s.top - Math.max(0, (s.height - r.height) / 2);
}

function countSections(doc: PMNode): number {
  let n = 0;
  doc.forEach((child) => {
    if (child.type.name === 'section') n++;
  });
  return n;
}

export function App({ host, version }: { host: Host; version: string }) {
  const [{ library, error: libraryError }] = useState(loadLibrary);
  const viewRef = useRef<EditorView | null>(null);
  const [view, setView] = useState<EditorView | null>(null);
  const [initialFile] = useState(() => blankProject());
  /**
   * The editor state as React sees it: published a moment after the drafter stops
   * typing (PUBLISH_DELAY_MS), so a keystroke costs ProseMirror's work and nothing else.
   * What must follow every keystroke (undo, redo, unsaved) is in `flags`, which changes
   * rarely; the view itself (viewRef) always has the latest state.
   */
  const [editorState, setEditorState] = useState<EditorState | null>(null);
  const [flags, setFlags] = useState<EditorFlags>({ canUndo: false, canRedo: false, docDirty: false });
  const flagsRef = useRef(flags);
  const publishTimer = useRef(0);
  const [project, setProject] = useState<Project>({ path: null, name: UNTITLED, file: initialFile, savedDoc: initialFile.doc, savedAt: null });
  const [profile, setProfileState] = useState<ProjectProfile>(initialFile.profile);
  const profileRef = useRef(profile);
  const [saving, setSaving] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [find, setFind] = useState<{ replace: boolean; token: number; query: string } | null>(null);
  const [store] = useState(() => new EditorStateStore());
  // a narrow window (or 200% zoom) starts with the page alone; the sidebars open over it
  const [leftOpen, setLeftOpen] = useState(() => window.innerWidth > 1000);
  const [rightOpen, setRightOpen] = useState(() => window.innerWidth > 1000);
  const [leftTab, setLeftTab] = useState<LeftTab>('library');
  const [matrixOpen, setMatrixOpen] = useState(false);
  const [start, setStart] = useState<{ open: boolean; canGoBack: boolean }>({ open: true, canGoBack: false });
  const [notice, setNotice] = useState<string | null>(null);
  const [zoom, setZoom] = useState(loadZoom);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [phEdit, setPhEdit] = useState<{ key: string; anchor: HTMLElement } | null>(null);
  const [profileFocus, setProfileFocus] = useState<{ key: string; n: number } | null>(null);

  const doc = editorState?.doc ?? null;
  // File › Export (renderer/export): its options are the project's, saved with it
  const exporter = useExport({ host, name: project.name, saved: project.file.exportOptions, notify: setNotice });
  const { current: currentExportOptions, open: openExport } = exporter;
  const dirty = flags.docDirty || !sameProfile(profile, project.file.profile) || exporter.dirty;
  const sections = useMemo(() => (doc ? countSections(doc) : 0), [doc]);
  const saveState: SaveState = saving ? 'saving' : dirty ? 'unsaved' : project.savedAt || project.path ? 'saved' : 'never-saved';

  // The async actions below read the latest project through this ref, not a stale closure.
  const projectRef = useRef(project);
  useLayoutEffect(() => {
    projectRef.current = project;
  }, [project]);

  const updateFlags = useCallback((state: EditorState) => {
    const f: EditorFlags = { canUndo: undoDepth(state) > 0, canRedo: redoDepth(state) > 0, docDirty: projectRef.current.restored === true || !projectRef.current.savedDoc.eq(state.doc) };
    const p = flagsRef.current;
    if (f.canUndo === p.canUndo && f.canRedo === p.canRedo && f.docDirty === p.docDirty) return;
    flagsRef.current = f;
    setFlags(f);
  }, []);
  // saving or opening changes what "unsaved" compares with
  useEffect(() => {
    const v = viewRef.current;
    if (v) updateFlags(v.state);
  }, [project, updateFlags]);
  const dirtyRef = useRef(dirty);
  useLayoutEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  const notify = useCallback((message: string) => setNotice(message), []);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), 8000);
    return () => clearTimeout(t);
  }, [notice]);

  const showError = useCallback((title: string, error: HostError | Error) => {
    setDialog({ kind: 'message', title, message: error.message });
  }, []);

  const confirm = useCallback(
    (title: string, message: string, confirmLabel: string) =>
      new Promise<boolean>((resolve) => setDialog({ kind: 'confirm', title, message, confirmLabel, resolve })),
    [],
  );

  // ------------------------------------------------------------------ the editor

  /** Go to a section or provision by id: select the start of its text and bring it into view. */
  const focusNode = useCallback(
    (id: string) => {
      const v = viewRef.current;
      if (!v) return;
      const found = findById(v.state.doc, id);
      if (!found) {
        notify('That provision is no longer in the ordinance.');
        return;
      }
      setMatrixOpen(false);
      const inside = Math.min(found.pos + (found.node.type.name === 'recital' ? 1 : 2), v.state.doc.content.size);
      v.dispatch(v.state.tr.setSelection(TextSelection.near(v.state.doc.resolve(inside))));
      v.focus();
      // after the matrix (if it was open) has given the editor its place back
      requestAnimationFrame(() => {
        const dom = v.nodeDOM(found.pos);
        if (dom instanceof HTMLElement) {
          centerInScroller(dom);
          // sections out of view have an estimated height until shown: aim again once they are
          requestAnimationFrame(() => centerInScroller(dom));
          dom.classList.remove('ow-flash');
          void dom.offsetWidth;
          dom.classList.add('ow-flash');
          setTimeout(() => dom.classList.remove('ow-flash'), 1600);
        }
      });
    },
    [notify],
  );

  // placeholder chips and cross-reference links (they read the profile themselves)
  const [inline] = useState(() => new InlineViews(initialFile.profile));
  useLayoutEffect(() => {
    inline.setHooks({ editPlaceholder: (key, anchor) => setPhEdit({ key, anchor }), jumpTo: focusNode });
  }, [inline, focusNode]);
  const nodeViews = useMemo(() => inline.nodeViews(), [inline]);

  /** Set the profile: every placeholder chip shows its new value at once. */
  const applyProfile = useCallback(
    (next: ProjectProfile) => {
      profileRef.current = next;
      inline.setProfile(next);
      setProfileState(next);
    },
    [inline],
  );

  const env = useMemo<EditorEnv>(() => {
    const profileOf = () => schemaProfile((inline.profile as ProjectProfile | null) ?? UNTITLED_PROFILE);
    return { library, inline, extra: library ? [clauseDropPlugin(library, profileOf)] : [] };
  }, [library, inline]);

  const onState = useCallback(
    (next: EditorState, tr: Transaction | null) => {
      store.set(next);
      updateFlags(next);
      window.clearTimeout(publishTimer.current);
      if (!tr) {
        setEditorState(next);
        return;
      }
      const publish = () => {
        const v = viewRef.current;
        if (v && !v.isDestroyed) setEditorState(v.state);
      };
      if (tr.docChanged && !onlyInlineEdits(tr)) {
        // a structural edit (a move, a new section, an undo): the outline and panels follow
        // at once, right after the frame that shows the edit
        requestAnimationFrame(() => {
          window.clearTimeout(publishTimer.current);
          publishTimer.current = window.setTimeout(publish, 0);
        });
      } else {
        // typing: the panels, outline and status bar catch up once the drafter pauses
        publishTimer.current = window.setTimeout(publish, PUBLISH_DELAY_MS);
      }
    },
    [store, updateFlags],
  );

  const dispatch = useCallback((tr: Transaction) => {
    const v = viewRef.current;
    if (v && !v.isDestroyed) v.dispatch(tr);
  }, []);

  const runCommand = useCallback((cmd: Command): boolean => {
    const v = viewRef.current;
    if (!v) return false;
    const done = cmd(v.state, v.dispatch, v);
    v.focus();
    return done;
  }, []);

  const loadDocument = useCallback(
    (next: PMNode, p: Project, prof: ProjectProfile) => {
      const v = viewRef.current;
      if (!v) return;
      profileRef.current = prof;
      inline.setProfile(prof);
      setProfileState(prof);
      setAnalysis(null);
      setPhEdit(null);
      setMatrixOpen(false);
      v.updateState(createEditorState(next, env));
      projectRef.current = p;
      setProject(p);
      onState(v.state, null);
      setStart({ open: false, canGoBack: false });
      requestAnimationFrame(() => {
        v.focus();
        v.dom.closest('.ow-editor-scroll')?.scrollTo({ top: 0 });
      });
    },
    [env, inline, onState],
  );

  // ------------------------------------------------------------------ coverage and checks, off the keystroke path

  useEffect(() => {
    if (!doc) return;
    if (analysis && analysis.doc === doc && analysis.profile === profile) return;
    let idle = 0;
    const timer = setTimeout(() => {
      const run = () => {
        let report: CoverageReport | null = null;
        let findings: readonly LintFinding[] = NO_FINDINGS;
        let summary: CoverageSummary | null = null;
        if (library) {
          try {
            report = analyze(doc, library, { kind: profile.kind, profile: schemaProfile(profile) });
            summary = summarize(report);
            findings = lint(doc, library, { profile: schemaProfile(profile) });
          } catch (e) {
            // a bug in a check must not cost the drafter the editor
            console.error('coverage check failed', e);
            notify(`The coverage check failed: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        setAnalysis({ doc, profile, report, lint: findings, summary, words: wordCount(doc) });
      };
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(run, { timeout: 400 });
      else run();
    }, ANALYSIS_DELAY_MS);
    return () => {
      clearTimeout(timer);
      if (idle && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
    };
  }, [doc, profile, library, analysis, notify]);

  // ------------------------------------------------------------------ files

  const confirmDiscard = useCallback(async () => {
    if (!dirtyRef.current) return true;
    const ok = await confirm(
      'Discard unsaved changes?',
      `“${projectRef.current.name}” has changes that are not saved. They will be lost.`,
      'Discard changes',
    );
    // kept: from the start screen, back to the draft (to save it, say)
    if (!ok) setStart((s) => (s.open && s.canGoBack ? { open: false, canGoBack: false } : s));
    return ok;
  }, [confirm]);

  // review of an imported ordinance (renderer/review): read-only until a copy is edited
  const review = useReviewMode({ host, library, doc, load: loadDocument, confirmDiscard, showError, notify });
  const readOnly = review.readOnly;

  const fileToSave = useCallback((): { file: ProjectFile; doc: PMNode } | null => {
    const v = viewRef.current;
    if (!v) return null;
    const cleaned = cleanProfile(profileRef.current);
    if (cleaned !== profileRef.current) applyProfile(cleaned);
    return { file: { ...projectRef.current.file, profile: cleaned, exportOptions: currentExportOptions() }, doc: v.state.doc };
  }, [applyProfile, currentExportOptions]);

  const saveAs = useCallback(async (): Promise<boolean> => {
    const s = fileToSave();
    if (!s) return false;
    const out = projectText(s.file, s.doc);
    const r = await host.api.saveProjectAs({ suggestedName: projectRef.current.name, text: out.text });
    if (!r.ok) {
      showError('The project could not be saved', r.error);
      return false;
    }
    if (r.value.canceled) return false;
    setProject({ path: r.value.path, name: r.value.name, file: out.project, savedDoc: s.doc, savedAt: r.value.savedAt });
    notify(`Saved “${r.value.name}”`);
    return true;
  }, [fileToSave, host, notify, showError]);

  const save = useCallback(async (): Promise<boolean> => {
    const p = projectRef.current;
    if (!p.path) return saveAs();
    const s = fileToSave();
    if (!s) return false;
    const out = projectText(s.file, s.doc);
    setSaving(true);
    const r = await host.api.saveProject({ path: p.path, text: out.text });
    setSaving(false);
    if (!r.ok) {
      // the host no longer lets us write there (moved, or never chosen): ask where instead
      if (r.error.code === 'forbidden' || r.error.code === 'not-found') return saveAs();
      showError('The project could not be saved', r.error);
      return false;
    }
    setProject({ path: r.value.path, name: r.value.name, file: out.project, savedDoc: s.doc, savedAt: r.value.savedAt });
    notify(`Saved “${r.value.name}”`);
    return true;
  }, [fileToSave, host, notify, saveAs, showError]);

  const openText = useCallback(
    (text: string, name: string, path: string | null) => {
      let read: ReturnType<typeof readProject>;
      try {
        read = readProject(text, `“${name}”`);
      } catch (e) {
        // the current document stays as it was
        showError('The project could not be opened', e instanceof ProjectReadError ? e : new Error(String(e)));
        return false;
      }
      const d = read.project.doc;
      loadDocument(d, { path, name, file: read.project, savedDoc: d, savedAt: null }, read.project.profile);
      const w = read.warnings.length;
      notify(w ? `Opened “${name}” with ${w} ${w === 1 ? 'warning' : 'warnings'}: ${read.warnings[0]}` : `Opened “${name}”`);
      return true;
    },
    [loadDocument, notify, showError],
  );

  const open = useCallback(
    async (path?: string) => {
      if (!(await confirmDiscard())) return;
      const r = await host.api.openProject(path === undefined ? {} : { path });
      if (!r.ok) {
        showError('The project could not be opened', r.error);
        return;
      }
      if (r.value.canceled) return;
      openText(r.value.text, r.value.name, r.value.path);
    },
    [confirmDiscard, host, openText, showError],
  );

  /** File › New: the start screen, over the draft (which stays as it is until something else is opened). */
  const showStart = useCallback(() => {
    setPhEdit(null);
    setStart((s) => (s.open ? s : { open: true, canGoBack: true }));
  }, []);

  const startBlank = useCallback(async () => {
    if (!(await confirmDiscard())) return;
    const r = await host.api.newProject({});
    if (!r.ok) {
      showError('A new project could not be started', r.error);
      return;
    }
    const file = blankProject(undefined, library?.info.version);
    loadDocument(file.doc, { path: null, name: UNTITLED, file, savedDoc: file.doc, savedAt: null }, file.profile);
  }, [confirmDiscard, host, library, loadDocument, showError]);

  const startComposed = useCallback(
    async (c: Composed, presetLabel: string) => {
      if (!(await confirmDiscard())) return;
      const r = await host.api.newProject({});
      if (!r.ok) {
        showError('A new project could not be started', r.error);
        return;
      }
      const file = newProject({ doc: c.doc, profile: c.profile, template: c.templateId, preset: c.presetId, libraryVersion: library?.info.version ?? '', title: c.title });
      loadDocument(c.doc, { path: null, name: c.name, file, savedDoc: c.doc, savedAt: null }, c.profile);
      notify(composeNotice(c, presetLabel));
    },
    [confirmDiscard, host, library, loadDocument, notify, showError],
  );

  const startSample = useCallback(
    async (s: SampleDraft) => {
      if (!(await confirmDiscard())) return;
      let text: string;
      try {
        text = await s.load();
      } catch (e) {
        showError('The sample draft could not be opened', e instanceof Error ? e : new Error(String(e)));
        return;
      }
      // a copy: saving asks for a name, the sample itself never changes
      openText(text, `${s.jurisdiction || s.title} (sample)`, null);
    },
    [confirmDiscard, openText, showError],
  );

  /** A recovery copy (desktop shell): the document it holds, as unsaved changes. */
  const restoreRecovery = useCallback(
    (item: RecoveryItem): boolean => {
      let read: ReturnType<typeof readProject>;
      try {
        read = readProject(item.text, `The recovered copy of “${item.name}”`);
      } catch (e) {
        showError('The recovered copy could not be opened', e instanceof Error ? e : new Error(String(e)));
        return false;
      }
      const d = read.project.doc;
      loadDocument(d, { path: item.path, name: item.name, file: read.project, savedDoc: d, savedAt: null, restored: true }, read.project.profile);
      return true;
    },
    [loadDocument, showError],
  );

  /** The project's text as a save would write it now (autosave's recovery copies). */
  const currentProjectText = useCallback((): string | null => {
    const v = viewRef.current;
    if (!v) return null;
    return projectText({ ...projectRef.current.file, profile: cleanProfile(profileRef.current), exportOptions: currentExportOptions() }, v.state.doc).text;
  }, [currentExportOptions]);

  /** A clause from the drafter's own library, inserted at the cursor like a library clause. */
  const insertUserClause = useCallback(
    (clause: Clause) => {
      const v = viewRef.current;
      const variant = clause.variants[0];
      if (!v || !variant) return;
      const base = library ?? EMPTY_LIBRARY;
      const withClause: Library = { ...base, clauses: [...base.clauses, clause], clauseById: new Map([...base.clauseById, [clause.id, clause]]) };
      if (insertClause(withClause, clause.id, variant.id, profileRef.current)(v.state, v.dispatch)) notify(`Inserted “${clause.title}” from your clause library.`);
      else notify(`“${clause.title}” cannot go into the ordinance at the cursor (it may conflict with a clause already there).`);
      v.focus();
    },
    [library, notify],
  );

  // ------------------------------------------------------------------ actions

  const changeZoom = useCallback((dir: -1 | 0 | 1) => {
    setZoom((z) => {
      const next = stepZoom(z, dir);
      saveZoom(next);
      return next;
    });
  }, []);

  const openFind = useCallback((replace: boolean) => {
    setMatrixOpen(false);
    // start from the selected words, as editors do
    let query = '';
    const v = viewRef.current;
    if (v) {
      const { from, to, empty } = v.state.selection;
      const text = empty || to - from > 200 ? '' : v.state.doc.textBetween(from, to, ' ');
      if (!text.includes('\n')) query = text;
    }
    setFind((f) => (f ? { ...f, replace: replace || f.replace, token: f.token + 1 } : { replace, token: 1, query }));
  }, []);

  const openProfile = useCallback((key?: string) => {
    setLeftOpen(true);
    setLeftTab('profile');
    setProfileFocus((f) => ({ key: key ?? 'jurisdiction_name', n: (f?.n ?? 0) + 1 }));
  }, []);

  // from the outline (the focus stays there, on the moved section); positions are read
  // from the editor's latest state, never from what the outline last rendered
  const stepSection = useCallback((id: string, dir: 'up' | 'down') => {
    const v = viewRef.current;
    return v ? moveSection(id, dir)(v.state, v.dispatch) : false;
  }, []);
  const dropSection = useCallback((id: string, targetId: string, where: 'before' | 'after') => {
    const v = viewRef.current;
    if (!v) return false;
    const ids: string[] = [];
    v.state.doc.forEach((n) => {
      if (n.type.name === 'section') ids.push(n.attrs.id as string);
    });
    const from = ids.indexOf(id);
    const at = ids.indexOf(targetId);
    if (from < 0 || at < 0) return false;
    let to = where === 'before' ? at : at + 1;
    if (from < to) to -= 1;
    return moveSectionTo(id, to)(v.state, v.dispatch);
  }, []);

  // One file operation at a time: a second Ctrl+S while a save dialog is open, or a
  // menu accelerator and a key handler both firing, must not start another.
  const busyRef = useRef(false);
  const exclusive = useCallback((op: () => Promise<unknown>) => {
    if (busyRef.current) return;
    busyRef.current = true;
    void op().finally(() => {
      busyRef.current = false;
    });
  }, []);

  const handleAction = useCallback(
    (action: MenuAction, path?: string) => {
      switch (action) {
        case 'new':
          return showStart();
        case 'open':
          return exclusive(() => open());
        case 'open-recent':
        case 'open-path':
          return exclusive(() => open(path));
        case 'save':
          return exclusive(save);
        case 'save-as':
          return exclusive(saveAs);
        case 'export':
          return start.open ? undefined : openExport();
        case 'import':
          return review.importFile();
        case 'undo':
          return void runCommand(undo);
        case 'redo':
          return void runCommand(redo);
        case 'find':
          return openFind(false);
        case 'replace':
          return openFind(true);
        case 'zoom-in':
          return changeZoom(1);
        case 'zoom-out':
          return changeZoom(-1);
        case 'reset-zoom':
          return changeZoom(0);
        case 'coverage-matrix':
          return start.open ? undefined : setMatrixOpen((v) => !v);
        case 'toggle-left-sidebar':
          return setLeftOpen((v) => !v);
        case 'toggle-right-sidebar':
          return setRightOpen((v) => !v);
        case 'about':
          return setDialog({ kind: 'about' });
        case 'insert-cross-reference': {
          const v = viewRef.current;
          if (v && !start.open && !readOnly) setDialog({ kind: 'xref', doc: v.state.doc });
          return;
        }
        case 'show-definition': {
          const v = viewRef.current;
          if (v && !showDefinitionAtCursor(v)) notify('Put the cursor in a defined term (the words with a dotted underline) to see its definition.');
          return;
        }
        case 'open-user-library':
        case 'save-to-user-library':
          // the desktop shell (renderer/shell) handles these
          return;
      }
    },
    [changeZoom, exclusive, notify, open, openExport, openFind, readOnly, review, runCommand, save, saveAs, showStart, start.open],
  );

  // Native menu (desktop) and keyboard shortcuts (both hosts) lead to the same actions.
  const actionRef = useRef(handleAction);
  useLayoutEffect(() => {
    actionRef.current = handleAction;
  }, [handleAction]);

  useEffect(() => host.onMenu((e: MenuEvent) => actionRef.current(e.action, e.path)), [host]);

  // the keys the workspace handles itself (the editor's own are in editor/setup.ts)
  const keysRef = useRef({ start, dialog, changeZoom, openFind, readOnly });
  useLayoutEffect(() => {
    keysRef.current = { start, dialog, changeZoom, openFind, readOnly };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const k = keysRef.current;
      const inWorkspace = !k.start.open && !k.dialog;
      if (e.key === 'F1' || ((isMac ? e.metaKey : e.ctrlKey) && e.key === '/')) {
        e.preventDefault();
        if (!k.dialog) setDialog({ kind: 'shortcuts' });
        return;
      }
      if (e.altKey) return;
      const mod = isMac ? e.metaKey : e.ctrlKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      if (inWorkspace && !e.shiftKey && (key === '=' || key === '+' || key === '-' || key === '0')) {
        e.preventDefault();
        k.changeZoom(key === '0' ? 0 : key === '-' ? -1 : 1);
        return;
      }
      if (inWorkspace && key === 'h' && !e.shiftKey) {
        e.preventDefault();
        k.openFind(true);
        return;
      }
      if (inWorkspace && key === 'k' && !e.shiftKey) {
        e.preventDefault();
        const v = viewRef.current;
        if (!k.readOnly && v) setDialog({ kind: 'xref', doc: v.state.doc });
        return;
      }
      const action: MenuAction | null =
        key === 's' ? (e.shiftKey ? 'save-as' : 'save')
        : key === 'o' && !e.shiftKey ? 'open'
        : key === 'e' && !e.shiftKey ? 'export'
        : key === 'f' && !e.shiftKey ? 'find'
        : key === 'l' && e.shiftKey ? 'toggle-left-sidebar'
        : key === 'k' && e.shiftKey ? 'toggle-right-sidebar'
        : null;
      if (!action) return;
      if (!inWorkspace && action !== 'open') return;
      e.preventDefault();
      actionRef.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${project.name} — Ordwright`;
  }, [dirty, project.name]);

  // A browser tab closed with unsaved work asks first. (On the desktop an unload that
  // is prevented would silently keep the window open, so main handles closing there.)
  useEffect(() => {
    if (host.kind !== 'browser' || !dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty, host.kind]);

  // Development and test builds only: a hook for the benchmark (never in a release build).
  useEffect(() => {
    if (!(import.meta.env.DEV || import.meta.env.VITE_ORDWRIGHT_TEST_HOOKS === '1')) return;
    const hook = {
      /** Load a document (ProseMirror JSON) as a new, unsaved project; returns its number of sections. */
      loadDocJSON(json: unknown, prof: ProjectProfile = UNTITLED_PROFILE): number {
        const r = parseDocumentJson(json);
        if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
        const file = newProject({ doc: r.doc, profile: prof, template: null, preset: null, libraryVersion: library?.info.version ?? '' });
        loadDocument(r.doc, { path: null, name: UNTITLED, file, savedDoc: r.doc, savedAt: null }, prof);
        return countSections(r.doc);
      },
      docJSON: () => viewRef.current?.state.doc.toJSON() as unknown,
    };
    (window as unknown as { __ordwright?: typeof hook }).__ordwright = hook;
    return () => {
      delete (window as unknown as { __ordwright?: typeof hook }).__ordwright;
    };
  }, [library, loadDocument]);

  const viewRefSetter = useMemo(
    () => ({
      get current() {
        return viewRef.current;
      },
      set current(v: EditorView | null) {
        viewRef.current = v;
        setView(v);
      },
    }),
    [],
  );

  const initialState = useCallback(() => createEditorState(initialFile.doc, env), [initialFile, env]);
  const { canUndo, canRedo } = flags;
  const location = project.path ? (host.kind === 'browser' ? 'In this browser' : project.path) : host.kind === 'browser' ? 'Browser build' : 'Desktop';
  const mod = isMac ? '⌘' : 'Ctrl+';

  const schemaProf = useMemo(() => schemaProfile(profile), [profile]);
  const setProfileFromPanel = useCallback(
    (next: Profile) => applyProfile({ id: next.id, name: next.name, kind: next.kind, ...(next.description ? { description: next.description } : {}), values: { ...next.values } }),
    [applyProfile],
  );
  const workspace = useMemo<Workspace>(
    () => ({
      library: library ?? EMPTY_LIBRARY,
      state: editorState,
      view,
      dispatch,
      profile: schemaProf,
      setProfile: setProfileFromPanel,
      report: analysis?.report ?? null,
      lint: analysis?.lint ?? NO_FINDINGS,
      focusNode,
      notify,
      readOnly,
    }),
    [library, editorState, view, dispatch, schemaProf, setProfileFromPanel, analysis, focusNode, notify, readOnly],
  );

  const unfilled = useMemo(() => {
    if (!analysis) return 0;
    let n = 0;
    const seen = new Set<string>();
    analysis.doc.descendants((node) => {
      if (node.type.name === 'placeholder') {
        const key = node.attrs.key as string;
        if (!seen.has(key)) {
          seen.add(key);
          if (resolvePlaceholder(profile, key) === null) n++;
        }
      }
      return true;
    });
    return n;
  }, [analysis, profile]);

  return (
    <WorkspaceContext.Provider value={workspace}>
      <div
        className={`ow-app${leftOpen && !matrixOpen ? '' : ' ow-no-left'}${rightOpen && !matrixOpen ? '' : ' ow-no-right'}`}
        hidden={start.open}
        data-testid="workspace"
      >
        <header className="ow-header">
          <div className="ow-brand">
            <Logo />
            <span className="ow-brand-name">Ordwright</span>
          </div>
          <div className="ow-docname" data-testid="doc-name">
            <span className="ow-docname-text">{project.name}</span>
            {dirty ? <span className="ow-dirty-dot" title="Unsaved changes" aria-label="Unsaved changes" /> : null}
          </div>
          <nav className="ow-toolbar" aria-label="Toolbar">
            <button type="button" className="ow-icon-btn" title="New project" aria-label="New project" onClick={() => handleAction('new')}>
              <IconNew />
            </button>
            <button type="button" className="ow-tool-btn" title={`Open (${mod}O)`} onClick={() => handleAction('open')}>
              <IconOpen />
              <span>Open</span>
            </button>
            <button type="button" className="ow-tool-btn" title={`Save (${mod}S)`} onClick={() => handleAction('save')}>
              <IconSave />
              <span>Save</span>
            </button>
            <span className="ow-toolbar-sep" />
            <button type="button" className="ow-icon-btn" title={`Undo (${mod}Z)`} aria-label="Undo" disabled={!canUndo} onClick={() => handleAction('undo')}>
              <IconUndo />
            </button>
            <button type="button" className="ow-icon-btn" title={`Redo (${mod}Shift+Z)`} aria-label="Redo" disabled={!canRedo} onClick={() => handleAction('redo')}>
              <IconRedo />
            </button>
            <button type="button" className="ow-icon-btn" title={`Find and replace (${mod}F, ${mod}H)`} aria-label="Find" onClick={() => handleAction('find')}>
              <IconFind />
            </button>
            <span className="ow-toolbar-sep" />
            <button
              type="button"
              className="ow-tool-btn"
              title="The jurisdiction profile: every placeholder’s value"
              aria-label={`Jurisdiction profile: ${profile.name}${unfilled ? `, ${unfilled} placeholders to fill` : ''}`}
              onClick={() => openProfile()}
              data-testid="profile-button"
            >
              <IconProfile />
              <span className="ow-tool-label">{profile.name}</span>
              {unfilled ? <span className="ow-badge ow-badge-warn">{unfilled}</span> : null}
            </button>
            <button
              type="button"
              className="ow-icon-btn"
              title="My clause library: your own clauses, to reuse across drafts"
              aria-label="My clause library"
              onClick={() => requestShell({ kind: 'open-user-library' })}
            >
              <IconClauses />
            </button>
            <button
              type="button"
              className="ow-tool-btn"
              aria-pressed={matrixOpen}
              title="Coverage matrix: every route against every section"
              onClick={() => setMatrixOpen((m) => !m)}
            >
              <IconMatrix />
              <span>Coverage matrix</span>
            </button>
            <span className="ow-toolbar-sep" />
            <button type="button" className="ow-icon-btn" title="Import a Word document" aria-label="Import" onClick={() => handleAction('import')}>
              <IconImport />
            </button>
            <button type="button" className="ow-tool-btn" title="Export to Word" onClick={() => handleAction('export')}>
              <IconExport />
              <span>Export</span>
            </button>
          </nav>
          <div className="ow-pane-toggles">
            <button
              type="button"
              className="ow-icon-btn"
              aria-pressed={leftOpen}
              title="Show or hide the clause library, outline and profile"
              aria-label="Toggle clause library and outline"
              onClick={() => handleAction('toggle-left-sidebar')}
            >
              <IconLeftPane />
            </button>
            <button
              type="button"
              className="ow-icon-btn"
              aria-pressed={rightOpen}
              title="Show or hide coverage and checks"
              aria-label="Toggle coverage and checks"
              onClick={() => handleAction('toggle-right-sidebar')}
            >
              <IconRightPane />
            </button>
          </div>
        </header>

        {leftOpen && !matrixOpen ? (
          <LeftSidebar tab={leftTab} onTab={setLeftTab}>
            {leftTab === 'library' ? <LibraryPanel /> : null}
            {leftTab === 'outline' ? <Outline doc={doc} readOnly={readOnly} onGoTo={focusNode} onStep={stepSection} onDrop={dropSection} /> : null}
            {leftTab === 'profile' ? <ProfilePanel profile={profile} onChange={applyProfile} doc={doc} focusKey={profileFocus} readOnly={readOnly} /> : null}
          </LeftSidebar>
        ) : null}

        {matrixOpen ? (
          <section className="ow-matrix-pane" aria-label="Coverage matrix">
            <MatrixView />
          </section>
        ) : null}

        <main className="ow-editor-pane" hidden={matrixOpen}>
          <ReviewBanner review={review} />
          {find ? (
            <FindBar
              viewRef={viewRef}
              store={store}
              initialQuery={find.query}
              replace={find.replace}
              focusToken={find.token}
              onReplaceToggle={(on) => setFind((f) => (f ? { ...f, replace: on } : f))}
              onClose={() => setFind(null)}
              notify={notify}
              readOnly={readOnly}
            />
          ) : null}
          <div className="ow-editor-scroll">
            <Editor initialState={initialState} onState={onState} viewRef={viewRefSetter} nodeViews={nodeViews} readOnly={readOnly} zoom={zoom} />
          </div>
          {phEdit ? (
            <PlaceholderField
              key={phEdit.key}
              placeholderKey={phEdit.key}
              anchor={phEdit.anchor}
              value={profile.values[phEdit.key as keyof typeof profile.values] ?? ''}
              onSave={(value) => {
                const values = { ...profileRef.current.values };
                const k = phEdit.key as keyof typeof values;
                if (value.trim()) values[k] = value;
                else delete values[k];
                applyProfile({ ...profileRef.current, values });
                setPhEdit(null);
                viewRef.current?.focus();
              }}
              onClose={(refocus) => {
                setPhEdit(null);
                if (refocus) viewRef.current?.focus();
              }}
              onOpenProfile={() => {
                const key = phEdit.key;
                setPhEdit(null);
                openProfile(key);
              }}
            />
          ) : null}
        </main>

        {rightOpen && !matrixOpen ? (
          <RightSidebar>
            {review.session ? <WeakSpotsPanel review={review} /> : null}
            <CoveragePanel />
            <ChecksPanel />
          </RightSidebar>
        ) : null}
        <ReviewLayer review={review} />

        <StatusBar
          saveState={saveState}
          savedAt={project.savedAt}
          location={location}
          sections={sections}
          words={analysis ? analysis.words : null}
          summary={analysis?.summary ?? null}
          notice={notice}
          zoom={zoom}
          onResetZoom={() => changeZoom(0)}
          onShowCoverage={() => {
            setMatrixOpen(false);
            setRightOpen(true);
          }}
        />
      </div>

      {start.open ? (
        <StartScreen
          library={library}
          libraryError={libraryError}
          host={host}
          onCreate={(c, label) => exclusive(() => startComposed(c, label))}
          onBlank={() => exclusive(startBlank)}
          onOpen={(path) => exclusive(() => open(path))}
          onOpenSample={(s) => exclusive(() => startSample(s))}
          onBack={start.canGoBack ? () => setStart({ open: false, canGoBack: false }) : null}
        />
      ) : null}

      {host.prompts ? <HostPrompts store={host.prompts} /> : null}
      {/* autosave and recovery, the close guard, dropped files, the user clause library (renderer/shell) */}
      <DesktopShell
        host={host}
        dirty={dirty}
        doc={doc}
        profile={profile}
        name={project.name}
        path={project.path}
        projectText={currentProjectText}
        save={save}
        restore={restoreRecovery}
        editor={() => viewRef.current}
        onInsertClause={insertUserClause}
        notify={notify}
      />
      {dialog?.kind === 'confirm' ? (
        <ConfirmDialog
          title={dialog.title}
          message={dialog.message}
          confirmLabel={dialog.confirmLabel}
          onDone={(ok) => {
            setDialog(null);
            dialog.resolve(ok);
          }}
        />
      ) : null}
      {dialog?.kind === 'message' ? <MessageDialog title={dialog.title} message={dialog.message} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'about' ? <AboutDialog version={version} hostKind={host.kind} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'shortcuts' ? <ShortcutsDialog onClose={() => setDialog(null)} /> : null}
      <ExportDialog exporter={exporter} />
      {dialog?.kind === 'xref' ? (
        <XrefPicker
          doc={dialog.doc}
          profile={profile}
          onCancel={() => {
            setDialog(null);
            viewRef.current?.focus();
          }}
          onPick={(id) => {
            setDialog(null);
            if (!runCommand(insertXref(id))) notify('A cross-reference cannot go here: put the cursor in the text of a provision.');
          }}
        />
      ) : null}
    </WorkspaceContext.Provider>
  );
}

/** What the panels get when the library could not be read: nothing to list, nothing to check against. */
const EMPTY_LIBRARY: Library = {
  info: { name: '', version: '0.0.0' },
  routes: [],
  clauses: [],
  templates: [],
  profiles: [],
  routeById: new Map(),
  clauseById: new Map(),
  definitionByTerm: new Map(),
  templateById: new Map(),
  profileById: new Map(),
};
