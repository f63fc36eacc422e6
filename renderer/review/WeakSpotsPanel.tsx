import { useId, useMemo } from 'react';
import { numberDocument } from '../../core/document/numbering';
import { useWorkspace } from '../workspace/context';
import { weakSpots, WEAK_SPOT_GROUPS, type WeakSpot } from './weak-spots';
import type { ReviewMode } from './useReviewMode';
import './review.css';

/**
 * The review's weak spots (renderer/review/weak-spots.ts), grouped: broad exceptions,
 * permissive verbs, the remedy. Each names where it is (click to go there), the words
 * at fault, why they matter and the elements they keep from closing; a section's spot
 * can be compared with the library's model.
 */
export function WeakSpotsPanel({ review }: { review?: ReviewMode }) {
  const w = useWorkspace();
  const headingId = useId();
  const doc = w.state?.doc ?? null;
  const spots = useMemo(() => (doc && w.report ? weakSpots({ doc, report: w.report, lint: w.lint, library: w.library }) : null), [doc, w.report, w.lint, w.library]);
  const sectionOf = (nodeId: string) => (doc ? (numberDocument(doc).byId.get(nodeId)?.sectionId ?? null) : null);

  return (
    <section className="ow-rv-weak" aria-labelledby={headingId} data-testid="weak-spots">
      <header className="ow-panel-header owp-panel-header">
        <h2 id={headingId}>Weak spots</h2>
        {spots ? <span className={`ow-badge ${spots.length ? 'ow-badge-warn' : 'ow-badge-muted'}`}>{spots.length}</span> : <span className="ow-badge ow-badge-muted">checking…</span>}
      </header>
      {!spots ? (
        <p className="owp-empty" role="status">
          Reading the ordinance for broad exceptions, permissive verbs and a missing remedy…
        </p>
      ) : (
        WEAK_SPOT_GROUPS.map((g) => {
          const list = spots.filter((s) => s.kind === g.kind);
          if (list.length === 0 && !g.empty) return null;
          return (
            <section key={g.kind} className="ow-rv-weak-group" data-kind={g.kind} aria-label={g.title}>
              <h3 className="ow-rv-weak-title">
                {g.title} <span className="owp-lib-meta">{list.length}</span>
              </h3>
              {list.length === 0 ? (
                <p className="ow-rv-weak-none">{g.empty}</p>
              ) : (
                <ul className="ow-rv-weak-list">
                  {list.map((s) => (
                    <Spot key={s.key} spot={s} onGo={w.focusNode} onCompare={review ? (id) => review.openCompare(id) : null} sectionOf={sectionOf} />
                  ))}
                </ul>
              )}
            </section>
          );
        })
      )}
    </section>
  );
}

function Spot({ spot: s, onGo, onCompare, sectionOf }: { spot: WeakSpot; onGo: (id: string) => void; onCompare: ((sectionId: string) => void) | null; sectionOf: (nodeId: string) => string | null }) {
  const section = s.where ? sectionOf(s.where.nodeId) : null;
  return (
    <li className={`ow-rv-spot ow-rv-spot-${s.kind}`} data-testid="weak-spot">
      <p className="ow-rv-spot-head">
        {s.where ? (
          <button type="button" className="owp-link" onClick={() => onGo(s.where!.nodeId)} title="Go to this provision">
            {s.where.label || 'Go there'}
          </button>
        ) : null}
        <span className={s.title.startsWith('“') ? 'ow-rv-spot-words ow-rv-spot-quote' : 'ow-rv-spot-words'}>{s.title}</span>
      </p>
      <p className="ow-rv-spot-detail">{s.detail}</p>
      {s.affects.length > 0 ? (
        <details className="ow-rv-spot-affects">
          <summary>
            {s.kind === 'broad-exception' ? 'Keeps from closing' : s.kind === 'missing-remedy' ? 'Missing' : 'Speaks to'}: {s.affects.length}{' '}
            {s.affects.length === 1 ? 'element' : 'elements'}
          </summary>
          <ul>
            {s.affects.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {onCompare && section ? (
        <button type="button" className="ow-link-btn ow-rv-spot-compare" onClick={() => onCompare(section)}>
          Compare this section with the model
        </button>
      ) : null}
    </li>
  );
}
