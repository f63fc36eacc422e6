import { memo, useCallback, useId, useMemo, useState } from 'react';
import type { Category } from '../../core/schema';
import { useWorkspace } from '../workspace/context';
import { buildMatrix, describeCell, type MatrixCell, type MatrixColumn, type MatrixRow } from './matrix';
import { CATEGORY_LABEL, CATEGORY_ORDER, SEVERITY_ORDER, SeverityBadge, StatusIcon, STATUS_LABEL } from './shared';
import './panels.css';

const CELL_STATUS = { full: 'closed', partial: 'partial', weakened: 'weakened' } as const;

/**
 * The coverage matrix, full width: every route of the checklist (rows, grouped by
 * category, most severe first) against every section of the draft (columns, by
 * number; the heading in the header's tooltip). A cell shows whether the section
 * closes, partly closes or weakly addresses elements of the route; click it to go to
 * the provision. Headers stay in view while scrolling.
 */
export function MatrixView({ onClose }: { onClose?: () => void } = {}) {
  const { report, view, focusNode } = useWorkspace();
  const [hideEmpty, setHideEmpty] = useState(false);
  const captionId = useId();
  /**
   * Go to a node. The matrix takes the editor's place, so the editor is hidden when the
   * click lands; it can take the focus only once the matrix has closed, a frame later.
   */
  const go = useCallback(
    (id: string) => {
      focusNode(id);
      requestAnimationFrame(() => {
        if (view && !view.isDestroyed && !view.hasFocus()) view.focus();
      });
    },
    [focusNode, view],
  );
  const matrix = useMemo(() => (report ? buildMatrix(report) : null), [report]);

  const visible = useMemo(() => {
    if (!matrix) return [];
    return matrix.columns.map((c, i) => ({ c, i })).filter(({ i }) => !hideEmpty || matrix.rows.some((r) => r.cells[i]));
  }, [matrix, hideEmpty]);

  const groups = useMemo(() => {
    if (!matrix) return [];
    const out: { category: Category; rows: MatrixRow[] }[] = [];
    for (const category of CATEGORY_ORDER) {
      const rows = matrix.rows
        .filter((r) => r.route.category === category)
        .sort((a, b) => SEVERITY_ORDER.indexOf(a.route.severity) - SEVERITY_ORDER.indexOf(b.route.severity) || a.route.title.localeCompare(b.route.title));
      if (rows.length) out.push({ category, rows });
    }
    return out;
  }, [matrix]);

  return (
    <section className="owp-matrix" aria-labelledby={captionId} data-testid="matrix-view">
      <header className="owp-matrix-head">
        <h2 id={captionId}>Coverage matrix</h2>
        <p className="owp-lib-meta">Routes against sections: what each section does for each route. Click a cell to go to the provision.</p>
        <div className="owp-legend" role="note" aria-label="Legend">
          <span>
            <StatusIcon status="closed" /> closes elements
          </span>
          <span>
            <StatusIcon status="partial" /> partly closes
          </span>
          <span>
            <StatusIcon status="weakened" /> weakened (an edit or an exception)
          </span>
          <span className="owp-lib-meta">Number: how many of the route’s elements. Row icon: the route’s status.</span>
        </div>
        <label className="owp-check">
          <input type="checkbox" checked={hideEmpty} onChange={(e) => setHideEmpty(e.target.checked)} /> Hide sections that address no route
        </label>
        {onClose ? (
          <button type="button" className="ow-btn ow-btn-small" onClick={onClose}>
            Close matrix
          </button>
        ) : null}
      </header>
      {!matrix ? (
        <p className="owp-empty" role="status">
          Checking the draft…
        </p>
      ) : (
        <MatrixTable groups={groups} visible={visible} onGo={go} />
      )}
    </section>
  );
}

/** The table itself, memoised: it re-renders when the report does, not on every keystroke. */
const MatrixTable = memo(function MatrixTable({
  groups,
  visible,
  onGo,
}: {
  groups: { category: Category; rows: MatrixRow[] }[];
  visible: { c: MatrixColumn; i: number }[];
  onGo: (id: string) => void;
}) {
  return (
    <div className="owp-matrix-scroll" tabIndex={0} aria-label="Coverage matrix table (scrolls)">
      <table className="owp-matrix-table">
        <caption className="owp-visually-hidden">Routes (rows) against sections (columns)</caption>
        <thead>
          <tr>
            <th scope="col" className="owp-matrix-corner">
              Route <span className="owp-lib-meta">/ Section</span>
            </th>
            {visible.map(({ c }) => (
              <th key={c.id || c.no} scope="col" className="owp-matrix-col" title={`Section ${c.no}. ${c.heading}`}>
                <button type="button" className="owp-matrix-colbtn" aria-label={`Section ${c.no}: ${c.heading || 'untitled'}`} onClick={() => c.id && onGo(c.id)}>
                  {c.no}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.category}>
            <tr className="owp-matrix-cat">
              <th scope="rowgroup" colSpan={visible.length + 1}>
                <span>{CATEGORY_LABEL[g.category]}</span>
              </th>
            </tr>
            {g.rows.map((row) => (
              <tr key={row.route.id} data-route={row.route.id}>
                <th scope="row" className="owp-matrix-route">
                  <span className="owp-matrix-route-inner">
                    <StatusIcon status={row.route.status} />
                    <span className="owp-visually-hidden">{STATUS_LABEL[row.route.status]}: </span>
                    <span className="owp-matrix-route-title">{row.route.title}</span>
                    <SeverityBadge severity={row.route.severity} />
                  </span>
                </th>
                {visible.map(({ c, i }) => {
                  const cell = row.cells[i];
                  return (
                    <td key={c.id || c.no} className={cell ? `owp-cell owp-cell-${cell.level}` : 'owp-cell'}>
                      {cell ? <CellButton cell={cell} label={describeCell(cell, c, row.route)} onGo={onGo} /> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
});

function CellButton({ cell, label, onGo }: { cell: MatrixCell; label: string; onGo: (id: string) => void }) {
  const n = cell.full + cell.partial + cell.weakened;
  return (
    <button type="button" className="owp-cell-btn" title={label} aria-label={label} onClick={() => onGo(cell.nodeId)} data-level={cell.level}>
      <StatusIcon status={CELL_STATUS[cell.level]} />
      <span className="owp-cell-n" aria-hidden="true">
        {n > 1 ? n : ''}
      </span>
    </button>
  );
}
