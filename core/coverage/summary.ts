import type { Severity } from '../schema';
import type { CoverageReport, ElementStatus, RouteStatus } from './types';

/**
 * The report at a glance: routes closed, partly closed and open by severity, and one
 * score from 0 to 100.
 *
 * The score is computed over routes and their elements, never over provisions: each
 * element counts once, at its best status (closed 1, partly closed or weakened 0.5,
 * open 0), each route is the mean of its elements, and routes are weighted by severity
 * (critical 3, high 2, medium 1). Repeating a clause, or pasting the same sentence
 * into every section, adds provisions but no elements, so it cannot raise the score
 * beyond what the elements it closes give.
 */

export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 3, high: 2, medium: 1 };
export const ELEMENT_VALUE: Record<ElementStatus, number> = { closed: 1, partial: 0.5, weakened: 0.5, open: 0 };

export interface SeverityCounts {
  closed: number;
  partial: number;
  open: number;
  total: number;
}

export interface CoverageSummary {
  /** 0-100, weighted by severity over routes and elements. */
  score: number;
  routes: Record<RouteStatus, number> & { total: number };
  bySeverity: Record<Severity, SeverityCounts>;
  elements: Record<ElementStatus, number> & { total: number };
  /** Edited library clauses that lost strength. */
  weakenedClauses: number;
  /** One line: "Closes 12 of 30 routes (4 of 11 critical); 9 partly; score 47/100." */
  headline: string;
}

function zero(): SeverityCounts {
  return { closed: 0, partial: 0, open: 0, total: 0 };
}

export function summarize(report: CoverageReport): CoverageSummary {
  const bySeverity: Record<Severity, SeverityCounts> = { critical: zero(), high: zero(), medium: zero() };
  const routes = { closed: 0, partial: 0, open: 0, total: 0 };
  const elements = { closed: 0, partial: 0, weakened: 0, open: 0, total: 0 };
  let weighted = 0;
  let weights = 0;
  for (const r of report.routes) {
    bySeverity[r.severity][r.status]++;
    bySeverity[r.severity].total++;
    routes[r.status]++;
    routes.total++;
    let sum = 0;
    for (const e of r.elements) {
      elements[e.status]++;
      elements.total++;
      sum += ELEMENT_VALUE[e.status];
    }
    const w = SEVERITY_WEIGHT[r.severity];
    weighted += w * (r.elements.length > 0 ? sum / r.elements.length : 0);
    weights += w;
  }
  const score = weights > 0 ? Math.round((100 * weighted) / weights) : 0;
  const weakenedClauses = report.edits.filter((e) => e.weakenings.length > 0).length;
  const crit = bySeverity.critical;
  const headline =
    `Closes ${routes.closed} of ${routes.total} routes` +
    (crit.total > 0 ? ` (${crit.closed} of ${crit.total} critical)` : '') +
    `; ${routes.partial} partly, ${routes.open} open; score ${score}/100` +
    (weakenedClauses > 0 ? `; ${weakenedClauses} library clause${weakenedClauses > 1 ? 's' : ''} weakened by editing` : '') +
    '.';
  return { score, routes, bySeverity, elements, weakenedClauses, headline };
}
