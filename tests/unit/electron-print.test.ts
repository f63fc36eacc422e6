import { describe, expect, it } from 'vitest';
import { exportPdf, pdfFileName, pdfOptions, printOptions } from '../../electron/print';

describe('electron/print', () => {
  it('PDF and print options: US Letter unless the page says otherwise, no backgrounds, tagged with an outline', () => {
    expect(pdfOptions()).toMatchObject({ pageSize: 'Letter', preferCSSPageSize: true, printBackground: false, generateTaggedPDF: true, generateDocumentOutline: true });
    expect(printOptions()).toMatchObject({ silent: false });
  });

  it('suggests a safe file name from the document name', () => {
    expect(pdfFileName('Riverbend draft')).toBe('Riverbend draft.pdf');
    expect(pdfFileName('a/b:c?')).toBe('a b c.pdf');
    expect(pdfFileName('   ')).toBe('Ordinance.pdf');
    expect(pdfFileName('Report.PDF')).toBe('Report.PDF');
  });

  it('asks where, renders, and writes; adds .pdf when the dialog did not', async () => {
    const writes: [string, number][] = [];
    const asked: string[] = [];
    const r = await exportPdf(
      {
        chooseTarget: async (s) => (asked.push(s), '/d/Riverbend'),
        printToPdf: async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]),
        write: async (p, b) => void writes.push([p, b.length]),
      },
      'Riverbend',
    );
    expect(asked).toEqual(['Riverbend.pdf']);
    expect(r).toEqual({ canceled: false, path: '/d/Riverbend.pdf', bytes: 4 });
    expect(writes).toEqual([['/d/Riverbend.pdf', 4]]);
  });

  it('a canceled dialog renders nothing; a failed render or write is a message, never a throw', async () => {
    let rendered = 0;
    const deps = { printToPdf: async () => (rendered++, new Uint8Array([1])), write: async () => undefined };
    expect(await exportPdf({ ...deps, chooseTarget: async () => null }, 'x')).toEqual({ canceled: true });
    expect(rendered).toBe(0);

    const failRender = await exportPdf({ ...deps, chooseTarget: async () => '/d/x.pdf', printToPdf: async () => Promise.reject(new Error('renderer gone')) }, 'x');
    expect(failRender).toEqual({ canceled: false, error: 'The PDF could not be made: renderer gone' });

    const full = await exportPdf(
      { ...deps, chooseTarget: async () => '/d/x.pdf', write: async () => Promise.reject(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' })) },
      'x',
    );
    expect(full).toMatchObject({ canceled: false, error: expect.stringMatching(/Writing "\/d\/x\.pdf": the disk is full/) });
  });
});
