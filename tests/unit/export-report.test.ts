import { beforeAll, describe, expect, it } from 'vitest';
import type { Node as PMNode } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { analyze } from '../../core/coverage/analyze';
import { lint, type LintFinding } from '../../core/coverage/lint';
import { summarize } from '../../core/coverage/summary';
import type { CoverageReport, ElementReport, RouteReport } from '../../core/coverage/types';
import { compose } from '../../core/document/compose';
import { schema } from '../../core/document/schema';
import { exportReportDocx } from '../../core/export/report';
import type { Library } from '../../core/library/library';
import { loadLibrary } from '../../core/node/library';
import type { Template } from '../../core/schema';
import { hasPythonDocx, readDocx, type DocxReading } from '../support/docx-reader';

/**
 * The coverage report read back by python-docx: every number, row and suggestion it
 * prints is compared with the CoverageReport it was made from (counted here, apart from
 * the report's own code).
 */

const SLOTS: [string, string][] = [
  ['finding-fusion-centers', 'standard'],
  ['enacting-city', 'standard'],
  ['short-title', 'ordinance'],
  ['definitions', 'standard'],
  ['fusion-center-participation', 'strong'],
  ['detainer-holds', 'standard'],
  ['release-information', 'baseline'],
  ['severability', 'standard'],
  ['effective-date', 'standard'],
  ['adoption-city', 'standard'],
];

function template(): Template {
  const preset = (id: string) => ({ id, label: id.toUpperCase(), description: `preset ${id} for the report test`, choices: {}, add: [] });
  return {
    id: 'report-test',
    title: 'Report test',
    kind: 'city',
    heading: 'ORDINANCE NO. {ordinance_number}',
    caption: 'AN ORDINANCE relating to personal information held by the {jurisdiction_full_name}.',
    slots: SLOTS.map(([clause, variant]) => ({ clause, variant })),
    presets: [preset('a'), preset('b')],
    defaultPreset: 'a',
  };
}

/** Replace `from` with `to` in the first paragraph of the node with id `id`. */
function edit(doc: PMNode, id: string, from: string, to: string): PMNode {
  let at = -1;
  let marks: PMNode['marks'] = [];
  doc.descendants((n, pos) => {
    if (at >= 0) return false;
    if (n.attrs.id !== id) return true;
    n.firstChild!.forEach((c, off) => {
      if (at < 0 && c.isText && c.text!.includes(from)) {
        at = pos + 2 + off + c.text!.indexOf(from);
        marks = c.marks;
      }
    });
    return false;
  });
  if (at < 0) throw new Error(`test setup: "${from}" is not in ${id}`);
  return new Transform(doc).replaceWith(at, at + from.length, schema.text(to, marks)).doc;
}

const SEVERITY = { critical: 'Critical', high: 'High', medium: 'Medium' } as const;
const ROUTE_STATUS = { closed: 'Closed', partial: 'Partly closed', open: 'Open' } as const;
const ELEMENT_STATUS = { closed: 'Closed', partial: 'Partly closed', weakened: 'Weakened', open: 'Open' } as const;

let lib: Library;
let doc: PMNode;
let report: CoverageReport;
let findings: LintFinding[];
let bytes: Uint8Array;

beforeAll(async () => {
  lib = loadLibrary();
  const profile = lib.profileById.get('riverbend')!;
  const composed = compose({ template: template(), profile, library: lib });
  // a weakening the report must name: the detainer notice duty turned into discretion
  doc = edit(composed.doc, 'detainer-holds#notice', 'shall give', 'may give');
  report = analyze(doc, lib, { kind: 'city' });
  // without the profile, the placeholders are unresolved: lint findings in the title, sections and adoption block
  findings = lint(doc, lib, {});
  bytes = await exportReportDocx({ report, doc, title: 'Riverbend test draft', lint: findings, library: lib, values: profile.values, options: { date: '2026-11-26', author: 'Review Desk' } });
}, 60_000);

/** Routes most severe first, checklist order within a severity (what the report promises). */
function bySeverity(routes: RouteReport[]): RouteReport[] {
  const rank = { critical: 0, high: 1, medium: 2 };
  return routes.map((r, i) => ({ r, i })).sort((a, b) => rank[a.r.severity] - rank[b.r.severity] || a.i - b.i).map((x) => x.r);
}

function tableWithHeader(r: DocxReading, header: string[]): DocxReading['tables'] {
  return r.tables.filter((t) => JSON.stringify(t.rows[0]) === JSON.stringify(header));
}

describe('the test draft', () => {
  it('has every kind of status, so the report checks below cannot pass on an empty report', () => {
    const routeStatuses = new Set(report.routes.map((r) => r.status));
    expect([...routeStatuses].sort()).toEqual(['closed', 'open', 'partial']);
    const elementStatuses = new Set(report.routes.flatMap((r) => r.elements.map((e) => e.status)));
    expect(elementStatuses).toContain('weakened');
    expect(elementStatuses).toContain('open');
    expect(report.routes.some((r) => r.elements.some((e) => e.suggestions.length > 0))).toBe(true);
    expect(findings.length).toBeGreaterThan(0);
  });
});

describe.runIf(hasPythonDocx())('coverage report read back by python-docx', () => {
  let r: DocxReading;
  beforeAll(() => {
    r = readDocx(bytes);
  });

  it('opens with a title block naming the document, the library version and the date', () => {
    const texts = r.paragraphs.map((p) => p.text);
    expect(texts[0]).toBe('Coverage Report');
    expect(texts).toContain('Document\tRiverbend test draft');
    expect(texts).toContain('Jurisdiction\tCity of Riverbend');
    expect(texts).toContain(`Checked against\t${lib.info.name}, version ${report.libraryVersion}: ${report.routes.length} bypass routes`);
    expect(texts).toContain('Date\t2026-11-26');
    expect(r.paragraphs[0]!.style).toBe('Report Title');
    expect(r.sections[0]!.header.join(' ')).toContain('Coverage report: Riverbend test draft');
    expect(r.sections[0]!.footerFields).toEqual(expect.arrayContaining(['PAGE', 'NUMPAGES']));
  });

  it('summary: routes closed, partly closed and open by severity, the element counts, and the score', () => {
    const [summary] = tableWithHeader(r, ['Severity', 'Routes', 'Closed', 'Partly closed', 'Open']);
    expect(summary).toBeDefined();
    const count = (routes: RouteReport[]) => [routes.length, ...(['closed', 'partial', 'open'] as const).map((s) => routes.filter((x) => x.status === s).length)].map(String);
    expect(summary!.rows.slice(1)).toEqual([
      ['Critical', ...count(report.routes.filter((x) => x.severity === 'critical'))],
      ['High', ...count(report.routes.filter((x) => x.severity === 'high'))],
      ['Medium', ...count(report.routes.filter((x) => x.severity === 'medium'))],
      ['All routes', ...count(report.routes)],
    ]);
    expect(summary!.headerRows).toBe(1);
    const elements = report.routes.flatMap((x) => x.elements);
    const n = (s: ElementReport['status']) => elements.filter((e) => e.status === s).length;
    const sentence = r.paragraphs.find((p) => p.text.startsWith('Of '))!.text;
    // the headline and the score are the coverage module's own
    const sum = summarize(report);
    expect(r.paragraphs.map((p) => p.text)).toContain(sum.headline);
    expect(r.paragraphs.some((p) => p.text.startsWith(`Score: ${sum.score} of 100.`))).toBe(true);
    expect(sentence).toContain(`Of their ${elements.length} elements, ${n('closed')} are closed, ${n('partial')} partly closed, ${n('weakened')} weakened by edits and ${n('open')} open.`);
  });

  it('one row per route, most severe first, with the provisions that address it by label', () => {
    const [routes] = tableWithHeader(r, ['Route', 'Severity', 'Status', 'Addressed by']);
    expect(routes).toBeDefined();
    const rows = routes!.rows.slice(1);
    const ordered = bySeverity(report.routes);
    expect(rows.map((row) => row[0])).toEqual(ordered.map((x) => x.title));
    ordered.forEach((route, i) => {
      const row = rows[i]!;
      expect(row[1]).toBe(SEVERITY[route.severity]);
      expect(row[2]).toBe(ROUTE_STATUS[route.status]);
      const labels = [...new Set(route.elements.flatMap((e) => e.addressedBy.map((a) => a.provision.label)))];
      const lines = row[3]!.split('\n');
      if (labels.length === 0) expect(lines).toEqual(['Nothing in the draft']);
      else {
        expect(lines).toHaveLength(labels.length);
        // each line opens with its label, then the section heading in parentheses
        for (const l of labels) expect(lines.some((line) => line === l || line.startsWith(`${l} (`))).toBe(true);
      }
    });
    // the fusion-center route is closed by the section the fusion-center clause made
    const fusion = rows.find((row) => row[0] === lib.routeById.get('fusion-center')!.title)!;
    expect(fusion[2]).toBe('Closed');
    expect(fusion[3]).toMatch(/^Section \d+ \(Conditions on participation in a fusion center\)/);
  });

  it('each open or partly closed route: its elements not closed, each with its reason and the suggested clauses', () => {
    const notClosed = bySeverity(report.routes).filter((x) => x.status !== 'closed');
    const headings = r.paragraphs.filter((p) => p.style === 'Report Heading 2').map((p) => p.text);
    expect(headings.slice(0, notClosed.length)).toEqual(notClosed.map((x) => `${x.title} (${x.severity}, ${ROUTE_STATUS[x.status].toLowerCase()})`));
    const tables = tableWithHeader(r, ['Element', 'Status and reason', 'Suggested clauses']);
    expect(tables).toHaveLength(notClosed.length);
    notClosed.forEach((route, i) => {
      const rows = tables[i]!.rows.slice(1);
      const elements = route.elements.filter((e) => e.status !== 'closed');
      expect(rows.map((row) => row[0])).toEqual(elements.map((e) => e.statement));
      elements.forEach((e, j) => {
        const [, reason, suggested] = rows[j]!;
        // coverage's reasons open with the status; the report prints them as they are
        expect([e.reason, `${ELEMENT_STATUS[e.status]}: ${e.reason}`]).toContain(reason);
        const lines = suggested!.split('\n');
        if (e.suggestions.length === 0) expect(lines).toEqual(['No library clause closes it: it needs drafting.']);
        else {
          expect(lines).toHaveLength(e.suggestions.length);
          e.suggestions.forEach((s, k) => {
            expect(lines[k]!.startsWith(`${s.title}: ${s.variantLabel}`)).toBe(true);
            if (s.coverage === 'partial') expect(lines[k]).toContain('closes it in part');
          });
        }
      });
    });
  });

  it('weakened elements with the words that caused each weakening', () => {
    const [weak] = tableWithHeader(r, ['Element', 'Provision', 'Words', 'Effect']);
    expect(weak).toBeDefined();
    const expected = bySeverity(report.routes).flatMap((route) =>
      route.elements
        .filter((e) => e.status === 'weakened')
        .flatMap((e) => e.addressedBy.filter((a) => a.level === 'weakened').flatMap((a) => (a.weakenings ?? []).map((w) => [`${route.title}: ${e.statement}`, w.label, w.words, w.message]))),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(weak!.rows.slice(1)).toEqual(expected);
    // the edit made above: "shall" became "may"
    expect(weak!.rows.slice(1).some((row) => /"shall" became "may"/.test(row[2]!))).toBe(true);
    const [edits] = tableWithHeader(r, ['Provision', 'Clause', 'Findings']);
    expect(edits!.rows.slice(1).map((row) => row[0])).toEqual(report.edits.map((e) => e.provision.label));
    expect(edits!.rows.slice(1).some((row) => row[1]!.startsWith('No detention or transfer on immigration detainers, '))).toBe(true);
  });

  it('lint findings with their location', () => {
    const [table] = tableWithHeader(r, ['Location', 'Severity', 'Finding', 'Rule']);
    expect(table).toBeDefined();
    const rows = table!.rows.slice(1);
    expect(rows).toHaveLength(findings.length);
    const key = (loc: string, sev: string, msg: string, rule: string) => [loc, sev, msg, rule].join('|');
    const printed = new Set(rows.map((row) => key(row[0]!, row[1]!, row[2]!, row[3]!)));
    for (const f of findings) {
      if (f.label) expect(printed.has(key(f.label, f.severity, f.message, f.rule))).toBe(true);
    }
    // a finding without a label is placed by its position: the title's placeholder is in the "Title"
    expect(rows.some((row) => row[0] === 'Title')).toBe(findings.some((f) => !f.label && f.pos === 0));
    expect(rows.every((row) => row[0] !== '' && row[0] !== 'undefined')).toBe(true);
  });

  it('real tables and paragraph styles', () => {
    expect(r.tables.length).toBeGreaterThanOrEqual(4);
    for (const t of r.tables) {
      expect(t.headerRows).toBe(1);
      expect(t.cellStyles).toEqual(['Report Table Header', 'Report Table Text']);
    }
    expect(Object.values(r.styles)).toEqual(expect.arrayContaining(['Report Heading 1', 'Report Heading 2', 'Report Body']));
    expect(r.defaultFont).toBe('Times New Roman');
  });

  it('honours font, size and paper, and says when no lint check ran', async () => {
    const a4 = readDocx(await exportReportDocx({ report, doc, title: 'A4', options: { paper: 'a4', font: 'Arial', fontSize: 11 } }));
    expect(a4.sections[0]!.pageWidth).toBe(11906);
    expect(a4.defaultFont).toBe('Arial');
    expect(a4.paragraphs.map((p) => p.text)).toContain('No lint check was run.');
    // without the library, clauses are named by id and the library by its version alone
    expect(a4.paragraphs.some((p) => p.text.startsWith(`Checked against\tClause library, version ${report.libraryVersion}`))).toBe(true);
  });
});

describe('coverage report bytes', () => {
  it('the same report exports to byte-identical files', async () => {
    const again = await exportReportDocx({ report, doc, title: 'Riverbend test draft', lint: findings, library: lib, values: lib.profileById.get('riverbend')!.values, options: { date: '2026-11-26', author: 'Review Desk' } });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rejects bad options with a clear message', async () => {
    await expect(exportReportDocx({ report, doc, title: 'x', options: { date: '26/11/2026' } })).rejects.toThrow(/YYYY-MM-DD/);
  });
});
