import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/coverage';
import { numberDocument } from '../../core/document/numbering';
import { documentLines } from '../../core/document/text';
import { importDocx } from '../../core/import/docx';
import type { ImportResult } from '../../core/import/structure';
import { importText } from '../../core/import/text';
import { loadLibrary } from '../../core/node/library';
import { AMENDING_DOCX_NAME, amendingOrdinanceLines, buildAmendingOrdinanceDocx } from '../fixtures/import/amending-ordinance-docx';

/**
 * The import fixtures (tests/fixtures/import): ordinances written in the style of real
 * ones (a city ordinance, a county ordinance, a state bill with "Sec. 1." and code
 * numbers like "12-44-020", an amending ordinance in Markdown and one in Word with
 * strike and underline), each with its expected structure and coverage in a JSON file
 * beside it. The importer must recover every section and provision with its original
 * label, drop no word of the text, keep the amendment's strike and underline, and give
 * the coverage the JSON records.
 */

const dir = join(import.meta.dirname, '..', 'fixtures', 'import');
const library = loadLibrary();

interface Expected {
  file: string;
  format: 'text' | 'markdown' | 'docx';
  parts: string[];
  title: string;
  stats: ImportResult['stats'];
  notices: string[];
  sectionLabels: (string | null)[];
  outline: string[];
  definedTerms: string[];
  inserted?: string[];
  deleted?: string[];
  coverage: { closed: string[]; partial: string[]; metElements: string[] };
}

const expectations = readdirSync(dir)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Expected);

/** The source as written: the text file, or the Word file's lines without their markup. */
function sourceText(e: Expected): string {
  if (e.format === 'docx') return amendingOrdinanceLines().join('\n');
  const text = readFileSync(join(dir, e.file), 'utf8');
  // Markdown's inline HTML for underline and strike is markup, not words
  return e.format === 'markdown' ? text.replace(/<\/?[us]>/g, '') : text;
}

async function load(e: Expected, transform: (s: string) => string = (s) => s): Promise<ImportResult> {
  if (e.format === 'docx') return importDocx(await buildAmendingOrdinanceDocx());
  return importText(transform(readFileSync(join(dir, e.file), 'utf8')), { markdown: e.format === 'markdown' });
}

/** "label heading" for each section, "full label | text" for each provision, in order. */
function outline(doc: PMNode): string[] {
  const n = numberDocument(doc);
  const out: string[] = [];
  doc.forEach((node, pos) => {
    if (node.type.name !== 'section') return;
    out.push(`${n.byPos.get(pos)!.own} ${node.firstChild!.textContent}`);
    node.descendants((c, p) => {
      if (c.type.name === 'provision') out.push(`${n.byPos.get(pos + 1 + p)!.full} | ${c.firstChild!.textContent}`);
      return true;
    });
  });
  return out;
}

/** Words with their counts, case folded; "Section" and "Sec." are the labels' words, printed in any form. */
function words(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (w === 'section' || w === 'sec') continue;
    m.set(w, (m.get(w) ?? 0) + 1);
  }
  return m;
}

describe('import fixtures: structure and coverage as expected', () => {
  it('there is a fixture of each kind, each with its expectations', () => {
    const files = expectations.map((e) => e.file);
    expect(files).toEqual(expect.arrayContaining(['city-ordinance.txt', 'county-ordinance.txt', 'state-bill.txt', 'amending-ordinance.md', AMENDING_DOCX_NAME]));
    for (const e of expectations) expect(e.outline.length, e.file).toBeGreaterThan(e.stats.sections);
  });

  for (const e of expectations) {
    describe(e.file, () => {
      it('finds the title, recitals, enacting clause, sections and adoption block', async () => {
        const r = await load(e);
        const parts: string[] = [];
        r.doc.forEach((n) => parts.push(n.type.name));
        expect(parts).toEqual(e.parts);
        expect(r.doc.firstChild!.textContent).toBe(e.title);
        expect(r.stats).toEqual(e.stats);
        expect(r.notices.map((n) => n.kind)).toEqual(e.notices);
      });

      it('recovers every section and provision, keeping the original numbers as labels', async () => {
        const r = await load(e);
        const labels: (string | null)[] = [];
        r.doc.forEach((n) => {
          if (n.type.name === 'section') labels.push(n.attrs.label as string | null);
        });
        expect(labels).toEqual(e.sectionLabels);
        expect(outline(r.doc)).toEqual(e.outline);
        // the counts agree with the outline: nothing recovered twice, nothing missed
        expect(e.outline.filter((l) => !l.includes(' | ')).length).toBe(e.stats.sections);
        expect(e.outline.filter((l) => l.includes(' | ')).length).toBe(e.stats.provisions);
        // every provision label is one the source wrote
        const source = sourceText(e);
        for (const l of e.outline.filter((x) => x.includes(' | '))) {
          const own = /(\([^)]+\))\s\|/.exec(l)?.[1];
          if (own) expect(source, `${e.file}: ${l}`).toContain(own);
        }
      });

      it('drops no word of the text', async () => {
        const r = await load(e);
        const got = words(documentLines(r.doc, {}).join('\n'));
        const missing: string[] = [];
        for (const [w, n] of words(sourceText(e))) if ((got.get(w) ?? 0) < n) missing.push(`${w} (${n} in the source, ${got.get(w) ?? 0} imported)`);
        expect(missing).toEqual([]);
      });

      it('marks the defined terms (and keeps strike and underline as deletions and insertions)', async () => {
        const r = await load(e);
        const terms = new Set<string>();
        const ins: string[] = [];
        const del: string[] = [];
        r.doc.descendants((n) => {
          for (const m of n.marks) {
            if (m.type.name === 'term') terms.add(m.attrs.term as string);
            if (m.type.name === 'ins') ins.push(n.text!);
            if (m.type.name === 'del') del.push(n.text!);
          }
          return true;
        });
        expect([...terms].sort()).toEqual(e.definedTerms);
        expect(ins).toEqual(e.inserted ?? []);
        expect(del).toEqual(e.deleted ?? []);
      });

      it('gives the expected coverage: the routes closed, partly closed and open', async () => {
        const r = await load(e);
        const report = analyze(r.doc, library);
        const status = (s: string) => report.routes.filter((x) => x.status === s).map((x) => x.id);
        expect(status('closed')).toEqual(e.coverage.closed);
        expect(status('partial')).toEqual(e.coverage.partial);
        expect(status('open')).toHaveLength(report.routes.length - e.coverage.closed.length - e.coverage.partial.length);
        const met = report.routes.flatMap((x) => x.elements.filter((el) => el.status === 'closed').map((el) => el.ref));
        expect(met).toEqual(e.coverage.metElements);
      });

      if (e.format !== 'docx') {
        it('reads the same with Windows line endings and trailing spaces', async () => {
          const r = await load(e, (s) => s.replace(/\n/g, '  \r\n'));
          expect(outline(r.doc)).toEqual(e.outline);
        });
      }
    });
  }
});

describe('what the fixtures rely on, case by case', () => {
  const sections = (text: string) => outline(importText(text).doc).filter((l) => !l.includes(' | '));
  it('a sentence that cites a section ("Section 2.40.030 of the Code is amended ...") is text, not a section', () => {
    const r = importText('Section 1. Amendment.\nSection 2.40.030 of the Municipal Code is amended to read as\nfollows:\n(a) No agency may share data.\n');
    expect(outline(r.doc)).toEqual([
      'Section 1. Amendment',
      'Section 1 | Section 2.40.030 of the Municipal Code is amended to read as follows:',
      'Section 1(a) | No agency may share data.',
    ]);
    // with a separator or a capital it is a section
    expect(sections('Section 2.40.030. Records.\nText.\nSec. 3 Remedies\nText.')).toEqual(['Sec. 2.40.030. Records', 'Section 3. Remedies']);
  });
  it('a section line that breaks off mid-sentence carries on into the next line', () => {
    const r = importText('Sec. 4. Severability. If any provision of this act or its application to any person or\ncircumstance is held invalid, the rest stands.\n\nSec. 5. Effective date.\nThis act takes effect at once.\n');
    expect(outline(r.doc)).toEqual([
      'Section 4. Severability',
      'Section 4 | If any provision of this act or its application to any person or circumstance is held invalid, the rest stands.',
      'Section 5. Effective date',
      'Section 5 | This act takes effect at once.',
    ]);
  });
  it('a caption hard-wrapped in capitals stays one caption; a short capital heading still starts a line', () => {
    const r = importText(
      'ORDINANCE NO. 1\n\nAN ORDINANCE OF THE COUNTY OF ALDER CREEK ADDING A CHAPTER TO THE COUNTY CODE, LIMITING\nTHE USE OF COUNTY RECORDS\n\nSection 1. Text.\nSome words here for the section.\n',
    );
    expect(r.doc.child(1).textContent).toBe('AN ORDINANCE OF THE COUNTY OF ALDER CREEK ADDING A CHAPTER TO THE COUNTY CODE, LIMITING THE USE OF COUNTY RECORDS');
    expect(r.notices).toEqual([]);
    const findings = importText('ORDINANCE NO. 2\nFINDINGS AND PURPOSE\nWHEREAS, a fact;\nSection 1. Text.\nWords.\n');
    const blocks: string[] = [];
    findings.doc.forEach((n) => blocks.push(n.textContent));
    expect(blocks).toContain('FINDINGS AND PURPOSE');
    expect(blocks).toContain('ORDINANCE NO. 2');
  });
});
