import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { numberDocument } from '../../core/document/numbering';
import { importDocx, inspectDocx, MAX_DOCX_BYTES } from '../../core/import/docx';
import type { ImportResult } from '../../core/import/structure';
import { ImportError, importText } from '../../core/import/text';
import { exportDocx } from '../../core/export/docx';
import { ordinance } from '../support/build-doc';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'import', name), 'utf8');

/** "label | text" for every section and provision, in order. */
export function outline(r: ImportResult): string[] {
  const n = numberDocument(r.doc);
  const out: string[] = [];
  r.doc.forEach((node, pos) => {
    if (node.type.name !== 'section') return;
    out.push(`${n.byPos.get(pos)!.own} ${node.firstChild!.textContent}`);
    node.descendants((c, p) => {
      if (c.type.name === 'provision') out.push(`${n.byPos.get(pos + 1 + p)!.full} | ${c.firstChild!.textContent}`);
      return true;
    });
  });
  return out;
}

describe('import plain text', () => {
  const r = importText(fixture('city-ordinance.txt'));
  it('finds title, caption, recitals, enacting clause and adoption block', () => {
    const kinds: string[] = [];
    r.doc.forEach((n) => kinds.push(n.type.name));
    expect(kinds).toEqual(['title', 'caption', 'recital', 'recital', 'enacting', 'section', 'section', 'section', 'section', 'section', 'adoption']);
    expect(r.doc.child(0).textContent).toBe('ORDINANCE NO. 2025-31');
    expect(r.doc.child(1).textContent).toMatch(/^AN ORDINANCE of the City of Maple Hollow .* Municipal Code\.$/);
    expect(r.doc.child(4).textContent).toMatch(/DOES ORDAIN AS FOLLOWS:$/);
    expect(r.doc.lastChild!.childCount).toBe(2);
  });
  it('recovers every section style ("Section 1.", "Sec. 3.", "SECTION 4 -", "§ 5.") and nested provisions with their labels', () => {
    expect(outline(r)).toEqual([
      'Section 1. Title',
      'Section 1 | This chapter may be cited as the Maple Hollow Data Trust Ordinance.',
      'Section 2. Definitions',
      'Section 2 | As used in this chapter:',
      'Section 2(a) | "Department" means every department, office, and board of the city, and each employee of any of them.',
      'Section 2(b) | "Immigration enforcement" means any effort to investigate or enforce federal civil immigration law.',
      'Section 2(c) | "Personal data" means information that identifies a person, including:',
      'Section 2(c)(1) | a home or work address;',
      'Section 2(c)(2) | a license plate read; and',
      'Section 2(c)(3) | a release date from custody.',
      'Section 3. Prohibited disclosures',
      'Section 3(a) | No Department may disclose personal data to a fusion center or to any federal agency for the purpose of immigration enforcement.',
      'Section 3(b) | A Department may not run a query or search on behalf of a federal agent for immigration enforcement.',
      'Section 3(c) | Nothing in this section prohibits a Department from complying with a judicial warrant.',
      'Section 4. Remedies',
      'Section 4(a) | Any person injured by a violation of this chapter may bring a civil action for injunctive relief, damages, and reasonable attorney fees.',
      'Section 4(b) | An employee who knowingly violates this chapter is subject to discipline, up to and including termination.',
      'Section 5. Severability',
      'Section 5 | If any part of this chapter is held invalid, the remainder remains in effect.',
    ]);
  });
  it('finds the definitions and marks the defined terms where they are used', () => {
    expect(r.stats.definitions).toBe(3);
    const marked = new Set<string>();
    r.doc.descendants((n) => {
      for (const m of n.marks) if (m.type.name === 'term') marked.add(`${m.attrs.term as string}:${n.text}`);
    });
    expect(marked).toContain('department:Department');
    expect(marked).toContain('personal-data:personal data');
    expect(marked).toContain('immigration-enforcement:immigration enforcement');
    let role = '';
    r.doc.forEach((n) => {
      if (n.type.name === 'section' && n.firstChild!.textContent === 'Definitions') role = n.attrs.role as string;
    });
    expect(role).toBe('definitions');
  });
  it('code-style numbers and roman numerals', () => {
    const t = importText(
      ['Sec. 2-173-020. Prohibited acts.', '(a) An agency may not:', '(1) hold a person on a detainer;', '(A) after release; or', '(i) for any reason;', '(ii) at all; or', '(B) before release; or', '(2) share release dates.', '(b) This applies always.', '2-173-030 Records.', 'Records are closed.'].join('\n'),
    );
    expect(outline(t)).toEqual([
      'Sec. 2-173-020. Prohibited acts',
      'Sec. 2-173-020(a) | An agency may not:',
      'Sec. 2-173-020(a)(1) | hold a person on a detainer;',
      'Sec. 2-173-020(a)(1)(A) | after release; or',
      'Sec. 2-173-020(a)(1)(A)(i) | for any reason;',
      'Sec. 2-173-020(a)(1)(A)(ii) | at all; or',
      'Sec. 2-173-020(a)(1)(B) | before release; or',
      'Sec. 2-173-020(a)(2) | share release dates.',
      'Sec. 2-173-020(b) | This applies always.',
      'Sec. 2-173-030. Records',
      'Sec. 2-173-030 | Records are closed.',
    ]);
  });
  it('(h) then (i) is a letter, not a roman numeral', () => {
    const lines = ['Section 1. List.', ...'abcdefghij'.split('').map((c) => `(${c}) item ${c};`)];
    const labels = outline(importText(lines.join('\n'))).slice(1).map((l) => l.split(' | ')[0]);
    expect(labels).toEqual('abcdefghij'.split('').map((c) => `Section 1(${c})`));
  });
  it('text with no recognisable structure is imported, with a notice, nothing dropped', () => {
    const t = importText('Some notes about data.\nMore words here about fusion centers.\n\nA second paragraph.');
    expect(t.notices.some((n) => n.kind === 'no-sections')).toBe(true);
    const text = t.doc.textContent;
    expect(text).toContain('A second paragraph.');
    expect(text).toContain('More words here about fusion centers.');
  });
  it('empty and oversized text get clear errors', () => {
    expect(() => importText('   \n')).toThrow(ImportError);
    expect(() => importText('x'.repeat(10_000_001))).toThrow(/at most 10,000,000/);
  });
});

describe('import Markdown', () => {
  it('headings, list markers and strike/underline of an amending ordinance', () => {
    const r = importText(fixture('amending-ordinance.md'), { markdown: true });
    const o = outline(r);
    expect(o[0]).toBe('Section 1. Amendment of Section 2.40.030');
    const dels: string[] = [];
    const ins: string[] = [];
    r.doc.descendants((n) => {
      if (n.marks.some((m) => m.type.name === 'del')) dels.push(n.text!);
      if (n.marks.some((m) => m.type.name === 'ins')) ins.push(n.text!);
    });
    expect(dels.join('|')).toContain('except as required by law');
    expect(ins.join('|')).toContain('a judicial warrant');
  });
});

describe('import .docx: bad input', () => {
  it('not a Word file', async () => {
    await expect(importDocx(new TextEncoder().encode('hello, this is text'))).rejects.toMatchObject({ code: 'not-docx' });
  });
  it('encrypted or legacy .doc (an OLE compound file)', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await expect(importDocx(ole)).rejects.toMatchObject({ code: 'encrypted' });
  });
  it('truncated', async () => {
    const bytes = await exportDocx({ doc: ordinance({ sections: [{ id: 's', heading: 'H', provisions: [{ text: 'T.' }] }] }), values: {} });
    await expect(importDocx(bytes.slice(0, Math.floor(bytes.length / 2)))).rejects.toMatchObject({ code: 'corrupt' });
  });
  it('a zip with no document in it', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    await expect(importDocx(await zip.generateAsync({ type: 'uint8array' }))).rejects.toMatchObject({ code: 'not-docx' });
  });
  it('a zip bomb is refused before it is unpacked', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document/>');
    zip.file('word/media/bomb.bin', new Uint8Array(210 * 1024 * 1024));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    await expect(inspectDocx(bytes)).rejects.toMatchObject({ code: 'zip-bomb' });
  });
  it('a file over the size limit is refused with its size', async () => {
    const big = new Uint8Array(MAX_DOCX_BYTES + 1);
    big.set([0x50, 0x4b, 3, 4]);
    await expect(importDocx(big)).rejects.toThrow(/MB; Ordwright imports Word files up to 25 MB/);
  });
});
