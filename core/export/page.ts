import {
  AlignmentType,
  Footer,
  PageNumber,
  Paragraph,
  TextRun,
  type IStylesOptions,
  type IParagraphStylePropertiesOptions,
  type ISectionPropertiesOptions,
} from 'docx';
import type { ExportOptions } from './options';

/** Page sizes in twips (1/1440 inch). */
export const PAGE = { letter: { width: 12240, height: 15840 }, a4: { width: 11906, height: 16838 } } as const;
/** One inch margins all round: what courts and clerks expect of a filed ordinance. */
export const MARGIN = 1440;

/** Width of the text column in twips (page width less the side margins). */
export function textWidth(o: Pick<ExportOptions, 'paper'>): number {
  return PAGE[o.paper].width - 2 * MARGIN;
}

/** Page size and margins of a section (the ordinance and the report share them). */
export function pageProperties(o: Pick<ExportOptions, 'paper'>): NonNullable<ISectionPropertiesOptions['page']> {
  const size = PAGE[o.paper];
  return {
    size: { width: size.width, height: size.height },
    margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 720, footer: 720 },
  };
}

/**
 * Document defaults: the drafter's font and size, and widow and orphan control (Word's
 * own Normal style has it; without it a provision can leave one line at the foot of a page).
 */
export function documentDefaults(o: Pick<ExportOptions, 'font' | 'fontSize'>): NonNullable<IStylesOptions['default']> {
  // docx writes widowControl in the paragraph defaults (w:pPrDefault), but its type for them leaves it out
  const paragraph = { widowControl: true } as unknown as IParagraphStylePropertiesOptions;
  return { document: { run: { font: o.font, size: o.fontSize * 2 }, paragraph } };
}

/** "Page X of Y", centred, in 9 point: Word fills in both numbers as fields. */
export function pageXofYFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // Word never numbers footer lines, but LibreOffice does unless told
        suppressLineNumbers: true,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })],
      }),
    ],
  });
}
