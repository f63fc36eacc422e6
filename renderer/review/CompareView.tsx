import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DiffOp } from '../../core/export/diff';
import { useWorkspace } from '../workspace/context';
import { compareRows, draftLines, modelAlsoCloses, modelCandidates, modelLines, overallSimilarity, sectionChoices, sectionElements, type CompareLine } from './compare';
import './review.css';

/**
 * "Compare with the model": a section of the ordinance under review beside the library
 * clause that would close the same elements (renderer/review/compare.ts), both numbered,
 * aligned provision by provision, words only in one of them marked. Takes the place of
 * the editor and sidebars, like the coverage matrix; Escape or Close returns.
 */
export function CompareView({ sectionId: wanted, onSection, onClose }: { sectionId: string | null; onSection: (id: string) => void; onClose: () => void }) {
  const w = useWorkspace();
  const doc = w.state?.doc ?? null;
  const report = w.report;
  const rootRef = useRef<HTMLElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const ids = { section: useId(), model: useId(), variant: useId(), title: useId() };

  const sections = useMemo(() => (doc ? sectionChoices(doc) : []), [doc]);
  const firstUseful = useMemo(() => {
    if (!doc || !report) return sections[0]?.id ?? null;
    return sections.find((s) => sectionElements(doc, report, s.id).size > 0)?.id ?? sections[0]?.id ?? null;
  }, [doc, report, sections]);
  const sectionId = (wanted && sections.some((s) => s.id === wanted) ? wanted : null) ?? firstUseful;

  const candidates = useMemo(
    () => (doc && sectionId ? modelCandidates(doc, report, w.library, sectionId, { kind: w.profile.kind }) : []),
    [doc, report, w.library, sectionId, w.profile.kind],
  );
  const [choice, setChoice] = useState<{ section: string | null; clause: string | null; variant: string | null }>({ section: null, clause: null, variant: null });
  const own = choice.section === sectionId ? choice : { section: sectionId, clause: null, variant: null };
  const candidate = candidates.find((c) => c.clause.id === own.clause) ?? candidates[0] ?? null;
  const variant = candidate ? (candidate.clause.variants.find((v) => v.id === own.variant) ?? candidate.variant) : null;

  const elems = useMemo(() => (doc && report && sectionId ? sectionElements(doc, report, sectionId) : new Map<string, 'full' | 'partial' | 'weakened'>()), [doc, report, sectionId]);
  const rows = useMemo(() => {
    if (!doc || !sectionId || !candidate || !variant) return [];
    return compareRows(draftLines(doc, sectionId, w.profile), modelLines(candidate.clause, variant, w.library, w.profile));
  }, [doc, sectionId, candidate, variant, w.library, w.profile]);
  const statement = useMemo(() => {
    const m = new Map<string, string>();
    for (const r of report?.routes ?? []) for (const e of r.elements) m.set(e.ref, `${r.title}: ${e.statement}`);
    for (const r of w.library.routes) for (const e of r.elements) if (!m.has(`${r.id}.${e.id}`)) m.set(`${r.id}.${e.id}`, `${r.title}: ${e.statement}`);
    return m;
  }, [report, w.library]);

  // the panes below are out of reach while the comparison covers them (a sidebar opened meanwhile too)
  useLayoutEffect(() => {
    const root = rootRef.current;
    const parent = root?.parentElement;
    if (!root || !parent) return;
    const hidden = new Set<HTMLElement>();
    const hide = () => {
      for (const el of Array.from(parent.children)) {
        if (el === root || !(el instanceof HTMLElement) || el.matches('.ow-header, .ow-statusbar') || el.inert) continue;
        el.inert = true;
        hidden.add(el);
      }
    };
    hide();
    const watch = new MutationObserver(hide);
    watch.observe(parent, { childList: true });
    return () => {
      watch.disconnect();
      hidden.forEach((el) => (el.inert = false));
    };
  }, []);
  // focus moves into the comparison, and back to where it was when it closes
  useEffect(() => {
    const before = document.activeElement;
    selectRef.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  const section = sections.find((s) => s.id === sectionId) ?? null;
  const also = variant ? modelAlsoCloses(variant, elems) : [];

  return (
    <section
      ref={rootRef}
      className="ow-rv-compare"
      aria-labelledby={ids.title}
      data-testid="compare-view"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="ow-rv-compare-bar">
        <h2 id={ids.title}>Compare with the model</h2>
        <span className="ow-rv-field">
          <label htmlFor={ids.section}>Section</label>
          <select
            ref={selectRef}
            id={ids.section}
            value={sectionId ?? ''}
            onChange={(e) => onSection(e.target.value)}
          >
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {`${s.label} ${s.heading}`.trim().slice(0, 90)}
              </option>
            ))}
          </select>
        </span>
        <span className="ow-rv-field">
          <label htmlFor={ids.model}>Model clause</label>
          <select id={ids.model} value={candidate?.clause.id ?? ''} disabled={candidates.length === 0} onChange={(e) => setChoice({ section: sectionId, clause: e.target.value, variant: null })}>
            {candidates.length === 0 ? <option value="">None</option> : null}
            {candidates.map((c) => (
              <option key={c.clause.id} value={c.clause.id}>
                {c.clause.title}
              </option>
            ))}
          </select>
        </span>
        <span className="ow-rv-field">
          <label htmlFor={ids.variant}>Variant</label>
          <select id={ids.variant} value={variant?.id ?? ''} disabled={!candidate} onChange={(e) => setChoice({ section: sectionId, clause: candidate?.clause.id ?? null, variant: e.target.value })}>
            {candidate?.clause.variants.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label} ({v.strength})
              </option>
            )) ?? <option value="">None</option>}
          </select>
        </span>
        <button type="button" className="ow-btn ow-btn-small ow-rv-compare-close" onClick={onClose} title="Back to the ordinance (Escape)">
          Close
        </button>
      </header>

      <div className="ow-rv-compare-body">
        {!section ? (
          <p className="owp-empty">The ordinance has no sections to compare.</p>
        ) : !candidate || !variant ? (
          <p className="owp-empty" role="status" data-testid="compare-none">
            No library clause addresses what {section.label} does, or reads like it.
          </p>
        ) : (
          <>
            <div className="ow-rv-compare-why">
              <p>
                <strong>{candidate.clause.title}</strong> ({variant.label}): {candidate.why}.{' '}
                <span className="owp-lib-meta">{Math.round(overallSimilarity(rows) * 100)}% of the words are shared.</span>
              </p>
              {elems.size > 0 ? (
                <details>
                  <summary>This section addresses {elems.size === 1 ? '1 element' : `${elems.size} elements`}</summary>
                  <ul>
                    {[...elems].map(([ref, level]) => (
                      <li key={ref}>
                        {statement.get(ref) ?? ref} <span className="owp-lib-meta">({level === 'full' ? 'met' : level === 'partial' ? 'partly met' : 'weakened'}; the model {variant.satisfies[ref] === 'full' ? 'closes it' : variant.satisfies[ref] === 'partial' ? 'closes it in part' : 'does not declare it'})</span>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {also.length > 0 ? (
                <details>
                  <summary>The model also closes {also.length === 1 ? '1 element' : `${also.length} elements`} this section does not reach</summary>
                  <ul>
                    {also.map((ref) => (
                      <li key={ref}>{statement.get(ref) ?? ref}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
              <p className="ow-rv-legend" aria-hidden="true">
                <del className="ow-rv-del">words only in the ordinance</del> <ins className="ow-rv-ins">words only in the model</ins>
              </p>
            </div>
            <table className="ow-rv-compare-table" data-testid="compare-table">
              <caption className="owp-visually-hidden">
                {section.label} of the ordinance beside the model clause {candidate.clause.title}, {variant.label}; words only in one of them are marked as deleted (ordinance) or inserted (model)
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    Under review: {section.label} {section.heading}
                  </th>
                  <th scope="col">
                    Model: {candidate.clause.title} <span className="owp-lib-meta">({variant.label})</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i}>
                    <td className={r.right ? undefined : 'ow-rv-only'} data-side="draft">
                      {r.left ? <Line line={r.left} ops={r.leftOps} /> : <span className="owp-lib-meta">(nothing here)</span>}
                    </td>
                    <td className={r.left ? undefined : 'ow-rv-only'} data-side="model">
                      {r.right ? <Line line={r.right} ops={r.rightOps} /> : <span className="owp-lib-meta">(nothing here)</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}

/** Adjacent changes separated only by spaces read as one change. */
function coalesce(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    const prev = out[out.length - 1];
    const next = ops[i + 1];
    if (o.op === 'same' && !o.text.trim() && prev && next && prev.op !== 'same' && next.op === prev.op) {
      prev.text += o.text;
      continue;
    }
    if (prev && prev.op === o.op) prev.text += o.text;
    else out.push({ ...o });
  }
  return out;
}

function Line({ line, ops }: { line: CompareLine; ops: DiffOp[] }) {
  return (
    <p className="ow-rv-line" style={{ paddingLeft: `${Math.max(0, line.level - 1) * 1.4}em` }}>
      {line.label ? <span className="ow-rv-num">{line.label}</span> : null}
      {coalesce(ops).map((o, i) =>
        o.op === 'same' ? (
          <span key={i}>{o.text}</span>
        ) : o.op === 'del' ? (
          <del key={i} className="ow-rv-del">
            {o.text}
          </del>
        ) : (
          <ins key={i} className="ow-rv-ins">
            {o.text}
          </ins>
        ),
      )}
    </p>
  );
}
