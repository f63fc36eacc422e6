import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
  type ParagraphChild,
} from 'docx';
import type { Node as PMNode } from 'prosemirror-model';
import type {
  Address,
  CoverageLibrary,
  CoverageReport,
  ElementReport,
  ElementStatus,
  RouteReport,
  RouteStatus,
} from '../coverage/types';
import type { LintSeverity } from '../coverage/lint';
import { ELEMENT_VALUE, SEVERITY_WEIGHT, summarize } from '../coverage/summary';
import { numberDocument } from '../document/numbering';
import type { Severity } from '../schema';
import { exportOptions, type ExportOptions, type ExportOptionsInput } from './options';
import { documentDefaults, pageProperties, pageXofYFooter, textWidth } from './page';
import { normalizeZip } from './zip';

/**
 * The coverage report as a Word document a reviewer can hand on: who and what was
 * checked, the route summary, a table of routes against the sections that close them,
 * what is still open with the clauses that would close it, the weakened elements with
 * the words that weakened them, and the lint findings.
 *
 * Everything printed comes from the CoverageReport (and the lint findings); the report
 * computes no coverage of its own, so it always says what the live check says.
 */

/**
 * What the report needs of a lint finding. core/coverage/lint's LintFinding satisfies
 * it as it is; a caller that has already worded the place passes `location`.
 */
export interface ReportLintFinding {
  rule: string;
  severity: LintSeverity;
  message: string;
  /** Where, as the caller words it ("Section 4(b)", "Recital 2"); otherwise derived from `label` or `pos`. */
  location?: string;
  /** The numbered label of the node ("Section 4(b)"). */
  label?: string;
  /** Position of the node in the document. */
  pos?: number;
}

export interface ReportInput {
  report: CoverageReport;
  /** The reviewed document (for section headings next to their labels). */
  doc: PMNode;
  /** The reviewed document's name: the imported file name or the project title. */
  title: string;
  /** Lint findings, when the coverage module provides them. */
  lint?: readonly ReportLintFinding[];
  /** For the library's name, clause titles of edited clauses and required clauses; without it the report names clauses by id. */
  library?: Pick<CoverageLibrary, 'info' | 'clauseById'>;
  /** Profile values, for placeholders in section headings. */
  values?: Record<string, string>;
  /** Font, size, paper, date and author are used; the ordinance-only options (mode, line numbers, contents, ...) are ignored. */
  options?: ExportOptionsInput;
}

export const REPORT_STYLE = {
  title: 'RptTitle',
  subtitle: 'RptSubtitle',
  heading1: 'RptHeading1',
  heading2: 'RptHeading2',
  body: 'RptBody',
  meta: 'RptMeta',
  reason: 'RptReason',
  suggestion: 'RptSuggestion',
  tableHeader: 'RptTableHeader',
  tableText: 'RptTableText',
} as const;

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium'];
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2 };

export const ROUTE_STATUS_TEXT: Record<RouteStatus, string> = { closed: 'Closed', partial: 'Partly closed', open: 'Open' };
export const ELEMENT_STATUS_TEXT: Record<ElementStatus, string> = { closed: 'Closed', partial: 'Partly closed', weakened: 'Weakened', open: 'Open' };
const SEVERITY_TEXT: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium' };

// Light fills that still read in black and white: the status word is always printed too.
const STATUS_FILL: Record<RouteStatus | ElementStatus, string> = { closed: 'E2EFDA', partial: 'FFF2CC', weakened: 'FCE4D6', open: 'F8D7DA' };
const HEADER_FILL = 'D9E2F3';

/** Routes as the report lists them: most severe first, the checklist's order within a severity. */
export function orderedRoutes(report: CoverageReport): RouteReport[] {
  return report.routes
    .map((r, i) => ({ r, i }))
    .sort((a, b) => SEVERITY_RANK[a.r.severity] - SEVERITY_RANK[b.r.severity] || a.i - b.i)
    .map(({ r }) => r);
}

/** The provisions that address a route, each once, in document order, with the strongest level any of them reaches. */
export function addressingProvisions(route: RouteReport): { label: string; pos: number; nodeId: string; level: Address['level'] }[] {
  const rank = { full: 0, weakened: 1, partial: 2 } as const;
  const byLabel = new Map<string, { label: string; pos: number; nodeId: string; level: Address['level'] }>();
  for (const e of route.elements) {
    for (const a of e.addressedBy) {
      const seen = byLabel.get(a.provision.label);
      if (!seen) byLabel.set(a.provision.label, { label: a.provision.label, pos: a.provision.pos, nodeId: a.provision.nodeId, level: a.level });
      else if (rank[a.level] < rank[seen.level]) seen.level = a.level;
    }
  }
  return [...byLabel.values()].sort((a, b) => a.pos - b.pos || a.label.localeCompare(b.label));
}

// ---------------------------------------------------------------------------------
// styles

function styles(o: ExportOptions): IParagraphStyleOptions[] {
  const size = o.fontSize * 2;
  const small = Math.max(size - 4, 16);
  const base = { basedOn: 'Normal', next: REPORT_STYLE.body, quickFormat: true } as const;
  return [
    { id: REPORT_STYLE.title, name: 'Report Title', ...base, run: { bold: true, size: size + 8 }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } } },
    { id: REPORT_STYLE.subtitle, name: 'Report Subtitle', ...base, run: { size: size + 2, italics: true }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } } },
    {
      id: REPORT_STYLE.meta, name: 'Report Details', ...base,
      paragraph: { indent: { left: 2160, hanging: 2160 }, spacing: { after: 40 } },
    },
    {
      id: REPORT_STYLE.heading1, name: 'Report Heading 1', ...base,
      run: { bold: true, size: size + 2 },
      paragraph: {
        keepNext: true, keepLines: true, outlineLevel: 0, spacing: { before: 360, after: 120 },
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '808080', space: 2 } },
      },
    },
    { id: REPORT_STYLE.heading2, name: 'Report Heading 2', ...base, run: { bold: true }, paragraph: { keepNext: true, keepLines: true, outlineLevel: 1, spacing: { before: 240, after: 80 } } },
    { id: REPORT_STYLE.body, name: 'Report Body', ...base, paragraph: { spacing: { after: 120 } } },
    { id: REPORT_STYLE.reason, name: 'Report Reason', ...base, paragraph: { indent: { left: 360 }, spacing: { after: 60 } } },
    { id: REPORT_STYLE.suggestion, name: 'Report Suggestion', ...base, run: { size: small }, paragraph: { indent: { left: 720, hanging: 360 }, spacing: { after: 40 } } },
    { id: REPORT_STYLE.tableHeader, name: 'Report Table Header', ...base, run: { bold: true, size: small }, paragraph: { keepNext: true, spacing: { before: 40, after: 40 } } },
    { id: REPORT_STYLE.tableText, name: 'Report Table Text', ...base, run: { size: small }, paragraph: { spacing: { before: 20, after: 20 } } },
  ];
}

// ---------------------------------------------------------------------------------
// building blocks

const para = (style: string, children: (ParagraphChild | string)[], extra: { keepNext?: boolean } = {}) =>
  new Paragraph({ style, ...extra, children: children.map((c) => (typeof c === 'string' ? new TextRun(c) : c)) });

const bold = (text: string) => new TextRun({ text, bold: true });

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' } as const;

interface Column {
  title: string;
  /** Share of the text width. */
  share: number;
}

/** A line of a cell: plain text, or runs (for a bold lead-in). */
type CellLine = string | ParagraphChild[];
type CellContent = string | CellLine[] | { lines: CellLine[]; fill?: string };

/** A real Word table: a header row repeated on each page, rows kept whole, direct borders (a clerk's template may restyle them). */
function table(o: ExportOptions, columns: Column[], rows: CellContent[][]): Table {
  const total = textWidth(o);
  const widths = columns.map((c) => Math.round(total * c.share));
  const cell = (content: CellContent, i: number, header: boolean) => {
    const lines = typeof content === 'string' ? [content] : Array.isArray(content) ? content : content.lines;
    const fill = header ? HEADER_FILL : typeof content === 'object' && !Array.isArray(content) ? content.fill : undefined;
    return new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 100, right: 100 },
      ...(fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill } } : {}),
      children: (lines.length > 0 ? lines : ['']).map((l) => para(header ? REPORT_STYLE.tableHeader : REPORT_STYLE.tableText, typeof l === 'string' ? [l] : l)),
    });
  };
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.title, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** Section headings by section id, as printed in the draft. */
function sectionHeadings(doc: PMNode, values: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  doc.forEach((node) => {
    if (node.type.name !== 'section') return;
    let text = '';
    node.firstChild?.forEach((c) => {
      if (c.isText) text += c.text ?? '';
      else if (c.type.name === 'placeholder') {
        const key = c.attrs.key as string;
        text += values[key]?.trim() ? values[key] : `[${key.replace(/_/g, ' ')}]`;
      }
    });
    out.set(node.attrs.id as string, text.trim());
  });
  return out;
}

const LEVEL_NOTE: Record<Address['level'], string> = { full: '', partial: ' (in part)', weakened: ' (weakened)' };

function clauseName(library: ReportInput['library'], id: string, variant: string): string {
  const clause = library?.clauseById.get(id);
  if (!clause) return `${id} (${variant})`;
  const v = clause.variants.find((x) => x.id === variant);
  return `${clause.title}, ${v ? v.label : variant} variant`;
}

/** One suggested clause as printed: title and variant, then what a drafter must know before adding it. */
export function suggestionText(s: ElementReport['suggestions'][number], library?: ReportInput['library']): string {
  const notes: string[] = [];
  if (s.coverage === 'partial') notes.push('closes it in part');
  if (s.inDocument) notes.push('the draft has this clause in another form');
  // definitions are added by the composer with the clause; only other required clauses are news
  const requires = s.missingRequires
    .map((id) => ({ id, clause: library?.clauseById.get(id) }))
    .filter(({ clause }) => clause?.kind !== 'definition')
    .map(({ id, clause }) => clause?.title ?? id);
  if (requires.length > 0) notes.push(`needs ${requires.join(', ')}`);
  if (s.conflictsWith.length > 0) notes.push(`conflicts with ${s.conflictsWith.map((id) => library?.clauseById.get(id)?.title ?? id).join(', ')} in the draft`);
  if (s.alsoCloses.length > 0) notes.push(`also closes ${s.alsoCloses.length} other element${s.alsoCloses.length > 1 ? 's' : ''}`);
  return `${s.title}: ${s.variantLabel}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

/** Where a lint finding is: its label, or the part of the ordinance that holds it. */
export function lintLocation(doc: PMNode, f: ReportLintFinding): string {
  if (f.location) return f.location;
  if (f.label) return f.label;
  const at = f.pos;
  if (at === undefined) return 'Document';
  let where = 'Document';
  let recital = 0;
  doc.forEach((node, pos) => {
    if (node.type.name === 'recital') recital++;
    if (at < pos || at >= pos + node.nodeSize) return;
    const name = node.type.name;
    if (name === 'recital') where = `Recital ${recital}`;
    else if (name === 'enacting') where = 'Enacting clause';
    else if (name === 'adoption') where = 'Adoption block';
    else if (name === 'title') where = 'Title';
    else if (name === 'caption') where = 'Caption';
    else if (name === 'section') where = numberDocument(doc).byPos.get(pos)?.full ?? 'A section';
  });
  return where;
}

/** The reason with its status in bold: coverage's reasons open with the status ("Open: ..."); one that does not gets it added. */
function statusAndReason(el: ElementReport): ParagraphChild[] {
  const status = ELEMENT_STATUS_TEXT[el.status];
  const m = el.reason.match(/^([^:]{1,20}):\s*/);
  if (m && m[1]!.toLowerCase() === status.toLowerCase()) return [bold(`${m[1]}: `), new TextRun(el.reason.slice(m[0].length))];
  return [bold(`${status}: `), new TextRun(el.reason)];
}

function routeTitle(r: RouteReport): string {
  return `${r.title} (${SEVERITY_TEXT[r.severity].toLowerCase()}, ${ROUTE_STATUS_TEXT[r.status].toLowerCase()})`;
}

// ---------------------------------------------------------------------------------
// the report

export function buildReportDocx(input: ReportInput): Document {
  const o = exportOptions(input.options);
  const { report } = input;
  const values = input.values ?? {};
  const headings = sectionHeadings(input.doc, values);
  const numbering = numberDocument(input.doc);
  const headingOf = (nodeId: string): string => {
    const sectionId = numbering.byId.get(nodeId)?.sectionId;
    return (sectionId && headings.get(sectionId)) || '';
  };
  const summary = summarize(report);
  const routes = orderedRoutes(report);
  const body: (Paragraph | Table)[] = [];

  // title block
  const libraryName = input.library?.info.name ?? 'Clause library';
  body.push(para(REPORT_STYLE.title, ['Coverage Report']));
  body.push(para(REPORT_STYLE.subtitle, [input.title]));
  // a hanging indent with a tab stop at the indent: the values line up, long ones wrap under themselves
  const meta = (k: string, v: string) =>
    new Paragraph({ style: REPORT_STYLE.meta, tabStops: [{ type: TabStopType.LEFT, position: 2160 }], children: [bold(k), new TextRun(`\t${v}`)] });
  body.push(meta('Document', input.title));
  if (values.jurisdiction_full_name?.trim()) body.push(meta('Jurisdiction', values.jurisdiction_full_name));
  body.push(meta('Checked against', `${libraryName}, version ${report.libraryVersion}: ${report.routes.length} bypass routes`));
  body.push(meta('Date', o.date));
  body.push(meta('Prepared by', o.author));

  // summary: the coverage module's own counts and score, so the report says what the live check says
  body.push(para(REPORT_STYLE.heading1, ['Summary']));
  const e = summary.elements;
  body.push(para(REPORT_STYLE.body, [bold(summary.headline)]));
  body.push(
    para(REPORT_STYLE.body, [
      `Of ${summary.routes.total} routes, the draft closes ${summary.routes.closed}, partly closes ${summary.routes.partial} and leaves ${summary.routes.open} open. `,
      `Of their ${e.total} elements, ${e.closed} are closed, ${e.partial} partly closed, ${e.weakened} weakened by edits and ${e.open} open.`,
    ]),
  );
  body.push(
    para(REPORT_STYLE.body, [
      bold(`Score: ${summary.score} of 100. `),
      `Each element counts ${ELEMENT_VALUE.closed} when closed, ${ELEMENT_VALUE.partial} when partly closed or weakened and ${ELEMENT_VALUE.open} when open; `,
      `a route scores the mean of its elements, and routes are weighted by severity (${SEVERITIES.map((s) => `${s} ${SEVERITY_WEIGHT[s]}`).join(', ')}).`,
    ]),
  );
  body.push(
    table(
      o,
      [
        { title: 'Severity', share: 0.28 },
        { title: 'Routes', share: 0.18 },
        { title: 'Closed', share: 0.18 },
        { title: 'Partly closed', share: 0.18 },
        { title: 'Open', share: 0.18 },
      ],
      [
        ...SEVERITIES.map((s) => {
          const c = summary.bySeverity[s];
          return [SEVERITY_TEXT[s], String(c.total), String(c.closed), String(c.partial), String(c.open)];
        }),
        ['All routes', String(summary.routes.total), String(summary.routes.closed), String(summary.routes.partial), String(summary.routes.open)],
      ],
    ),
  );

  // routes against sections
  body.push(para(REPORT_STYLE.heading1, ['Routes and the sections that close them']));
  body.push(
    para(REPORT_STYLE.body, [
      'Each route of the checklist, most severe first, with the sections and provisions of the draft that address it. "In part" and "weakened" mark provisions that address the route without closing it.',
    ]),
  );
  body.push(
    table(
      o,
      [
        { title: 'Route', share: 0.32 },
        { title: 'Severity', share: 0.12 },
        { title: 'Status', share: 0.14 },
        { title: 'Addressed by', share: 0.42 },
      ],
      routes.map((r) => {
        const provs = addressingProvisions(r).map((p) => {
          const h = headingOf(p.nodeId);
          return `${p.label}${h ? ` (${h})` : ''}${LEVEL_NOTE[p.level]}`;
        });
        return [r.title, SEVERITY_TEXT[r.severity], { lines: [ROUTE_STATUS_TEXT[r.status]], fill: STATUS_FILL[r.status] }, provs.length > 0 ? provs : ['Nothing in the draft']];
      }),
    ),
  );

  // open and partly closed routes: one table per route, one row per element not closed
  const notClosed = routes.filter((r) => r.status !== 'closed');
  body.push(para(REPORT_STYLE.heading1, ['Open and partly closed routes']));
  if (notClosed.length === 0) body.push(para(REPORT_STYLE.body, ['The draft closes every route of the checklist.']));
  else {
    body.push(
      para(REPORT_STYLE.body, [
        'For each route the draft does not close, the elements still missing, why, and the library clauses that would close them (title: variant).',
      ]),
    );
  }
  for (const r of notClosed) {
    body.push(para(REPORT_STYLE.heading2, [routeTitle(r)]));
    body.push(
      table(
        o,
        [
          { title: 'Element', share: 0.3 },
          { title: 'Status and reason', share: 0.34 },
          { title: 'Suggested clauses', share: 0.36 },
        ],
        r.elements
          .filter((el) => el.status !== 'closed')
          .map((el) => [
            el.statement,
            { lines: [statusAndReason(el)], fill: STATUS_FILL[el.status] },
            el.suggestions.length > 0 ? el.suggestions.map((x) => suggestionText(x, input.library)) : ['No library clause closes it: it needs drafting.'],
          ]),
      ),
    );
  }

  // weakened elements
  const weakened: CellContent[][] = [];
  for (const r of routes) {
    for (const el of r.elements) {
      if (el.status !== 'weakened') continue;
      for (const a of el.addressedBy) {
        if (a.level !== 'weakened') continue;
        for (const w of a.weakenings ?? []) weakened.push([`${r.title}: ${el.statement}`, w.label, w.words, w.message]);
      }
    }
  }
  body.push(para(REPORT_STYLE.heading1, ['Weakened elements']));
  if (weakened.length === 0) body.push(para(REPORT_STYLE.body, ['No edit of a library clause weakens an element the clause closed.']));
  else {
    body.push(para(REPORT_STYLE.body, ['Elements a library clause closed until the drafter edited it, with the words that weakened each one.']));
    body.push(table(o, [{ title: 'Element', share: 0.34 }, { title: 'Provision', share: 0.14 }, { title: 'Words', share: 0.26 }, { title: 'Effect', share: 0.26 }], weakened));
  }

  // edited library clauses (weakened or not), and broad exemptions
  if (report.edits.length > 0) {
    body.push(para(REPORT_STYLE.heading2, ['Edited library clauses']));
    body.push(
      table(
        o,
        [{ title: 'Provision', share: 0.16 }, { title: 'Clause', share: 0.38 }, { title: 'Findings', share: 0.46 }],
        report.edits.map((ed) => [
          ed.provision.label,
          clauseName(input.library, ed.clause, ed.variant) + (ed.known ? '' : ' (not in this library)'),
          ed.weakenings.length > 0 ? ed.weakenings.map((w) => `${w.label}: ${w.words} (${w.message})`) : ['Edited; no weakening found'],
        ]),
      ),
    );
  }
  if (report.exemptions.length > 0) {
    body.push(para(REPORT_STYLE.heading2, ['Broad exemptions']));
    for (const x of report.exemptions) body.push(para(REPORT_STYLE.reason, [bold(`${x.provision.label}: `), `"${x.text}" lowers every element it reaches.`]));
  }

  // lint findings
  body.push(para(REPORT_STYLE.heading1, ['Lint findings']));
  if (!input.lint) body.push(para(REPORT_STYLE.body, ['No lint check was run.']));
  else if (input.lint.length === 0) body.push(para(REPORT_STYLE.body, ['The lint check found nothing.']));
  else {
    const SEV = { error: 0, warning: 1, info: 2 } as const;
    const findings = [...input.lint].sort((x, y) => SEV[x.severity] - SEV[y.severity] || (x.pos ?? 0) - (y.pos ?? 0));
    body.push(
      table(
        o,
        [{ title: 'Location', share: 0.18 }, { title: 'Severity', share: 0.12 }, { title: 'Finding', share: 0.52 }, { title: 'Rule', share: 0.18 }],
        findings.map((f) => [lintLocation(input.doc, f), f.severity, f.message, f.rule]),
      ),
    );
  }

  return new Document({
    creator: o.author,
    lastModifiedBy: o.author,
    title: `Coverage report: ${input.title}`,
    description: 'Coverage report made with Ordwright',
    styles: { default: documentDefaults(o), paragraphStyles: styles(o) },
    sections: [
      {
        properties: { page: pageProperties(o) },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                tabStops: [{ type: TabStopType.RIGHT, position: textWidth(o) }],
                children: [new TextRun({ text: `Coverage report: ${input.title}`, size: 18 }), new TextRun({ text: `\t${o.date}`, size: 18 })],
              }),
            ],
          }),
        },
        footers: { default: pageXofYFooter() },
        children: body,
      },
    ],
  });
}

/** Export a coverage report to .docx bytes. The same input gives the same bytes. */
export async function exportReportDocx(input: ReportInput): Promise<Uint8Array> {
  const o = exportOptions(input.options);
  const bytes = await Packer.pack(buildReportDocx(input), 'uint8array');
  return normalizeZip(bytes, o.date);
}
