import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { exportDocx } from '../../core/export/docx';
import { hashNode } from '../../core/document/hash';
import { schema } from '../../core/document/schema';
import { loadLibrary } from '../../core/node/library';
import { hasPythonDocx, readDocx } from '../support/docx-reader';
import { ordinance, provision, section } from '../support/build-doc';

const values = {
  ordinance_number: '2027-014',
  jurisdiction_full_name: 'City of Riverbend',
  governing_body: 'City Council',
  chief_law_enforcement_officer: 'Chief of Police',
};

function sample() {
  return ordinance({
    recitals: ['WHEREAS, plate-reader data reached federal immigration agents through a fusion center; and'],
    sections: [
      { id: 's1', heading: 'Short title', provisions: [{ text: 'This ordinance may be cited as the Riverbend Data Firewall Ordinance.' }] },
      {
        id: 's2',
        heading: 'Fusion centers',
        provisions: [
          {
            id: 'a',
            text: 'An [[agency]] may not provide [[personal information]] to a [[fusion center]] unless:',
            children: [{ id: 'a1', text: 'the center agrees in writing; and' }, { id: 'a2', text: 'the center logs each access.' }],
          },
          { id: 'b', text: 'An [[agency]] that learns of a breach of [@a1] shall report it to the {governing_body} and to the {auditor}.' },
        ],
      },
      { id: 's3', heading: 'Effective date', provisions: [{ text: 'This ordinance takes effect as provided in [@s2].' }] },
    ],
    adoption: ['PASSED by the {governing_body} on ____________.', '______________________ Mayor'],
  });
}

describe.runIf(hasPythonDocx())('Word export read back by python-docx', () => {
  it('writes styles, computed numbers, cross-reference labels, placeholders, header and footer', async () => {
    const r = readDocx(await exportDocx({ doc: sample(), values, options: { draft: true, date: '2026-11-26' } }));
    const texts = r.paragraphs.map((p) => p.text);
    expect(texts).toContain('Section 1. Short title');
    expect(texts).toContain('This ordinance may be cited as the Riverbend Data Firewall Ordinance.');
    expect(texts).toContain('(a)\tAn agency may not provide personal information to a fusion center unless:');
    expect(texts).toContain('(1)\tthe center agrees in writing; and');
    // xref within the section, and to another section; unresolved placeholder stays visible
    expect(texts).toContain('(b)\tAn agency that learns of a breach of subsection (a)(1) shall report it to the City Council and to the [auditor].');
    expect(texts).toContain('This ordinance takes effect as provided in Section 2.');
    const style = (t: string) => r.paragraphs.find((p) => p.text === t)?.style;
    expect(style('(a)\tAn agency may not provide personal information to a fusion center unless:')).toBe('Ordinance Level 1');
    expect(style('(1)\tthe center agrees in writing; and')).toBe('Ordinance Level 2');
    expect(style('Section 2. Fusion centers')).toBe('Ordinance Section Heading');
    expect(r.paragraphs.find((p) => p.text.includes('[auditor]'))?.highlighted).toContain('[auditor]');
    expect(r.defaultFont).toBe('Times New Roman');
    const s = r.sections[0]!;
    expect(s.header.join(' ')).toContain('Ordinance No. 2027-014');
    expect(s.header.join(' ')).toContain('DRAFT 2026-11-26');
    expect(s.footerFields.join(' ')).toMatch(/PAGE/);
    expect(s.footerFields.join(' ')).toMatch(/NUMPAGES/);
    expect(s.pageWidth).toBe(12240);
    expect(s.lineNumbers).toBeNull();
  });

  it('honours the options: A4, line numbers, double spacing, bold terms, no draft stamp, table of contents', async () => {
    const r = readDocx(
      await exportDocx({ doc: sample(), values, options: { paper: 'a4', lineNumbers: 'page', definedTerms: 'bold', draft: false, toc: true, font: 'Arial', fontSize: 11 } }),
    );
    const s = r.sections[0]!;
    expect(s.pageWidth).toBe(11906);
    expect(s.lineNumbers).toEqual({ restart: 'newPage', countBy: '1' });
    expect(s.header.join(' ')).not.toContain('DRAFT');
    expect(r.defaultFont).toBe('Arial');
    expect(r.paragraphs.find((p) => p.text.startsWith('(a)'))?.bold).toEqual(expect.arrayContaining(['agency', 'personal information', 'fusion center']));
    const contents = r.paragraphs.filter((p) => p.style === 'Ordinance Contents').map((p) => p.text);
    expect(contents).toEqual(['Section 1.\tShort title', 'Section 2.\tFusion centers', 'Section 3.\tEffective date']);
    const cont = await exportDocx({ doc: sample(), values, options: { lineNumbers: 'continuous' } });
    expect(readDocx(cont).sections[0]!.lineNumbers?.restart).toBe('continuous');
  });

  it('annotated: commentary after each library section and drafting notes as comments', async () => {
    const lib = loadLibrary();
    const clause = lib.clauseById.get('fusion-center-participation')!;
    const doc = ordinance({
      sections: [{ id: 's1', heading: clause.title, prov: { clause: clause.id, variant: 'baseline', libraryVersion: lib.info.version, hash: 'x' }, provisions: [{ text: 'An [[agency]] may not provide it.' }] }],
    });
    const r = readDocx(await exportDocx({ doc, values, library: lib, options: { mode: 'annotated', author: 'Drafting Office', date: '2026-11-26' } }));
    const commentary = r.paragraphs.filter((p) => p.style === 'Commentary').map((p) => p.text);
    expect(commentary.some((t) => t.startsWith('What it does.'))).toBe(true);
    expect(commentary.some((t) => t.includes('625 ILCS 5/2-130'))).toBe(true);
    expect(r.comments).toHaveLength(1);
    expect(r.comments[0]!.author).toBe('Drafting Office');
    expect(r.comments[0]!.text).toContain('Baseline');
    expect(r.paragraphs.find((p) => p.text.startsWith('Section 1.'))?.commentRefs).toBe(1);
  });

  it('redline: an edited library clause shows as tracked changes with author and date', async () => {
    const lib = loadLibrary();
    const clause = lib.clauseById.get('fusion-center-participation')!;
    // the baseline variant, as inserted: then the drafter weakens (a)
    const build = (first: string) =>
      schema.nodes.section!.create({ id: 's1' }, [
        schema.nodes.heading!.create(null, schema.text(clause.title)),
        provision({ text: first }),
        provision({
          text: 'An [[agency]] that participates in a [[fusion center]] shall ask the [[fusion center]] to adopt a written policy that prohibits any participant from using information the [[agency]] contributed for [[immigration enforcement]].',
        }),
      ]);
    const original = build('An [[agency]] may not provide, disclose, or make available [[personal information]] to a [[fusion center]] for the purpose of [[immigration enforcement]].');
    const prov = { clause: clause.id, variant: 'baseline', libraryVersion: lib.info.version, hash: hashNode(original) };
    const edited = build('An [[agency]] should not provide [[personal information]] to a [[fusion center]] for the purpose of [[immigration enforcement]].');
    const doc = ordinance({ sections: [] as never[] }).type.create(null, [
      ...ordinanceParts(),
      edited.type.create({ ...edited.attrs, prov }, edited.content),
    ]);
    const r = readDocx(await exportDocx({ doc, values, library: lib, options: { mode: 'redline', author: 'Reviewer', date: '2026-11-26' } }));
    const a = r.paragraphs.find((p) => p.text.startsWith('(a)'))!;
    expect(a.del.join('|')).toContain('may');
    expect(a.ins.join('|')).toContain('should');
    expect(a.del.join('|')).toContain('disclose, or make available');
    expect(a.revisionAuthors).toEqual(['Reviewer']);
    // the unchanged provision carries no revision
    expect(r.paragraphs.find((p) => p.text.startsWith('(b)'))!.ins).toEqual([]);
    // an unedited library section exports clean in redline mode
    const clean = readDocx(
      await exportDocx({ doc: doc.type.create(null, [...ordinanceParts(), original.type.create({ ...original.attrs, prov }, original.content)]), values, library: lib, options: { mode: 'redline' } }),
    );
    expect(clean.paragraphs.every((p) => p.ins.length === 0 && p.del.length === 0)).toBe(true);
  });
});

describe.runIf(hasPythonDocx())('Word export: legal formatting', () => {
  it('adoption block: each signature is a line to sign on with the title under it, the block kept with the last section', async () => {
    const doc = ordinance({
      sections: [{ id: 's1', heading: 'Effective date', provisions: [{ text: 'This ordinance takes effect on {effective_date}.' }] }],
      adoption: [
        'Passed by the {governing_body} on ______________, by the following vote. Ayes: ______. Noes: ______.',
        '____________________________, {presiding_officer}',
        'Approved on ____________________________. ____________________________, Mayor',
        'Attest: ____________________________, {clerk}',
        'Published on ____________________________.',
      ],
    });
    const r = readDocx(await exportDocx({ doc, values: { ...values, presiding_officer: 'President of the City Council', clerk: 'City Clerk' } }));
    const block = r.paragraphs.slice(r.paragraphs.findIndex((p) => p.text.startsWith('Passed by')));
    expect(block.map((p) => [p.style, p.text])).toEqual([
      ['Ordinance Adoption Block', 'Passed by the City Council on ______________, by the following vote. Ayes: ______. Noes: ______.'],
      ['Ordinance Signature Line', '\t____________________________'],
      ['Ordinance Signature Title', 'President of the City Council'],
      ['Ordinance Adoption Block', 'Approved on ____________________________.'],
      ['Ordinance Signature Line', '\t____________________________'],
      ['Ordinance Signature Title', 'Mayor'],
      // a short lead shares the line with the signature
      ['Ordinance Signature Line', 'Attest:\t____________________________'],
      ['Ordinance Signature Title', 'City Clerk'],
      ['Ordinance Adoption Block', 'Published on ____________________________.'],
    ]);
    // the last words of the ordinance travel with the signatures: no signature page stands alone
    expect(r.paragraphs.find((p) => p.text.startsWith('This ordinance takes effect'))!.keepNext).toBe(true);
  });

  it('the running header names the measure as its title does: a state bill is not an ordinance', async () => {
    const bill = ordinance({ title: 'LEGISLATIVE BILL {ordinance_number}', sections: [{ id: 's1', heading: 'Short title', provisions: [{ text: 'This Act may be cited as the Data Act.' }] }] });
    const r = readDocx(await exportDocx({ doc: bill, values: { ...values, ordinance_number: '214', jurisdiction_full_name: 'State of Westland' } }));
    expect(r.sections[0]!.header[0]).toBe('Legislative Bill 214\tState of Westland');
    // a title without the number keeps the plain form
    const plain = ordinance({ title: 'AN ORDINANCE', sections: [{ id: 's1', heading: 'Short title', provisions: [{ text: 'Text.' }] }] });
    expect(readDocx(await exportDocx({ doc: plain, values })).sections[0]!.header[0]).toBe('Ordinance No. 2027-014\tCity of Riverbend');
  });

  it('a provision that introduces a list stays with its first item; header and footer lines are never numbered', async () => {
    const r = readDocx(await exportDocx({ doc: sample(), values, options: { lineNumbers: 'continuous' } }));
    expect(r.paragraphs.find((p) => p.text.startsWith('(a)\tAn agency may not provide'))!.keepNext).toBe(true);
    expect(r.paragraphs.find((p) => p.text.startsWith('(1)\tthe center agrees'))!.keepNext).toBe(false);
    expect(r.sections[0]!.headerFooterLineNumbersSuppressed).toBe(true);
    // no provision leaves a single line at the foot or the head of a page
    expect(r.defaultWidowControl).toBe(true);
  });

  it('redline: a provision the drafter added is an inserted paragraph (mark included), and struck words come before the new ones', async () => {
    const lib = loadLibrary();
    const clause = lib.clauseById.get('fusion-center-participation')!;
    const first = 'An [[agency]] may not provide, disclose, or make available [[personal information]] to a [[fusion center]] for the purpose of [[immigration enforcement]].';
    const second =
      'An [[agency]] that participates in a [[fusion center]] shall ask the [[fusion center]] to adopt a written policy that prohibits any participant from using information the [[agency]] contributed for [[immigration enforcement]].';
    const build = (texts: string[]) =>
      schema.nodes.section!.create({ id: 's1' }, [schema.nodes.heading!.create(null, schema.text(clause.title)), ...texts.map((text) => provision({ text }))]);
    const original = build([first, second]);
    const prov = { clause: clause.id, variant: 'baseline', libraryVersion: lib.info.version, hash: hashNode(original) };
    const edited = build([first.replace('may not', 'shall not'), second, 'Each [[agency]] shall publish its fusion center agreements.']);
    const doc = ordinance({ sections: [] as never[] }).type.create(null, [...ordinanceParts(), edited.type.create({ ...edited.attrs, prov }, edited.content)]);
    const r = readDocx(await exportDocx({ doc, values, library: lib, options: { mode: 'redline' } }));
    const added = r.paragraphs.find((p) => p.text.includes('shall publish its fusion center agreements'))!;
    expect(added.text).toBe('(c)\tEach agency shall publish its fusion center agreements.');
    expect(added.markRevision).toBe('ins');
    expect(added.style).toBe('Ordinance Level 1');
    const a = r.paragraphs.find((p) => p.text.startsWith('(a)'))!;
    expect(a.del).toEqual(['may']);
    expect(a.ins).toEqual(['shall']);
    expect(a.markRevision).toBeNull();
  });
});

function ordinanceParts() {
  const d = ordinance({ sections: [{ id: 'x', heading: 'x', provisions: [] }] });
  const out: ReturnType<typeof section>[] = [];
  d.forEach((n) => {
    if (n.type.name !== 'section') out.push(n);
  });
  return out;
}

describe('Word export', () => {
  it('the same project exports to byte-identical files', async () => {
    const a = await exportDocx({ doc: sample(), values, options: { mode: 'clean', date: '2026-11-26' } });
    await new Promise((r) => setTimeout(r, 1100));
    const b = await exportDocx({ doc: sample(), values, options: { mode: 'clean', date: '2026-11-26' } });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('mammoth reads every provision in order with its label', async () => {
    const bytes = await exportDocx({ doc: sample(), values });
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    const lines = value.split('\n').map((l) => l.trim()).filter(Boolean);
    const want = [
      'Section 1. Short title',
      'This ordinance may be cited as the Riverbend Data Firewall Ordinance.',
      'Section 2. Fusion centers',
      '(a)\tAn agency may not provide personal information to a fusion center unless:',
      '(1)\tthe center agrees in writing; and',
      '(2)\tthe center logs each access.',
    ];
    let at = -1;
    for (const w of want) {
      const i = lines.indexOf(w, at + 1);
      expect(i, `missing or out of order: ${w}`).toBeGreaterThan(at);
      at = i;
    }
  });

  it('rejects bad options with a clear message', async () => {
    await expect(exportDocx({ doc: sample(), values, options: { date: 'yesterday' } })).rejects.toThrow(/YYYY-MM-DD/);
  });
});
