import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  Header,
  HighlightColor,
  InsertedTextRun,
  LineNumberRestartFormat,
  Packer,
  Paragraph,
  type ParagraphChild,
  type ICommentOptions,
  type IParagraphStyleOptions,
  Tab,
  TabStopType,
  TextRun,
} from 'docx';
import type { Node as PMNode, Mark } from 'prosemirror-model';
import type { Library } from '../library/library';
import { tokenize } from '../library/inline';
import type { Clause, ProvisionSpec, Variant } from '../schema';
import { ownHash } from '../document/build';
import { numberDocument, provisionLabel, xrefText, type Numbering } from '../document/numbering';
import type { Provenance } from '../document/schema';
import { align, diffWords, similarity } from './diff';
import { exportOptions, type ExportOptions, type ExportOptionsInput } from './options';
import { documentDefaults, pageProperties, pageXofYFooter, textWidth } from './page';
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
/** Where a signature line starts: the right half of the text column, as signature blocks sit. */
const SIGNATURE_INDENT = 4320;

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
  signatureLine: 'OrdSignatureLine',
  signatureTitle: 'OrdSignatureTitle',
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
      // the label column is wide enough for "Section 100." at 14 points, so the headings line up
      paragraph: { indent: { left: TWIP_INDENT * 2.5, hanging: TWIP_INDENT * 2 }, spacing: { after: 0 } },
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
      paragraph: { keepLines: true, keepNext: true, spacing: { before: 120, after: 120, line } },
    },
    {
      // room above the line to sign; kept with the title under it. The line itself sits at a tab stop (SIGNATURE_INDENT)
      id: STYLE.signatureLine, name: 'Ordinance Signature Line', ...base,
      paragraph: { keepLines: true, keepNext: true, spacing: { before: 480, after: 0 } },
    },
    {
      // kept with what follows too: the adoption block stays whole, on the page of the last words of the ordinance
      id: STYLE.signatureTitle, name: 'Ordinance Signature Title', ...base,
      paragraph: { keepLines: true, keepNext: true, indent: { left: SIGNATURE_INDENT }, spacing: { before: 0, after: 240 } },
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
        keepLines: true,
        indent: { left: TWIP_INDENT / 2, right: TWIP_INDENT / 2 },
        spacing: { after: 60 },
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: '1F3864', space: 8 } },
        shading: { fill: 'EEF2F8' },
      },
    },
  ];
}

function initials(name: string): string {
  const words = name.match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = words.length > 1 ? words.slice(0, 3).map((w) => w[0]!).join('') : (words[0] ?? name).slice(0, 2);
  return out.toUpperCase() || 'OW';
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
      // Word shows initials in the comment balloon: "Drafting Office" -> "DO"
      initials: initials(this.o.author),
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

/**
 * One provision: its label, a real tab to the hanging indent, its text. A provision
 * that introduces a list (its text ends with a colon or a dash) stays on the page of
 * its first item. A whole provision inserted or deleted in a redline is tracked to its
 * paragraph mark, so rejecting the insertion (or accepting the deletion) leaves no
 * empty numbered paragraph behind.
 */
function provisionParagraph(
  ctx: Ctx,
  level: number,
  label: string,
  runs: ParagraphChild[],
  opts: { text?: string; tracked?: 'ins' | 'del'; keepNext?: boolean } = {},
): Paragraph {
  const keepNext = opts.keepNext || (opts.text !== undefined && /[:\u2014-]\s*$/.test(opts.text)) ? true : undefined;
  const mark = opts.tracked ? ctx.nextRevision() : undefined;
  const run = mark ? (opts.tracked === 'ins' ? { insertion: mark } : { deletion: mark }) : undefined;
  if (level === 0) return new Paragraph({ style: STYLE.sectionText, keepNext, run, children: runs });
  const lead =
    opts.tracked === 'ins'
      ? new InsertedTextRun({ children: [label, new Tab()], ...ctx.nextRevision() })
      : opts.tracked === 'del'
        ? new DeletedTextRun({ children: [label, new Tab()], ...ctx.nextRevision() })
        : new TextRun({ children: [label, new Tab()] });
  return new Paragraph({ style: STYLE.level(level), keepNext, run, children: [lead, ...runs] });
}

/**
 * A section: heading, provisions, and (annotated) its commentary. `keepWithNext` keeps
 * its last paragraph on the page of what follows: the last section before the
 * adoption block, so the signatures never stand on a page by themselves.
 */
function sectionParagraphs(ctx: Ctx, section: PMNode, pos: number, keepWithNext = false): Paragraph[] {
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
  const commentary = ctx.o.mode === 'annotated' && lib !== null;
  // the paragraph that ends the section keeps with what follows when asked to
  const keepLast = keepWithNext && !commentary;
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
    pairs.forEach(({ a, b }, i) => {
      const keepNext = keepLast && i === pairs.length - 1;
      if (a && b) {
        const runs = a.text === b.text ? runsOfInline(ctx, b.node.firstChild!, sectionId) : diffRuns(ctx, a.text, b.text);
        out.push(provisionParagraph(ctx, b.level, b.label, runs, { text: b.text, keepNext }));
      } else if (b) out.push(provisionParagraph(ctx, b.level, b.label, [new InsertedTextRun({ text: b.text, ...ctx.nextRevision() })], { text: b.text, tracked: 'ins', keepNext }));
      else if (a) out.push(provisionParagraph(ctx, a.level, a.label, [new DeletedTextRun({ text: a.text, ...ctx.nextRevision() })], { text: a.text, tracked: 'del', keepNext }));
    });
  } else {
    out.push(
      new Paragraph({
        style: STYLE.heading,
        children: [...headingStart, new TextRun(`${label?.own ?? ''} `), ...runsOfInline(ctx, heading, sectionId), ...headingEnd],
      }),
    );
    current.forEach((p, i) => {
      const keepNext = keepLast && i === current.length - 1;
      // a definition that came from the library but was edited gets its own redline
      const pProv = p.node.attrs.prov as Provenance | null;
      const pLib = ctx.o.mode === 'redline' ? libraryVariant(ctx, pProv) : null;
      if (pLib && pProv && canonicalChanged(p.node, pProv)) {
        const orig = originalProvisions(ctx, pLib.variant, label?.section ?? 0)[0];
        out.push(provisionParagraph(ctx, p.level, p.label, diffRuns(ctx, orig?.text ?? '', p.text), { text: p.text, keepNext }));
      } else out.push(provisionParagraph(ctx, p.level, p.label, runsOfInline(ctx, p.node.firstChild!, sectionId), { text: p.text, keepNext }));
    });
  }
  if (commentary && lib) out.push(...commentaryParagraphs(lib.clause, keepWithNext));
  return out;
}

/** Has the node's text changed since it was inserted from the library? (the hash provenance stores, see core/document/build.ts) */
function canonicalChanged(node: PMNode, prov: Provenance): boolean {
  return ownHash(node) !== prov.hash;
}

/** The commentary box after a section: kept on one page (each paragraph kept with the next), so the box is never split. */
export function commentaryParagraphs(clause: Clause, keepWithNext = false): Paragraph[] {
  const items: [string, string][] = [
    ['What it does.', clause.commentary.does],
    ['Trade-offs.', clause.commentary.tradeoffs],
    ['Legal risks.', clause.commentary.risks],
  ];
  if (clause.modelledOn.length > 0) items.push(['Modelled on.', clause.modelledOn.map((s) => s.citation + (s.note ? ` (${s.note})` : '')).join('; ') + '.']);
  if (clause.sources.length > 0) items.push(['Sources.', clause.sources.map((s) => s.citation).join('; ') + '.']);
  return [
    new Paragraph({ style: STYLE.commentaryHeading, children: [new TextRun(`Commentary: ${clause.title}`)] }),
    ...items.map(
      ([label, text], i) =>
        new Paragraph({
          style: STYLE.commentary,
          keepNext: i < items.length - 1 || keepWithNext ? true : undefined,
          children: [new TextRun({ text: `${label} `, bold: true }), new TextRun(text)],
        }),
    ),
  ];
}

function blockParagraph(ctx: Ctx, node: PMNode, style: string): Paragraph {
  return new Paragraph({ style, children: runsOfInline(ctx, node, undefined) });
}

/**
 * A signature in an adoption paragraph: a line of underscores, then who signs
 * ("____________, Mayor"). The comma may be left out only when the line opens the
 * paragraph ("________ Mayor"); otherwise "on ______ by the following vote" would read
 * as a signature.
 */
const SIGNATURE = /(_{5,})([ \t]*,[ \t]*|[ \t]+)([^_]+)$/;

/**
 * The adoption and signature block. Each signature is set as a line to sign on, in the
 * right half of the page with room above it, and the signer's title under the line; the
 * words that lead to it ("Attest:", "Approved on ____.") stay on their own line at the
 * margin, kept with the signature. The first paragraph is set apart from the last section.
 */
function adoptionParagraphs(ctx: Ctx, node: PMNode): Paragraph[] {
  const out: Paragraph[] = [];
  node.forEach((para, _offset, index) => {
    const first = index === 0 ? { spacing: { before: 480 } } : {};
    // one character per inline position (atoms as U+FFFC), so a match's offsets are positions in the paragraph
    let flat = '';
    para.forEach((c) => {
      flat += c.isText ? (c.text ?? '') : '\uFFFC';
    });
    const m = SIGNATURE.exec(flat);
    const titleStart = m ? m.index + m[1]!.length + m[2]!.length : 0;
    const title = m ? para.cut(titleStart) : null;
    const titleText = title ? displayText(ctx, title, undefined).trim() : '';
    const lead = m ? flat.slice(0, m.index).trimEnd() : flat;
    const isSignature = m !== null && /\p{L}/u.test(titleText) && !/[.;:]$/.test(titleText) && (m[2]!.includes(',') || lead === '');
    if (!m || !isSignature || !title) {
      out.push(new Paragraph({ style: STYLE.adoption, ...first, children: runsOfInline(ctx, para, undefined) }));
      return;
    }
    // a short lead ("Attest:") shares the line with the signature; a long one ("Approved on ____.") has its own
    const leadNode = lead ? para.cut(0, lead.length) : null;
    const leadText = leadNode ? displayText(ctx, leadNode, undefined) : '';
    const sameLine = leadNode !== null && leadText.length <= 32 && !leadText.includes('_');
    if (leadNode && !sameLine) out.push(new Paragraph({ style: STYLE.adoption, ...first, keepNext: true, children: runsOfInline(ctx, leadNode, undefined) }));
    out.push(
      new Paragraph({
        style: STYLE.signatureLine,
        ...(leadNode && !sameLine ? {} : first),
        tabStops: [{ type: TabStopType.LEFT, position: SIGNATURE_INDENT }],
        children: [...(sameLine && leadNode ? runsOfInline(ctx, leadNode, undefined) : []), new TextRun({ children: [new Tab(), m[1]!] })],
      }),
    );
    out.push(new Paragraph({ style: STYLE.signatureTitle, children: runsOfInline(ctx, title, undefined) }));
  });
  return out;
}

/** Build the docx Document (not yet packed). */
export function buildDocx(input: ExportInput): Document {
  const o = exportOptions(input.options);
  const numbering = numberDocument(input.doc);
  const ctx = new Ctx(o, input.values, numbering, input.library);
  const body: Paragraph[] = [];
  let titleText = '';
  const lastChild = input.doc.lastChild;
  input.doc.forEach((node, pos, index) => {
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
      case 'section': {
        const beforeAdoption = lastChild?.type.name === 'adoption' && index === input.doc.childCount - 2;
        body.push(...sectionParagraphs(ctx, node, pos, beforeAdoption));
        break;
      }
      case 'adoption':
        body.push(...adoptionParagraphs(ctx, node));
        break;
    }
  });

  const headerLeft = headerName(ctx, input.doc.firstChild!, titleText);
  const headerRight = placeholderText(ctx, 'jurisdiction_full_name').text;
  const headerChildren = [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: textWidth(o) }],
      // Word never numbers header lines, but LibreOffice does unless told
      suppressLineNumbers: true,
      children: [new TextRun({ text: headerLeft, size: 18 }), new TextRun({ children: [new Tab(), headerRight], size: 18 })],
    }),
  ];
  if (o.draft) {
    headerChildren.push(
      new Paragraph({ alignment: AlignmentType.RIGHT, suppressLineNumbers: true, children: [new TextRun({ text: `DRAFT ${o.date}`, bold: true, size: 18, color: 'C00000' })] }),
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
      default: documentDefaults(o),
      paragraphStyles: styles(o),
    },
    sections: [
      {
        properties: {
          page: pageProperties(o),
          lineNumbers:
            o.lineNumbers === 'none'
              ? undefined
              : { countBy: 1, restart: o.lineNumbers === 'page' ? LineNumberRestartFormat.NEW_PAGE : LineNumberRestartFormat.CONTINUOUS, distance: 360 },
        },
        headers: { default: new Header({ children: headerChildren }) },
        footers: { default: pageXofYFooter() },
        children: body,
      },
    ],
  });
}

const MINOR_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);

/** "LEGISLATIVE BILL 214" -> "Legislative Bill 214"; words with digits ("O-2027-03", "HB12A") stay as they are. */
function titleCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  return text.replace(/\S+/g, (w, offset: number) => {
    if (/\d/.test(w)) return w;
    const lower = w.toLowerCase();
    return offset > 0 && MINOR_WORDS.has(lower) ? lower : lower[0]!.toUpperCase() + lower.slice(1);
  });
}

/**
 * What the running header calls the measure: its title when the title carries the
 * number ("LEGISLATIVE BILL 214" -> "Legislative Bill 214", for a state bill is not an
 * ordinance), otherwise "Ordinance No." and the number.
 */
function headerName(ctx: Ctx, title: PMNode, titleText: string): string {
  let numbered = false;
  title.forEach((c) => {
    if (c.type.name === 'placeholder' && c.attrs.key === 'ordinance_number') numbered = true;
  });
  const t = titleText.replace(/\s+/g, ' ').trim();
  if (numbered && t.length > 0 && t.length <= 60) return titleCase(t);
  return `Ordinance No. ${placeholderText(ctx, 'ordinance_number').text}`;
}

/** A list of sections, as bills carry after the caption. */
function contents(ctx: Ctx, doc: PMNode): Paragraph[] {
  const out = [new Paragraph({ style: STYLE.heading, children: [new TextRun('Contents')] })];
  const sections = ctx.numbering.sections.length;
  let n = 0;
  doc.forEach((node, pos) => {
    if (node.type.name !== 'section') return;
    const label = ctx.numbering.byPos.get(pos);
    // the list is set solid; the last entry leaves a line before the recitals
    const last = ++n === sections ? { spacing: { after: 240 } } : {};
    out.push(new Paragraph({ style: STYLE.toc, ...last, children: [new TextRun({ children: [label?.own ?? '', new Tab()] }), ...runsOfInline(ctx, node.firstChild!, undefined)] }));
  });
  return out;
}

/** Export an ordinance document to .docx bytes. The same input gives the same bytes. */
export async function exportDocx(input: ExportInput): Promise<Uint8Array> {
  const o = exportOptions(input.options);
  const bytes = await Packer.pack(buildDocx(input), 'uint8array');
  return normalizeZip(bytes, o.date);
}

/**
 * Pack a built Document (buildDocx, or report.ts's buildReportDocx) to .docx bytes, as
 * exportDocx does: for a caller that shows progress between writing and packing (the
 * app's File → Export). buildDocx + packDocx gives the same bytes as exportDocx.
 */
export async function packDocx(document: Document, isoDate: string): Promise<Uint8Array> {
  return normalizeZip(await Packer.pack(document, 'uint8array'), isoDate);
}
