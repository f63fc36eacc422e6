// Dev-only harness: the four panels around a real editor, with a composed city
// ordinance, so they can be developed and looked at before App.tsx mounts them.
// Served by the Vite dev server at /panels/dev.html; never part of the production build.
import '../../core/strict-csp';
import { StrictMode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import 'prosemirror-view/style/prosemirror.css';
import '../styles.css';
import { analyze } from '../../core/coverage/analyze';
import { lint, type LintFinding } from '../../core/coverage/lint';
import type { CoverageReport } from '../../core/coverage/types';
import { compose } from '../../core/document/compose';
import { findById } from '../../core/document/ids';
import type { Profile } from '../../core/schema';
import { bundledLibrary } from '../library';
import { editorPlugins } from '../editor/setup';
import { WorkspaceContext, type Workspace } from '../workspace/context';
import { ChecksPanel, clauseDropPlugin, CoveragePanel, LibraryPanel, MatrixView } from './index';

const library = bundledLibrary();
const params = new URLSearchParams(location.search);
const template = library.templateById.get(params.get('template') ?? 'city-ordinance') ?? library.templates[0]!;
const profile0: Profile = library.profiles.find((p) => p.kind === template.kind) ?? { id: 'dev', name: 'Dev', kind: template.kind, values: {} };

/** Figures for a look at the panels' cost: analysis + lint, and report-to-commit of the panels. */
const timing = { checks: [] as number[], panels: [] as number[] };
(window as unknown as { __panelsTiming?: typeof timing }).__panelsTiming = timing;

/** Rendered after the panels: its layout effect runs when they have committed a new report. */
function Committed({ since, report }: { since: { current: number }; report: CoverageReport | null }) {
  useLayoutEffect(() => {
    if (report && since.current) timing.panels.push(performance.now() - since.current);
  }, [report, since]);
  return null;
}

function Harness() {
  const mount = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const [state, setState] = useState<EditorState | null>(null);
  const [view, setView] = useState<EditorView | null>(null);
  const [profile, setProfile] = useState(profile0);
  const profileRef = useRef(profile);
  const [report, setReport] = useState<CoverageReport | null>(null);
  const [findings, setFindings] = useState<readonly LintFinding[]>([]);
  const [notice, setNotice] = useState('');
  const [matrix, setMatrix] = useState(params.get('matrix') === '1');
  const renderStart = useRef(0);

  useEffect(() => {
    profileRef.current = profile;
  }, [profile]);

  useEffect(() => {
    const el = mount.current;
    if (!el) return;
    const { doc } = compose({ template, presetId: params.get('preset') ?? 'baseline', profile: profileRef.current, library });
    const plugins = editorPlugins({ library, inline: null, extra: [clauseDropPlugin(library, () => profileRef.current, setNotice)] });
    const view: EditorView = new EditorView(el, {
      state: EditorState.create({ doc, plugins }),
      attributes: { class: 'ow-doc', spellcheck: 'false', 'aria-label': 'Ordinance text', 'data-testid': 'editor' },
      dispatchTransaction(tr) {
        view.updateState(view.state.apply(tr));
        setState(view.state);
      },
    });
    viewRef.current = view;
    setState(view.state);
    setView(view);
    (window as unknown as { __ordwrightView?: EditorView }).__ordwrightView = view;
    return () => view.destroy();
  }, []);

  // coverage and lint off the keystroke path: after the frame that shows the keystroke
  const doc = state?.doc;
  useEffect(() => {
    if (!doc) return;
    const t = setTimeout(() => {
      const a = performance.now();
      const r = analyze(doc, library, { kind: profile.kind });
      const f = lint(doc, library, { profile });
      timing.checks.push(performance.now() - a);
      renderStart.current = performance.now();
      setReport(r);
      setFindings(f);
    }, 30);
    return () => clearTimeout(t);
  }, [doc, profile]);

  const focusNode = useCallback((id: string) => {
    const view = viewRef.current;
    if (!view) return;
    const found = findById(view.state.doc, id);
    if (!found) return setNotice(`Nothing with id "${id}" in the ordinance any more.`);
    setMatrix(false);
    const sel = TextSelection.near(view.state.doc.resolve(Math.min(found.pos + 2, view.state.doc.content.size)));
    view.dispatch(view.state.tr.setSelection(sel).scrollIntoView());
    view.focus();
  }, []);

  const w: Workspace = useMemo(
    () => ({
      library,
      state,
      view,
      dispatch: (tr) => viewRef.current?.dispatch(tr),
      profile,
      setProfile,
      report,
      lint: findings,
      focusNode,
      notify: setNotice,
      readOnly: false,
    }),
    [state, view, profile, report, findings, focusNode],
  );

  return (
    <WorkspaceContext.Provider value={w}>
      <div className="ow-app">
        <header className="ow-header">
          <strong>Panels harness</strong>
          <button type="button" className="ow-btn ow-btn-small" onClick={() => setMatrix((m) => !m)} aria-pressed={matrix}>
            Matrix
          </button>
          <span role="status" data-testid="notice">
            {notice}
          </span>
        </header>
        <aside className="ow-sidebar ow-sidebar-left" aria-label="Clause library">
          <div className="ow-sidebar-body">
            <LibraryPanel />
          </div>
        </aside>
        <main className="ow-editor-pane">
          {matrix ? <MatrixView onClose={() => setMatrix(false)} /> : null}
          <div className="ow-editor-scroll" hidden={matrix}>
            <div ref={mount} className="ow-page" />
          </div>
        </main>
        <aside className="ow-sidebar ow-sidebar-right" aria-label="Coverage and checks">
          <CoveragePanel />
          <ChecksPanel />
          <Committed since={renderStart} report={report} />
        </aside>
      </div>
    </WorkspaceContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
