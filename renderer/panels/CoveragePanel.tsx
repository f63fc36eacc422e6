import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { summarize, type CoverageSummary } from '../../core/coverage/summary';
import type { Address, ElementReport, RouteReport, Suggestion } from '../../core/coverage/types';
import type { Library } from '../../core/library/library';
import type { Category } from '../../core/schema';
import { useWorkspace } from '../workspace/context';
import { applySuggestion, type UseOutcome } from './insert';
import {
  CATEGORY_LABEL,
  CATEGORY_ORDER,
  plural,
  POSITION_KEYS,
  sameData,
  SEVERITY_ORDER,
  SeverityBadge,
  StatusIcon,
  StatusTag,
  STATUS_LABEL,
  StrengthBadge,
} from './shared';
import './panels.css';

type Show = 'all' | 'unclosed';

/**
 * Live coverage: the score and the routes closed, partly closed and open by severity;
 * the routes grouped by category and severity, each expandable to its elements with
 * their status, reason, the provisions that address them (click to go there), what
 * weakened them, and library clauses to insert with one click.
 *
 * The report comes from the workspace, computed off the keystroke path; rows are
 * memoised on their content, so a keystroke that changes nothing in a route does not
 * re-render it.
 */
export function CoveragePanel() {
  const w = useWorkspace();
  const { report, readOnly } = w;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [show, setShow] = useState<Show>('all');
  const headingId = useId();

  const wRef = useRef(w);
  useLayoutEffect(() => {
    wRef.current = w;
  });
  // stable callbacks, so memoised rows do not re-render when the workspace object changes
  const toggle = useCallback((id: string) => setExpanded((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  }), []);
  const go = useCallback((nodeId: string) => wRef.current.focusNode(nodeId), []);
  const insert = useCallback((s: Suggestion, force?: boolean) => applySuggestion(wRef.current, s.clause, s.variant, { force }), []);

  const summary = useMemo(() => (report ? summarize(report) : null), [report]);
  const groups = useMemo(() => {
    if (!report) return [];
    const out: { category: Category; routes: RouteReport[] }[] = [];
    for (const category of CATEGORY_ORDER) {
      const routes = report.routes
        .filter((r) => r.category === category && (show === 'all' || r.status !== 'closed'))
        .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.title.localeCompare(b.title));
      if (routes.length > 0) out.push({ category, routes });
    }
    return out;
  }, [report, show]);

  return (
    <section className="owp-coverage" aria-labelledby={headingId} data-testid="coverage-panel">
      <header className="ow-panel-header owp-panel-header">
        <h2 id={headingId}>Coverage</h2>
        {summary ? (
          <span className="ow-badge ow-badge-muted" data-testid="coverage-score">
            {summary.score}/100
          </span>
        ) : (
          <span className="ow-badge ow-badge-muted">checking…</span>
        )}
      </header>
      {w.library.routes.length === 0 ? (
        <p className="owp-empty" role="status">
          This build has no checklist of bypass routes, so coverage cannot be checked.
        </p>
      ) : !report || !summary ? (
        <p className="owp-empty" role="status">
          Checking the draft against the checklist of bypass routes…
        </p>
      ) : (
        <>
          <Summary summary={summary} />
          {report.exemptions.length > 0 ? (
            <div className="owp-note owp-note-warn" role="note">
              <strong>Broad exemption{report.exemptions.length > 1 ? 's' : ''} in the draft</strong>
              <ul>
                {report.exemptions.map((e, i) => (
                  <li key={i}>
                    <button type="button" className="owp-link" onClick={() => go(e.provision.nodeId)}>
                      {e.provision.label}
                    </button>
                    : “{e.text}” lowers every element it reaches.
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {report.outdated.length > 0 ? (
            <div className="owp-note owp-note-warn" role="note">
              <strong>
                {plural(report.outdated.length, 'clause')} from an older library version
              </strong>
              <ul>
                {report.outdated.map((o, i) => (
                  <li key={i}>
                    <button type="button" className="owp-link" onClick={() => go(o.provision.nodeId)}>
                      {o.provision.label}
                    </button>{' '}
                    ({w.library.clauseById.get(o.clause)?.title ?? o.clause}, library {o.libraryVersion}): the library text has changed since; it is checked by its text.
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="owp-toolbar" role="group" aria-label="Which routes to show">
            <button type="button" className="owp-chip-btn" aria-pressed={show === 'all'} onClick={() => setShow('all')}>
              All routes
            </button>
            <button type="button" className="owp-chip-btn" aria-pressed={show === 'unclosed'} onClick={() => setShow('unclosed')}>
              Not closed ({summary.routes.total - summary.routes.closed})
            </button>
          </div>
          {groups.length === 0 ? <p className="owp-empty">Every route is closed.</p> : null}
          {groups.map((g) => (
            <CategoryGroup
              key={g.category}
              category={g.category}
              routes={g.routes}
              expanded={expanded}
              library={w.library}
              onToggle={toggle}
              onGo={go}
              onInsert={insert}
              readOnly={readOnly}
            />
          ))}
        </>
      )}
    </section>
  );
}

function Summary({ summary }: { summary: CoverageSummary }) {
  const { routes, bySeverity, score } = summary;
  return (
    <div className="owp-summary" data-testid="coverage-summary">
      <div className="owp-score">
        <meter min={0} max={100} low={40} high={75} optimum={100} value={score} aria-label={`Coverage score ${score} out of 100`} />
        <p className="owp-headline">{summary.headline}</p>
      </div>
      <table className="owp-sevtable">
        <caption className="owp-visually-hidden">Routes by severity and status</caption>
        <thead>
          <tr>
            <th scope="col">Severity</th>
            <th scope="col">
              <StatusIcon status="closed" /> Closed
            </th>
            <th scope="col">
              <StatusIcon status="partial" /> Partly
            </th>
            <th scope="col">
              <StatusIcon status="open" /> Open
            </th>
          </tr>
        </thead>
        <tbody>
          {SEVERITY_ORDER.filter((s) => bySeverity[s].total > 0).map((s) => (
            <tr key={s}>
              <th scope="row">
                <SeverityBadge severity={s} />
              </th>
              <td className="owp-n-closed">{bySeverity[s].closed}</td>
              <td className="owp-n-partial">{bySeverity[s].partial}</td>
              <td className="owp-n-open">{bySeverity[s].open}</td>
            </tr>
          ))}
          <tr className="owp-total">
            <th scope="row">All {routes.total}</th>
            <td>{routes.closed}</td>
            <td>{routes.partial}</td>
            <td>{routes.open}</td>
          </tr>
        </tbody>
      </table>
      {summary.weakenedClauses > 0 ? (
        <p className="owp-note owp-note-warn">
          <StatusIcon status="weakened" /> {plural(summary.weakenedClauses, 'library clause')} weakened by editing.
        </p>
      ) : null}
    </div>
  );
}

interface RowCallbacks {
  library: Library;
  onToggle: (routeId: string) => void;
  onGo: (nodeId: string) => void;
  onInsert: (s: Suggestion, force?: boolean) => UseOutcome;
  readOnly: boolean;
}

function CategoryGroup({ category, routes, expanded, ...cb }: { category: Category; routes: RouteReport[]; expanded: ReadonlySet<string> } & RowCallbacks) {
  const id = useId();
  const [open, setOpen] = useState(true);
  const closed = routes.filter((r) => r.status === 'closed').length;
  return (
    <section className="owp-category" aria-labelledby={id} data-category={category}>
      <h3 className="owp-category-title">
        <button type="button" id={id} className="owp-group-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          <span className="owp-chevron" aria-hidden="true">
            ▸
          </span>
          <span className="owp-category-name">{CATEGORY_LABEL[category]}</span>
          <span className="owp-lib-meta">
            {closed} of {routes.length} closed
          </span>
        </button>
      </h3>
      {open ? (
        <ul className="owp-routes">
          {routes.map((r) => (
            <RouteRow key={r.id} route={r} expanded={expanded.has(r.id)} {...cb} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function countBy(route: RouteReport): string {
  const closed = route.elements.filter((e) => e.status === 'closed').length;
  return `${closed} of ${route.elements.length} closed`;
}

const RouteRow = memo(
  function RouteRow({ route, expanded, library, onToggle, onGo, onInsert, readOnly }: { route: RouteReport; expanded: boolean } & RowCallbacks) {
    const panelId = useId();
    const weakened = route.elements.some((e) => e.status === 'weakened');
    return (
      <li className={`owp-route owp-route-${route.status}`} data-route={route.id}>
        <button type="button" className="owp-route-head" aria-expanded={expanded} aria-controls={panelId} onClick={() => onToggle(route.id)}>
          <span className="owp-chevron" aria-hidden="true">
            ▸
          </span>
          <StatusIcon status={route.status} />
          <span className="owp-route-title">{route.title}</span>
          <span className="owp-route-meta">
            <span className="owp-visually-hidden">{STATUS_LABEL[route.status]}, </span>
            {weakened ? (
              <>
                <StatusIcon status="weakened" />
                <span className="owp-visually-hidden">weakened, </span>
              </>
            ) : null}
            <span className="owp-visually-hidden">severity </span>
            <SeverityBadge severity={route.severity} />
            <span className="owp-count-inline">
              <span className="owp-visually-hidden">, </span>
              {countBy(route)}
            </span>
          </span>
        </button>
        {expanded ? (
          <ul id={panelId} className="owp-elements">
            {route.elements.map((e) => (
              <ElementRow key={e.ref} element={e} library={library} onGo={onGo} onInsert={onInsert} readOnly={readOnly} />
            ))}
          </ul>
        ) : null}
      </li>
    );
  },
  (a, b) => a.expanded === b.expanded && a.readOnly === b.readOnly && a.library === b.library && a.onGo === b.onGo && a.onInsert === b.onInsert && a.onToggle === b.onToggle && sameData(a.route, b.route, POSITION_KEYS),
);

function AddressLine({ a, onGo }: { a: Address; onGo: (id: string) => void }) {
  return (
    <li>
      <button type="button" className="owp-link" onClick={() => onGo(a.provision.nodeId)} title="Go to this provision">
        {a.provision.label}
      </button>{' '}
      <span className="owp-lib-meta">
        {a.level === 'full' ? 'closes it' : a.level === 'partial' ? 'partly' : 'weakened'}
        {a.clause ? ` · ${a.clause.title} (${a.clause.variantLabel.toLowerCase()})` : a.via === 'text' ? ' · by its text' : ''}
      </span>
      {a.weakenings && a.weakenings.length > 0 ? (
        <ul className="owp-weakenings" data-testid="weakenings">
          {a.weakenings.map((x, i) => (
            <li key={i}>
              <StatusIcon status="weakened" /> <strong className="owp-words">{x.words}</strong> in {x.label}: {x.message}
            </li>
          ))}
        </ul>
      ) : null}
      {a.exceptions && a.exceptions.length > 0 ? (
        <ul className="owp-weakenings">
          {a.exceptions.map((x, i) => (
            <li key={i}>
              “{x.text}” is {x.label}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function ElementRow({ element: e, library, onGo, onInsert, readOnly }: { element: ElementReport } & Omit<RowCallbacks, 'onToggle'>) {
  const ref = useRef<HTMLLIElement>(null);
  const [outcome, setOutcome] = useState<{ s: Suggestion; r: UseOutcome } | null>(null);
  const use = (s: Suggestion, force?: boolean) => {
    const r = onInsert(s, force);
    setOutcome(r.kind === 'done' ? null : { s, r });
    // the row may lose this button when the element closes: keep focus in the panel
    if (r.kind === 'done') requestAnimationFrame(() => ref.current?.focus());
  };
  const needs = (s: Suggestion) => s.missingRequires.filter((id) => library.clauseById.get(id)?.kind !== 'definition').map((id) => library.clauseById.get(id)?.title ?? id);
  return (
    <li ref={ref} className={`owp-element owp-element-${e.status}`} tabIndex={-1} data-element={e.ref}>
      <div className="owp-element-head">
        <StatusTag status={e.status} />
      </div>
      <p className="owp-statement">{e.statement}</p>
      <p className="owp-reason">{e.reason}</p>
      {e.addressedBy.length > 0 ? (
        <ul className="owp-addresses" aria-label="Provisions that address it">
          {e.addressedBy.map((a, i) => (
            <AddressLine key={`${a.provision.nodeId}-${i}`} a={a} onGo={onGo} />
          ))}
        </ul>
      ) : null}
      {e.suggestions.length > 0 && !readOnly ? (
        <div className="owp-suggestions">
          <p className="owp-sub">Suggested clauses</p>
          <ul>
            {e.suggestions.map((s) => {
              const missing = needs(s);
              return (
                <li key={`${s.clause}/${s.variant}`} className="owp-suggestion">
                  <div className="owp-suggestion-text">
                    <span className="owp-suggestion-title">{s.title}</span>{' '}
                    <span className="owp-lib-meta">
                      {s.variantLabel} · {s.coverage === 'full' ? 'closes it' : 'closes it in part'}
                      {s.alsoCloses.length > 0 ? ` · also closes ${plural(s.alsoCloses.length, 'other element')}` : ''}
                      {s.inDocument ? ' · in the draft as another variant or edited' : ''}
                    </span>
                    {s.conflictsWith.length > 0 ? (
                      <span className="owp-conflict">Conflicts with {s.conflictsWith.map((id) => library.clauseById.get(id)?.title ?? id).join(', ')} in the draft</span>
                    ) : null}
                    {missing.length > 0 ? <span className="owp-lib-meta"> Works with: {missing.join('; ')}.</span> : null}
                  </div>
                  <StrengthBadge strength={s.strength} />
                  <button
                    type="button"
                    className="ow-btn ow-btn-small"
                    aria-label={`${s.inDocument ? 'Use' : 'Insert'} ${s.title} (${s.variantLabel})`}
                    title={s.inDocument ? 'Swap the clause in the draft to this variant' : 'Insert this clause at the cursor'}
                    onClick={() => use(s)}
                  >
                    {s.inDocument ? 'Use' : 'Insert'}
                  </button>
                </li>
              );
            })}
          </ul>
          {outcome ? (
            <div className={outcome.r.kind === 'refused' ? 'owp-note owp-note-error' : 'owp-note owp-note-warn'} role="alert">
              {outcome.r.message}
              {outcome.r.kind === 'confirm' ? (
                <div className="owp-note-actions">
                  <button type="button" className="ow-btn ow-btn-small ow-btn-danger" onClick={() => use(outcome.s, true)}>
                    Swap anyway
                  </button>
                  <button type="button" className="ow-btn ow-btn-small" onClick={() => setOutcome(null)}>
                    Keep my edits
                  </button>
                </div>
              ) : null}
              {outcome.r.kind === 'present' ? (
                <div className="owp-note-actions">
                  <button type="button" className="ow-btn ow-btn-small" onClick={() => onGo((outcome.r as { nodeId: string }).nodeId)}>
                    Go there
                  </button>
                </div>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
