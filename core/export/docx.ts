import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  Footer,
  Header,
  HighlightColor,
  InsertedTextRun,
  LineNumberRestartFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  type ICommentOptions,
  type IParagraphStyleOptions,
  TabStopType,
  TextRun,
} from 'docx';
import type { Node as PMNode, Mark } from 'prosemirror-model';
import type { Library } from '../library/library';
import { tokenize } from '../library/inline';
import type { Clause, ProvisionSpec, Variant } from '../schema';
import { canonicalText, hashText } from '../document/hash';
import { numberDocument, provisionLabel, xrefText, type Numbering } from '../document/numbering';
import type { Provenance } from '../document/schema';
import { align, diffWords, similarity } from './diff';
import { exportOptions, type ExportOptions, type ExportOptionsInput } from './options';
import { normalizeZip } from './zip';

export interface ExportInput {
  doc: PMNode;
  /** Profile values for placeholders (profile.values). */
  values: Record<string, string>;
  /** The clause library: needed for annotated (commentary) and redline (original text) exports. */
  library?: Library;
  options?: ExportOptionsInput;
}

const TWIP_INDENT = 720; // half an inch per level
const PAGE = { letter: { width: 12240, height: 15840 }, a4: { width: 11906, height: 16838 } } as const;

/** Style ids: a clerk restyles the whole document by changing these in Word. */
export const STYLE = {
  title: 'OrdTitle',
  caption: 'OrdCaption',
  toc: 'OrdContents',
  recital: 'OrdRecital',
  enacting: 'OrdEnacting',
  heading: 'OrdSectionHeading',
  sectionText: 'OrdSectionText',
  level: (n: number) => `OrdLevel${Math.min(Math.max(n, 1), 5)}`,
  adoption: 'OrdAdoption',
  commentary: 'OrdCommentary',
  commentaryHeading: 'OrdCommentaryHeading',
} as const;

function styles(o: ExportOptions): IParagraphStyleOptions[] {
  const size = o.fontSize * 2;
  const line = o.spacing === 'double' ? 480 : 276;
  const base = { basedOn: 'Normal', next: 'Normal', quickFormat: true } as const;
  const levels: IParagraphStyleOptions[] = [1, 2, 3, 4, 5].map((n) => ({
    id: STYLE.level(n),
    name: `Ordinance Level ${n}`,
    ...base,
    paragraph: {
      indent: { left: TWIP_INDENT * (n + 1), hanging: TWIP_INDENT },
      tabStops: [{ type: TabStopType.LEFT, position: TWIP_INDENT * (n + 1) }],
      spacing: { after: 120, line },
      alignment: AlignmentType.JUSTIFIED,
    },
  }));
  return [
    {
      id: STYLE.title, name: 'Ordinance Title', ...base,
      run: { bold: true, size: size + 4, allCaps: true },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
    },
    {
      id: STYLE.caption, name: 'Ordinance Caption', ...base,
      run: { bold: true },
      paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { left: TWIP_INDENT, right: TWIP_INDENT }, spacing: { after: 360, line } },
    },
    {
      id: STYLE.toc, name: 'Ordinance Contents', ...base,
      paragraph: { indent: { left: TWIP_INDENT * 2, hanging: TWIP_INDENT * 1.5 }, spacing: { after: 0 } },
    },
    {
      id: STYLE.recital, name: 'Ordinance Recital', ...base,
      paragraph: { indent: { firstLine: TWIP_INDENT }, alignment: AlignmentType.JUSTIFIED, spacing: { after: 200, line } },
    },
    {
      id: STYLE.enacting, name: 'Ordinance Enacting Clause', ...base,
      run: { bold: true },
      paragraph: { indent: { firstLine: TWIP_INDENT }, spacing: { before: 240, after: 360, line } },
    },
    {
      id: STYLE.heading, name: 'Ordinance Section Heading', ...base,
      run: { bold: true },
      paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 120, line }, outlineLevel: 0 },
    },
    {
      id: STYLE.sectionText, name: 'Ordinance Section Text', ...base,
      paragraph: { indent: { firstLine: TWIP_INDENT }, alignment: AlignmentType.JUSTIFIED, spacing: { after: 120, line } },
    },
    ...levels,
    {
      id: STYLE.adoption, name: 'Ordinance Adoption Block', ...base,
      paragraph: { keepLines: true, keepNext: true, spacing: { before: 120, after: 120 } },
    },
    {
      id: STYLE.commentaryHeading, name: 'Commentary Heading', ...base,
      run: { bold: true, size: size - 4, color: '1F3864', smallCaps: true },
      paragraph: {
        keepNext: true,
        indent: { left: TWIP_INDENT / 2, right: TWIP_INDENT / 2 },
        spacing: { before: 120, after: 60 },
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: '1F3864', space: 8 } },
        shading: { fill: 'EEF2F8' },
      },
    },
    {
      id: STYLE.commentary, name: 'Commentary', ...base,
      run: { size: size - 4, color: '1F3864' },
      paragraph: {
        indent: { left: TWIP_INDENT / 2, right: TWIP_INDENT / 2 },
        spacing: { after: 60 },
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: '1F3864', space: 8 } },
        shading: { fill: 'EEF2F8' },
      },
    },
  ];
}

/** Mutable state of one export: comment and revision ids are counters, so output is deterministic. */
class Ctx {
  comments: ICommentOptions[] = [];
  revision = 1;
  readonly date: Date;
  readonly isoDate: string;
  constructor(
    readonly o: ExportOptions,
    readonly values: Record<string, string>,
    readonly numbering: Numbering,
    readonly library?: Library,
  ) {
    this.date = new Date(`${o.date}T12:00:00Z`);
    this.isoDate = `${o.date}T12:00:00Z`;
  }
  nextRevision() {
    return { id: this.revision++, author: this.o.author, date: this.isoDate };
  }
  addComment(text: string[]): number {
    const id = this.comments.length;
    this.comments.push({
      id,
      author: this.o.author,
      initials: this.o.author.slice(0, 2).toUpperCase(),
      date: this.date,
      children: text.map((t) => new Paragraph({ children: [new TextRun(t)] })),
    });
    return id;
  }
}

/** Display text of a placeholder: its value, or the key in brackets when unresolved. */
function placeholderText(ctx: Ctx, key: string): { text: string; resolved: boolean } {
  const v = ctx.values[key];
  return v && v.trim() ? { text: v, resolved: true } : { text: `[${key.replace(/_/g, ' ')}]`, resolved: false };
}

function runsOfInline(ctx: Ctx, block: PMNode, sectionId: string | undefined): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  block.forEach((child) => {
    const marks = child.marks;
    const has = (name: string) => marks.find((m: Mark) => m.type.name === name);
    const fmt = {
      bold: !!has('strong') || (!!has('term') && ctx.o.definedTerms === 'bold') || undefined,
      italics: !!has('em') || undefined,
    };
    let text: string;
    let highlight: (typeof HighlightColor)[keyof typeof HighlightColor] | undefined;
    if (child.isText) text = child.text ?? '';
    else if (child.type.name === 'placeholder') {
      const p = placeholderText(ctx, child.attrs.key as string);
      text = p.text;
      if (!p.resolved || ctx.o.placeholders === 'highlight') highlight = p.resolved ? HighlightColor.LIGHT_GRAY : HighlightColor.YELLOW;
    } else if (child.type.name === 'xref') text = xrefText(ctx.numbering, child.attrs.target as string, sectionId);
    else if (child.type.name === 'hard_break') {
      out.push(new TextRun({ text: '', break: 1 }));
      return;
    } else text = child.textContent;
    const ins = has('ins');
    const del = has('del');
    if (ins) out.push(new InsertedTextRun({ text, ...fmt, ...ctx.nextRevision(), ...(ins.attrs.author ? { author: ins.attrs.author as string } : {}) }));
    else if (del) out.push(new DeletedTextRun({ text, ...fmt, ...ctx.nextRevision(), ...(del.attrs.author ? { author: del.attrs.author as string } : {}) }));
    else out.push(new TextRun({ text, ...fmt, highlight }));
  });
  return out;
}

/** The text a block prints, for comparison with the library text. */
function displayText(ctx: Ctx, block: PMNode, sectionId: string | undefined): string {
  let s = '';
  block.forEach((child) => {
    if (child.isText) s += child.text ?? '';
    else if (child.type.name === 'placeholder') s += placeholderText(ctx, child.attrs.key as string).text;
    else if (child.type.name === 'xref') s += xrefText(ctx.numbering, child.attrs.target as string, sectionId);
    else if (child.type.name === 'hard_break') s += '\n';
  });
  return s;
}

/** One provision of the library text, flattened in reading order. */
interface OrigProvision {
  level: number;
  label: string;
  text: string;
}

/** The library text of a clause variant as it would print in section `sectionNo`. */
function originalProvisions(ctx: Ctx, variant: Variant, sectionNo: number): OrigProvision[] {
  const labels = new Map<string, string>();
  const flat: { spec: ProvisionSpec; level: number; label: string; path: string }[] = [];
  const sole = variant.provisions.length === 1;
  const walk = (list: ProvisionSpec[], level: number, path: string) => {
    list.forEach((spec, i) => {
      const unlettered = sole && level === 1;
      const own = unlettered ? '' : provisionLabel(level, i + 1);
      flat.push({ spec, level: unlettered ? 0 : level, label: own, path: path + own });
      if (spec.id) labels.set(spec.id, path + own);
      if (spec.children) walk(spec.children, unlettered ? level : level + 1, path + own);
    });
  };
  walk(variant.provisions, 1, '');
  return flat.map(({ spec, level, label }) => ({
    level,
    label,
    text: tokenize(spec.text)
      .map((t) => {
        if (t.type === 'text') return t.text;
        if (t.type === 'term') return t.text;
        if (t.type === 'placeholder') return placeholderText(ctx, t.key).text;
        const local = labels.get(t.ref);
        if (local !== undefined) return `subsection ${local}`;
        return `Section ${sectionNo}`;
      })
      .join(''),
  }));
}

function libraryVariant(ctx: Ctx, prov: Provenance | null): { clause: Clause; variant: Variant } | null {
  if (!prov || !ctx.library) return null;
  const clause = ctx.library.clauseById.get(prov.clause);
  const variant = clause?.variants.find((v) => v.id === prov.variant);
  return clause && variant ? { clause, variant } : null;
}

function diffRuns(ctx: Ctx, before: string, after: string): ParagraphChild[] {
  return diffWords(before, after).map((op) => {
    if (op.op === 'same') return new TextRun(op.text);
    if (op.op === 'ins') return new InsertedTextRun({ text: op.text, ...ctx.nextRevision() });
    return new DeletedTextRun({ text: op.text, ...ctx.nextRevision() });
  });
}

interface CurrentProvision {
  node: PMNode;
  level: number;
  label: string;
  text: string;
}

function flattenSection(ctx: Ctx, section: PMNode, sectionPos: number): CurrentProvision[] {
  const out: CurrentProvision[] = [];
  const walk = (node: PMNode, pos: number) => {
    node.forEach((child, offset) => {
      if (child.type.name !== 'provision') return;
      const childPos = pos + 1 + offset;
      const label = ctx.numbering.byPos.get(childPos);
      out.push({
        node: child,
        level: label?.level ?? 1,
        label: label?.own ?? '',
        text: displayText(ctx, child.firstChild!, section.attrs.id as string),
      });
      walk(child, childPos);
    });
  };
  walk(section, sectionPos);
  return out;
}

function provisionParagraph(ctx: Ctx, level: number, label: string, runs: ParagraphChild[], extra: ParagraphChild[] = []): Paragraph {
  if (level === 0) return new Paragraph({ style: STYLE.sectionText, children: [...extra, ...runs] });
  return new Paragraph({ style: STYLE.level(level), children: [...extra, new TextRun(label), new TextRun('\t'), ...runs] });
}

function sectionParagraphs(ctx: Ctx, section: PMNode, pos: number): Paragraph[] {
  const out: Paragraph[] = [];
  const label = ctx.numbering.byPos.get(pos);
  const sectionId = section.attrs.id as string;
  const prov = section.attrs.prov as Provenance | null;
  const lib = libraryVariant(ctx, prov);
  const heading = section.firstChild!;
  const headingStart: ParagraphChild[] = [];
  const headingEnd: ParagraphChild[] = [];
  if (ctx.o.mode === 'annotated' && lib) {
    const id = ctx.addComment([
      `Drafting note: ${lib.clause.title}, variant "${lib.variant.label}" (${lib.variant.strength}).`,
      lib.variant.tradeoffs,
    ]);
    headingStart.push(new CommentRangeStart(id));
    headingEnd.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }));
  }
  const current = flattenSection(ctx, section, pos);
  const changed = ctx.o.mode === 'redline' && lib && prov && canonicalChanged(section, prov);
  if (changed && lib) {
    const headingText = displayText(ctx, heading, sectionId);
    out.push(
      new Paragraph({
        style: STYLE.heading,
        children: [...headingStart, new TextRun(`${label?.own ?? ''} `), ...diffRuns(ctx, lib.clause.title, headingText), ...headingEnd],
      }),
    );
    const orig = originalProvisions(ctx, lib.variant, label?.section ?? 0);
    const pairs = align(orig, current, (a, b) => similarity(a.text, b.text));
    for (const { a, b } of pairs) {
      if (a && b) out.push(provisionParagraph(ctx, b.level, b.label, a.text === b.text ? runsOfInline(ctx, b.node.firstChild!, sectionId) : diffRuns(ctx, a.text, b.text)));
      else if (b) out.push(provisionParagraph(ctx, b.level, '', [new InsertedTextRun({ text: `${b.label}\t${b.text}`, ...ctx.nextRevision() })]));
      else if (a) out.push(provisionParagraph(ctx, a.level, '', [new DeletedTextRun({ text: `${a.label}\t${a.text}`, ...ctx.nextRevision() })]));
    }
  } else {
    out.push(
      new Paragraph({
        style: STYLE.heading,
        children: [...headingStart, new TextRun(`${label?.own ?? ''} `), ...runsOfInline(ctx, heading, sectionId), ...headingEnd],
      }),
    );
    for (const p of current) {
      // a definition that came from the library but was edited gets its own redline
      const pProv = p.node.attrs.prov as Provenance | null;
      const pLib = ctx.o.mode === 'redline' ? libraryVariant(ctx, pProv) : null;
      if (pLib && pProv && canonicalChanged(p.node, pProv)) {
        const orig = originalProvisions(ctx, pLib.variant, label?.section ?? 0)[0];
        out.push(provisionParagraph(ctx, p.level, p.label, diffRuns(ctx, orig?.text ?? '', p.text)));
      } else out.push(provisionParagraph(ctx, p.level, p.label, runsOfInline(ctx, p.node.firstChild!, sectionId)));
    }
  }
  if (ctx.o.mode === 'annotated' && lib) out.push(...commentaryParagraphs(lib.clause));
  return out;
}

/** Has the node's text changed since it was inserted from the library? */
function canonicalChanged(node: PMNode, prov: Provenance): boolean {
  return hashText(canonicalText(node)) !== prov.hash;
}

export function commentaryParagraphs(clause: Clause): Paragraph[] {
  const p = (label: string, text: string) =>
    new Paragraph({ style: STYLE.commentary, children: [new TextRun({ text: `${label} `, bold: true }), new TextRun(text)] });
  const out = [
    new Paragraph({ style: STYLE.commentaryHeading, children: [new TextRun(`Commentary: ${clause.title}`)] }),
    p('What it does.', clause.commentary.does),
    p('Trade-offs.', clause.commentary.tradeoffs),
    p('Legal risks.', clause.commentary.risks),
  ];
  if (clause.modelledOn.length > 0) out.push(p('Modelled on.', clause.modelledOn.map((s) => s.citation + (s.note ? ` (${s.note})` : '')).join('; ') + '.'));
  if (clause.sources.length > 0) out.push(p('Sources.', clause.sources.map((s) => s.citation).join('; ') + '.'));
  return out;
}

function blockParagraph(ctx: Ctx, node: PMNode, style: string): Paragraph {
  return new Paragraph({ style, children: runsOfInline(ctx, node, undefined) });
}

/** Build the docx Document (not yet packed). */
export function buildDocx(input: ExportInput): Document {
  const o = exportOptions(input.options);
  const numbering = numberDocument(input.doc);
  const ctx = new Ctx(o, input.values, numbering, input.library);
  const body: Paragraph[] = [];
  let titleText = '';
  input.doc.forEach((node, pos) => {
    switch (node.type.name) {
      case 'title':
        titleText = displayText(ctx, node, undefined);
        body.push(blockParagraph(ctx, node, STYLE.title));
        break;
      case 'caption':
        body.push(blockParagraph(ctx, node, STYLE.caption));
        if (o.toc) body.push(...contents(ctx, input.doc));
        break;
      case 'recital': {
        body.push(blockParagraph(ctx, node, STYLE.recital));
        const lib = libraryVariant(ctx, node.attrs.prov as Provenance | null);
        if (o.mode === 'annotated' && lib && lib.clause.sources.length > 0) {
          body.push(new Paragraph({ style: STYLE.commentary, children: [new TextRun({ text: 'Source. ', bold: true }), new TextRun(lib.clause.sources.map((s) => s.citation).join('; ') + '.')] }));
        }
        break;
      }
      case 'enacting':
        body.push(blockParagraph(ctx, node, STYLE.enacting));
        break;
      case 'section':
        body.push(...sectionParagraphs(ctx, node, pos));
        break;
      case 'adoption':
        node.forEach((para) => body.push(blockParagraph(ctx, para, STYLE.adoption)));
        break;
    }
  });

  const size = PAGE[o.paper];
  const headerLeft = `Ordinance No. ${placeholderText(ctx, 'ordinance_number').text}`;
  const headerRight = placeholderText(ctx, 'jurisdiction_full_name').text;
  const headerChildren = [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: size.width - 2880 }],
      children: [new TextRun({ text: headerLeft, size: 18 }), new TextRun({ text: `\t${headerRight}`, size: 18 })],
    }),
  ];
  if (o.draft) {
    headerChildren.push(
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `DRAFT ${o.date}`, bold: true, size: 18, color: 'C00000' })] }),
    );
  }
  return new Document({
    creator: o.author,
    lastModifiedBy: o.author,
    title: titleText || 'Ordinance',
    description: 'Drafted with Ordwright',
    features: o.mode === 'redline' ? { trackRevisions: true } : undefined,
    comments: ctx.comments.length > 0 ? { children: ctx.comments } : undefined,
    styles: {
      default: { document: { run: { font: o.font, size: o.fontSize * 2 } } },
      paragraphStyles: styles(o),
    },
    sections: [
      {
        properties: {
          page: { size: { width: size.width, height: size.height }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440, header: 720, footer: 720 } },
          lineNumbers:
            o.lineNumbers === 'none'
              ? undefined
              : { countBy: 1, restart: o.lineNumbers === 'page' ? LineNumberRestartFormat.NEW_PAGE : LineNumberRestartFormat.CONTINUOUS, distance: 360 },
        },
        headers: { default: new Header({ children: headerChildren }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
}

/** A list of sections, as bills carry after the caption. */
function contents(ctx: Ctx, doc: PMNode): Paragraph[] {
  const out = [new Paragraph({ style: STYLE.heading, children: [new TextRun('Contents')] })];
  doc.forEach((node, pos) => {
    if (node.type.name !== 'section') return;
    const label = ctx.numbering.byPos.get(pos);
    out.push(new Paragraph({ style: STYLE.toc, children: [new TextRun(`${label?.own ?? ''}\t`), ...runsOfInline(ctx, node.firstChild!, undefined)] }));
  });
  return out;
}

/** Export an ordinance document to .docx bytes. The same input gives the same bytes. */
export async function exportDocx(input: ExportInput): Promise<Uint8Array> {
  const o = exportOptions(input.options);
  const bytes = await Packer.pack(buildDocx(input), 'uint8array');
  return normalizeZip(bytes, o.date);
}
