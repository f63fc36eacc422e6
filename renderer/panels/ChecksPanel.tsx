import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { NodeSelection, TextSelection } from 'prosemirror-state';
import { lint, type LintFinding, type LintSeverity } from '../../core/coverage/lint';
import type { Workspace } from '../workspace/context';
import { useWorkspace } from '../workspace/context';
import { currentState } from './insert';
import { plural } from './shared';
import './panels.css';

const SEVERITY_ORDER: LintSeverity[] = ['error', 'warning', 'info'];
const SEVERITY_TITLE: Record<LintSeverity, string> = { error: 'Errors', warning: 'Warnings', info: 'Notes' };
const SEVERITY_ONE: Record<LintSeverity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };

/**
 * The finding as it stands in the current document. The list may be a keystroke
 * behind (lint runs off the keystroke path), so positions and fixes are taken from a
 * fresh lint of the current document when the same finding is still there.
 */
function fresh(w: Workspace, f: LintFinding): LintFinding | null {
  const state = currentState(w);
  if (!state) return null;
  const now = lint(state.doc, w.library, { profile: w.profile });
  return now.find((x) => x.rule === f.rule && x.nodeId === f.nodeId && x.message === f.message) ?? null;
}

function goTo(w: Workspace, f: LintFinding): void {
  const view = w.view;
  const state = currentState(w);
  if (!view || !state) return;
  const size = state.doc.content.size;
  if (f.from !== undefined && f.to !== undefined && f.from >= 0 && f.to <= size && f.from <= f.to) {
    const sel = f.to > f.from ? TextSelection.between(state.doc.resolve(f.from), state.doc.resolve(f.to)) : TextSelection.near(state.doc.resolve(f.from));
    // an atom (a cross-reference, a placeholder) is selected as a node
    const node = f.to === f.from + 1 ? state.doc.nodeAt(f.from) : null;
    const selection = node && node.isAtom && NodeSelection.isSelectable(node) ? NodeSelection.create(state.doc, f.from) : sel;
    view.dispatch(state.tr.setSelection(selection).scrollIntoView());
    view.focus();
    return;
  }
  if (f.nodeId) {
    w.focusNode(f.nodeId);
    return;
  }
  if (f.pos >= 0 && f.pos <= size) {
    view.dispatch(state.tr.setSelection(TextSelection.near(state.doc.resolve(Math.min(f.pos + 1, size)))).scrollIntoView());
    view.focus();
  }
}

/** Apply a finding's fix as one undoable transaction, or say why it could not be applied. */
function applyFix(w: Workspace, f: LintFinding): void {
  const state = currentState(w);
  if (!state) return;
  if (w.readOnly) return w.notify('This ordinance is open for review only.');
  const now = fresh(w, f);
  if (!now?.fix) return w.notify('That finding is no longer in the ordinance; the checks are updating.');
  try {
    const t = now.fix.apply(state.doc);
    const tr = state.tr;
    for (const step of t.steps) {
      const r = tr.maybeStep(step);
      if (r.failed) throw new Error(r.failed);
    }
    if (!tr.docChanged) return w.notify(`Nothing to change: ${now.fix.description.toLowerCase()}.`);
    w.dispatch(tr.scrollIntoView());
    w.notify(`Fixed: ${now.fix.description}.`);
  } catch (e) {
    w.notify(`The fix could not be applied: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The drafting checks: lint findings by severity; click one to go to it, Fix to apply its fix. */
export function ChecksPanel() {
  const w = useWorkspace();
  const { lint: findings, readOnly } = w;
  const headingId = useId();
  const wRef = useRef(w);
  useLayoutEffect(() => {
    wRef.current = w;
  });
  const onGo = useCallback((f: LintFinding) => goTo(wRef.current, fresh(wRef.current, f) ?? f), []);
  const onFix = useCallback((f: LintFinding) => applyFix(wRef.current, f), []);
  const [collapsed, setCollapsed] = useState<ReadonlySet<LintSeverity>>(() => new Set(['info']));

  const groups = useMemo(() => SEVERITY_ORDER.map((s) => ({ severity: s, items: findings.filter((f) => f.severity === s) })).filter((g) => g.items.length > 0), [findings]);
  const problems = findings.filter((f) => f.severity !== 'info').length;

  return (
    <section className="owp-checks" aria-labelledby={headingId} data-testid="checks-panel">
      <header className="ow-panel-header owp-panel-header">
        <h2 id={headingId}>Checks</h2>
        <span className={problems ? 'ow-badge ow-badge-warn' : 'ow-badge ow-badge-muted'} aria-label={plural(findings.length, 'finding')}>
          {findings.length}
        </span>
      </header>
      {findings.length === 0 ? (
        <p className="owp-empty" role="status">
          No drafting problems found: terms are defined, cross-references resolve, placeholders are filled.
        </p>
      ) : null}
      {groups.map((g) => {
        const open = !collapsed.has(g.severity);
        return (
          <div key={g.severity} className={`owp-lint-group owp-lint-${g.severity}`}>
            <h3>
              <button
                type="button"
                className="owp-group-toggle"
                aria-expanded={open}
                onClick={() =>
                  setCollapsed((s) => {
                    const n = new Set(s);
                    if (n.has(g.severity)) n.delete(g.severity);
                    else n.add(g.severity);
                    return n;
                  })
                }
              >
                <span className="owp-chevron" aria-hidden="true">
                  ▸
                </span>
                <SeverityMark severity={g.severity} /> {SEVERITY_TITLE[g.severity]} <span className="owp-lib-meta">({g.items.length})</span>
              </button>
            </h3>
            {open ? (
              <ul className="owp-lint-list">
                {g.items.map((f, i) => (
                  <FindingRow key={`${f.rule}:${f.nodeId}:${f.from ?? f.pos}:${i}`} finding={f} onGo={onGo} onFix={onFix} readOnly={readOnly} />
                ))}
              </ul>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}

function SeverityMark({ severity }: { severity: LintSeverity }) {
  return (
    <svg className={`owp-icon owp-lint-icon-${severity}`} width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {severity === 'error' ? (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="var(--owp-on-status, #fff)" strokeWidth="1.8" strokeLinecap="round" />
        </>
      ) : severity === 'warning' ? (
        <>
          <path d="M8 1.5 15 14.2H1z" fill="currentColor" />
          <path d="M8 6v3.8" stroke="var(--owp-on-status, #fff)" strokeWidth="1.7" strokeLinecap="round" />
          <circle cx="8" cy="12" r="0.95" fill="var(--owp-on-status, #fff)" />
        </>
      ) : (
        <>
          <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 7.2v4" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
          <circle cx="8" cy="4.9" r="0.95" fill="currentColor" />
        </>
      )}
    </svg>
  );
}

const FindingRow = memo(
  function FindingRow({ finding: f, onGo, onFix, readOnly }: { finding: LintFinding; onGo: (f: LintFinding) => void; onFix: (f: LintFinding) => void; readOnly: boolean }) {
    return (
      <li className="owp-finding" data-rule={f.rule}>
        <button type="button" className="owp-finding-go" onClick={() => onGo(f)} title="Go to the spot in the ordinance">
          <span className="owp-visually-hidden">{SEVERITY_ONE[f.severity]}: </span>
          <span className="owp-finding-msg">{f.message}</span>
          <span className="owp-finding-where">{f.label ?? where(f)}</span>
        </button>
        {f.fix && !readOnly ? (
          <button type="button" className="ow-btn ow-btn-small" onClick={() => onFix(f)} title={f.fix.description} aria-label={`Fix: ${f.fix.description}`}>
            Fix
          </button>
        ) : null}
      </li>
    );
  },
  (a, b) => a.onGo === b.onGo && a.onFix === b.onFix && a.readOnly === b.readOnly && sameFinding(a.finding, b.finding),
);

function sameFinding(a: LintFinding, b: LintFinding): boolean {
  // the fix is a fresh closure on every lint (what it does is in its description); positions
  // are looked up again on click, so a finding that only moved need not re-render
  return a.rule === b.rule && a.message === b.message && a.label === b.label && a.nodeId === b.nodeId && a.fix?.description === b.fix?.description;
}

function where(f: LintFinding): string {
  return f.nodeId ? 'Unnumbered part' : 'Title, preamble or adoption';
}
