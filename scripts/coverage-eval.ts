/**
 * npm run coverage:eval: run the routes' text rules over the hand-drafted fixture
 * provisions (tests/fixtures/coverage/provisions.yaml) and print precision and recall
 * per route and overall.
 *
 * A fixture is a provision that should (expect: true) or should not (expect: false)
 * close a named element. "Closes" means what it means in the coverage report: the
 * provision, typed by hand into an ordinance with nothing else, gives the element the
 * status "closed" (a text-rule match without a broad exception).
 *   precision = closed and expected / closed
 *   recall    = closed and expected / expected
 * Exit code 1 when a fixture names a route or element the checklist lacks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { judgeText } from '../core/coverage/judge';
import type { CoverageLibrary } from '../core/coverage/types';
import { loadLibrary, PROJECT_ROOT } from '../core/node/library';
import type { ProvisionSpec } from '../core/schema';

const FixtureProvision: z.ZodType<ProvisionSpec> = z.lazy(() =>
  z.object({ text: z.string().min(10), children: z.array(FixtureProvision).optional() }),
);

const Fixture = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  element: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'must be "route-id.element-id"'),
  expect: z.boolean(),
  why: z.string().optional(),
  text: z.string().min(10),
  children: z.array(FixtureProvision).optional(),
});
export type Fixture = z.infer<typeof Fixture>;

export const FIXTURES_PATH = join(PROJECT_ROOT, 'tests/fixtures/coverage/provisions.yaml');

export function readFixtures(path = FIXTURES_PATH): Fixture[] {
  const doc = parseDocument(readFileSync(path, 'utf8'), { uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`${path}: not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const parsed = z.array(Fixture).safeParse(doc.toJS());
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${path} at [${i.path.join('.')}]: ${i.message}`);
  }
  const ids = new Set<string>();
  for (const f of parsed.data) {
    if (ids.has(f.id)) throw new Error(`${path}: duplicate fixture id "${f.id}"`);
    ids.add(f.id);
  }
  return parsed.data;
}

export interface FixtureResult {
  fixture: Fixture;
  got: boolean;
  status: string;
  reason: string;
}

export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** null when nothing was predicted (no denominator) */
  precision: number | null;
  recall: number | null;
}

export interface EvalResult {
  results: FixtureResult[];
  byRoute: Map<string, Scores>;
  overall: Scores;
}

function scores(rs: FixtureResult[]): Scores {
  const tp = rs.filter((r) => r.fixture.expect && r.got).length;
  const fp = rs.filter((r) => !r.fixture.expect && r.got).length;
  const fn = rs.filter((r) => r.fixture.expect && !r.got).length;
  const tn = rs.filter((r) => !r.fixture.expect && !r.got).length;
  return { tp, fp, fn, tn, precision: tp + fp > 0 ? tp / (tp + fp) : null, recall: tp + fn > 0 ? tp / (tp + fn) : null };
}

export function runCoverageEval(library: CoverageLibrary = loadLibrary(), fixtures: Fixture[] = readFixtures()): EvalResult {
  const results = fixtures.map((fixture) => {
    const j = judgeText([{ text: fixture.text, ...(fixture.children ? { children: fixture.children } : {}) }], fixture.element, library);
    return { fixture, got: j.satisfies, status: j.status, reason: j.reason };
  });
  const byRoute = new Map<string, Scores>();
  const routes = [...new Set(fixtures.map((f) => f.element.split('.')[0]!))].sort();
  for (const r of routes) byRoute.set(r, scores(results.filter((x) => x.fixture.element.startsWith(`${r}.`))));
  return { results, byRoute, overall: scores(results) };
}

const pct = (x: number | null) => (x === null ? '   -' : `${(100 * x).toFixed(0).padStart(3)}%`);

export function formatEval(e: EvalResult): string {
  const lines: string[] = [];
  const expected = e.results.filter((r) => r.fixture.expect).length;
  lines.push(`coverage text rules on ${e.results.length} hand-drafted provisions (${expected} should close their element, ${e.results.length - expected} should not), ${e.byRoute.size} routes`);
  lines.push('');
  lines.push(`${'route'.padEnd(28)} precision  recall   tp fp fn tn`);
  for (const [r, s] of e.byRoute) lines.push(`${r.padEnd(28)} ${pct(s.precision)}      ${pct(s.recall)}   ${[s.tp, s.fp, s.fn, s.tn].map((n) => String(n).padStart(2)).join(' ')}`);
  const o = e.overall;
  lines.push(`${'overall'.padEnd(28)} ${pct(o.precision)}      ${pct(o.recall)}   ${[o.tp, o.fp, o.fn, o.tn].map((n) => String(n).padStart(2)).join(' ')}`);
  const wrong = e.results.filter((r) => r.got !== r.fixture.expect);
  if (wrong.length > 0) {
    lines.push('');
    lines.push('misjudged:');
    for (const w of wrong) {
      lines.push(`  ${w.fixture.id} (${w.fixture.element}): expected ${w.fixture.expect ? 'closed' : 'not closed'}, got ${w.status}`);
      if (w.fixture.why) lines.push(`    near miss: ${w.fixture.why}`);
      lines.push(`    ${w.reason}`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(formatEval(runCoverageEval()));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
