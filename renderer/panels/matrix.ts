import type { Address, CoverageReport, RouteReport } from '../../core/coverage/types';

/**
 * The coverage matrix: routes (rows) against sections (columns). A cell says which
 * elements of the route the section closes, partly closes or closes in a weakened
 * form; it is built from the report alone (section numbers come from the provision
 * labels the report gives, "Section 4(b)"), so it always matches the report shown.
 */

export type CellLevel = Address['level'];

export interface MatrixColumn {
  /** Section id. */
  id: string;
  /** 1-based section number. */
  no: number;
  heading: string;
}

export interface CellElement {
  ref: string;
  statement: string;
  level: CellLevel;
  /** The provision that addresses it, and its label. */
  nodeId: string;
  label: string;
}

export interface MatrixCell {
  /** The level shown: weakened wins (the reviewer must see it), then closed, then partly. */
  level: CellLevel;
  full: number;
  partial: number;
  weakened: number;
  elements: CellElement[];
  /** Where a click goes: the first provision of the section that addresses the route. */
  nodeId: string;
}

export interface MatrixRow {
  route: RouteReport;
  /** By column index. */
  cells: (MatrixCell | null)[];
}

export interface Matrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
}

const LEVEL_RANK: Record<CellLevel, number> = { full: 0, partial: 2, weakened: 1 };

/** Column index of an address: from its label ("Section 4(b)" -> 3), else by the section analysis that found it. */
function columnOf(a: Address, count: number, byNode: Map<string, number>): number {
  const m = /^Section (\d+)/.exec(a.provision.label);
  if (m) {
    const i = Number(m[1]) - 1;
    if (i >= 0 && i < count) return i;
  }
  return byNode.get(a.provision.nodeId) ?? -1;
}

export function buildMatrix(report: CoverageReport): Matrix {
  const columns: MatrixColumn[] = report.sections.map((s, i) => ({ id: s.id, no: i + 1, heading: s.heading }));
  // node id -> column, for a provision the report could not number
  const byNode = new Map<string, number>();
  report.sections.forEach((s, i) => {
    if (s.id) byNode.set(s.id, i);
    for (const h of s.hits) byNode.set(h.nodeId, i);
    for (const u of s.units) byNode.set(u.nodeId, i);
  });
  const rows: MatrixRow[] = report.routes.map((route) => {
    const cells: (MatrixCell | null)[] = columns.map(() => null);
    for (const e of route.elements) {
      // one entry per element and section: its best address there
      const best = new Map<number, Address>();
      for (const a of e.addressedBy) {
        const col = columnOf(a, columns.length, byNode);
        if (col < 0) continue;
        const prev = best.get(col);
        if (!prev || (a.level === 'full' && prev.level !== 'full') || (a.level === 'weakened' && prev.level === 'partial')) best.set(col, a);
      }
      for (const [col, a] of best) {
        const cell = cells[col] ?? (cells[col] = { level: a.level, full: 0, partial: 0, weakened: 0, elements: [], nodeId: a.provision.nodeId });
        cell[a.level]++;
        cell.elements.push({ ref: e.ref, statement: e.statement, level: a.level, nodeId: a.provision.nodeId, label: a.provision.label });
      }
    }
    for (const cell of cells) {
      if (!cell) continue;
      cell.level = cell.weakened > 0 ? 'weakened' : cell.full > 0 ? 'full' : 'partial';
      cell.elements.sort((x, y) => LEVEL_RANK[x.level] - LEVEL_RANK[y.level]);
    }
    return { route, cells };
  });
  return { columns, rows };
}

/** What a cell says, in words (its accessible name and tooltip). */
export function describeCell(cell: MatrixCell, column: MatrixColumn, route: RouteReport): string {
  const parts: string[] = [];
  const list = (level: CellLevel) =>
    cell.elements
      .filter((e) => e.level === level)
      .map((e) => e.statement.replace(/\.$/, ''))
      .join('; ');
  if (cell.full) parts.push(`closes ${cell.full} of ${route.elements.length} elements (${list('full')})`);
  if (cell.partial) parts.push(`partly closes ${cell.partial} (${list('partial')})`);
  if (cell.weakened) parts.push(`addresses ${cell.weakened} in a weakened form (${list('weakened')})`);
  return `Section ${column.no}${column.heading ? ` (${column.heading})` : ''}, ${route.title}: ${parts.join('; ')}.`;
}
