import type { RouteReport, ElementReport } from '../../core/coverage';
import type { Library } from '../../core/library/library';
import type { Severity } from '../../core/schema';
import { HELP_OPTION, LIBRARY_OPTION, flag, parse, str, type CommandSpec } from '../args';
import { runCheck, severitiesFrom, SEVERITY_ORDER, type CheckResult } from '../coverage';
import { EXIT, type Io } from '../io';
import { library, loadOrdinance, type LoadedOrdinance } from '../load';
import { importSummary, noticeLines } from './import';

export const spec: CommandSpec = {
  name: 'check',
  summary: 'check a draft or an enacted ordinance against the checklist of bypass routes',
  usage: ['check DRAFT.ordinance.json|ENACTED.docx|ENACTED.txt|ENACTED.md [--severity critical|high|medium] [--json]'],
  description:
    'Prints the coverage summary (routes closed, partly closed and open, by severity, and the score), each route not closed with its open elements, why, and the clause that would close it, and the lint findings with where they are. An enacted ordinance (.docx, .txt, .md) is imported first.\n\n' +
    'The exit status says whether the routes that matter are closed, so a CI job or a script can gate on it.',
  options: {
    severity: {
      type: 'string',
      value: 'LEVEL',
      choices: SEVERITY_ORDER,
      help: 'routes at or above this severity must be closed for exit status 0 (default: critical)',
    },
    json: { type: 'boolean', help: 'print a machine-readable report (JSON) instead of text' },
    library: LIBRARY_OPTION,
    help: HELP_OPTION,
  },
  positionals: { min: 1, max: 1, name: 'the ordinance to check' },
  exit: '0  every route at or above --severity is closed\n1  some route at or above --severity is not closed\n2  bad input (missing file, not an ordinance, bad option)',
  examples: ['ordwright check riverbend.ordinance.json', 'ordwright check enacted.docx --severity high', 'ordwright check draft.ordinance.json --json > coverage.json'],
};

const STATUS_WORD: Record<string, string> = { closed: 'closed', partial: 'partly closed', weakened: 'weakened', open: 'open' };
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2 };

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd());
}

function failing(result: CheckResult, threshold: Severity): RouteReport[] {
  const sev = new Set(severitiesFrom(threshold));
  return result.report.routes.filter((r) => sev.has(r.severity) && r.status !== 'closed');
}

function suggestionLine(e: ElementReport, lib: Library): string | null {
  const s = e.suggestions[0];
  if (!s) return null;
  // definitions come with the clause (the composer adds the terms a clause uses), so only other clauses are worth naming
  const needs = s.missingRequires.filter((id) => lib.clauseById.get(id)?.kind !== 'definition');
  const extra = [
    s.coverage === 'partial' ? 'partly' : '',
    s.inDocument ? 'the draft has this clause in another form' : '',
    needs.length ? `needs ${needs.join(', ')}` : '',
    s.conflictsWith.length ? `conflicts with ${s.conflictsWith.join(', ')}` : '',
    s.alsoCloses.length ? `also closes ${s.alsoCloses.length} more` : '',
  ].filter(Boolean);
  return `try: ${s.clause} (${s.variantLabel.toLowerCase()} variant, ${s.strength}): ${s.title}${extra.length ? ` [${extra.join('; ')}]` : ''}`;
}

export function formatCheck(shown: string, loaded: LoadedOrdinance, result: CheckResult, threshold: Severity, lib: Library): string {
  const { report, summary } = result;
  const out: string[] = [];
  const what = loaded.kind === 'project' ? 'draft' : `imported ${loaded.kind === 'docx' ? 'Word document' : loaded.kind === 'markdown' ? 'Markdown text' : 'text'}`;
  out.push(`Coverage of ${shown} (${what}; clause library ${report.libraryVersion}, ${report.routes.length} route${report.routes.length === 1 ? '' : 's'})`, '');
  out.push(
    ...table([
      ['Severity', 'Routes', 'Closed', 'Partly', 'Open'],
      ...SEVERITY_ORDER.map((s) => {
        const c = summary.bySeverity[s];
        return [s, String(c.total), String(c.closed), String(c.partial), String(c.open)];
      }),
      ['all', String(summary.routes.total), String(summary.routes.closed), String(summary.routes.partial), String(summary.routes.open)],
    ]),
  );
  const el = summary.elements;
  out.push('', `Elements: ${el.closed} closed, ${el.partial} partly closed, ${el.weakened} weakened, ${el.open} open (of ${el.total}).`);
  out.push(`Score: ${summary.score}/100. ${summary.headline}`);

  const notClosed = report.routes
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.status !== 'closed')
    .sort((a, b) => SEVERITY_RANK[a.r.severity] - SEVERITY_RANK[b.r.severity] || a.i - b.i)
    .map(({ r }) => r);
  if (notClosed.length) {
    out.push('', `Routes not closed (${notClosed.length}):`);
    for (const r of notClosed) {
      const els = r.elements.filter((e) => e.status !== 'closed');
      out.push('', `  [${r.severity}] ${r.id}: ${r.title}: ${STATUS_WORD[r.status]} (${els.length} of ${r.elements.length} elements not closed)`);
      for (const e of els) {
        out.push(`    ${e.ref} (${STATUS_WORD[e.status]}): ${e.statement}`, `      ${e.reason}`);
        const s = suggestionLine(e, lib);
        if (s) out.push(`      ${s}`);
      }
    }
  }
  const weakened = report.edits.filter((e) => e.weakenings.length > 0);
  if (weakened.length) {
    out.push('', `Library clauses weakened by editing (${weakened.length}):`);
    for (const e of weakened) for (const w of e.weakenings) out.push(`  ${w.label}: ${e.clause}: "${w.words}": ${w.message}`);
  }
  out.push('', result.lint.length ? `Lint (${result.lint.length}):` : 'Lint: no findings.');
  for (const f of result.lint) out.push(`  ${f.location}: ${f.severity}: ${f.message} [${f.rule}]`);

  const fails = failing(result, threshold);
  const scope = threshold === 'critical' ? 'critical ' : threshold === 'high' ? 'critical and high ' : '';
  const inScope = report.routes.filter((r) => severitiesFrom(threshold).includes(r.severity)).length;
  out.push(
    '',
    inScope === 0
      ? `Result: the checklist has no ${scope}routes.`
      : fails.length === 0
      ? `Result: every ${scope}route is closed (${inScope}).`
      : `Result: ${fails.length} ${scope}route${fails.length === 1 ? ' is' : 's are'} not closed: ${fails.map((r) => r.id).join(', ')}.`,
  );
  return out.join('\n');
}

/** The machine-readable report: everything the text says, without the internal per-section analyses. */
export function checkJson(shown: string, loaded: LoadedOrdinance, result: CheckResult, threshold: Severity): unknown {
  const fails = failing(result, threshold);
  const { sections: _sections, ...report } = result.report;
  return {
    file: shown,
    input: loaded.kind,
    severity: threshold,
    pass: fails.length === 0,
    failing: fails.map((r) => r.id),
    summary: result.summary,
    ...report,
    lint: result.lint,
    ...(loaded.imported ? { import: { stats: loaded.imported.stats, notices: loaded.imported.notices } } : {}),
  };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const args = parse(spec, argv);
  const input = args.positionals[0]!;
  const threshold = (str(args, 'severity') ?? 'critical') as Severity;
  const json = flag(args, 'json');
  const lib = library(io, str(args, 'library'));
  const loaded = await loadOrdinance(io, input, lib);
  if (loaded.imported && !json) {
    for (const l of noticeLines(input, loaded.imported)) io.err(l);
    io.err(`imported ${importSummary(input, loaded.imported)}`);
  }
  const result = runCheck(loaded.doc, lib, loaded.profile);
  io.out(json ? JSON.stringify(checkJson(input, loaded, result, threshold), null, 2) : formatCheck(input, loaded, result, threshold, lib));
  return failing(result, threshold).length === 0 ? EXIT.ok : EXIT.open;
}
