import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { EditorState } from 'prosemirror-state';
import { DecorationSet } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import { analyze, lint } from '../../core/coverage';
import type { HostApi } from '../../core/host';
import { MAX_DOCX_BYTES } from '../../core/import/docx';
import { loadLibrary } from '../../core/node/library';
import { compareRows, draftLines, modelCandidates, modelLines, sectionChoices, sectionElements } from '../../renderer/review/compare';
import { reportFileName, reviewReportBytes } from '../../renderer/review/export';
import { highlightRanges, reviewHighlights } from '../../renderer/review/highlights';
import { formatOf, importBytes, importFileForReview, importForReview, ReviewImportError, type ImportStage, type ReviewProject } from '../../renderer/review/import';
import { liveFindings, weakSpots } from '../../renderer/review/weak-spots';
import { AMENDING_DOCX_NAME, buildAmendingOrdinanceDocx } from '../fixtures/import/amending-ordinance-docx';

/**
 * Review mode's logic (renderer/review), in Node: import by extension with a clear
 * error for each kind of bad file, the highlights of met elements, the weak spots, the
 * comparison with the model and the review report. The UI around it is tested in
 * Chromium (tests/e2e/review.e2e.ts).
 */

const dir = join(import.meta.dirname, '..', 'fixtures', 'import');
const library = loadLibrary();
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

async function review(name: string): Promise<ReviewProject> {
  return name === AMENDING_DOCX_NAME ? importBytes(name, await buildAmendingOrdinanceDocx()) : importBytes(name, bytesOf(name));
}

async function failure(p: Promise<unknown>): Promise<ReviewImportError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ReviewImportError);
    return e as ReviewImportError;
  }
  throw new Error('expected the import to fail');
}

describe('import for review', () => {
  it('takes .docx, .txt and .md by extension, and guesses the kind of jurisdiction', async () => {
    expect(formatOf('Council Draft.DOCX')).toBe('docx');
    expect(formatOf('notes.txt')).toBe('text');
    expect(formatOf('bill.md')).toBe('markdown');
    expect(formatOf('scan.pdf')).toBeNull();
    const county = await review('county-ordinance.txt');
    expect(county).toMatchObject({ name: 'county-ordinance.txt', format: 'text', kind: 'county' });
    expect(county.stats.sections).toBe(9);
    expect((await review('state-bill.txt')).kind).toBe('state');
    expect((await review('city-ordinance.txt')).kind).toBe('city');
    const md = await review('amending-ordinance.md');
    expect(md.format).toBe('markdown');
    const docx = await review(AMENDING_DOCX_NAME);
    expect(docx).toMatchObject({ format: 'docx', kind: 'city' });
    expect(docx.stats.sections).toBe(7);
  });

  it('reports each stage as it starts, in order', async () => {
    const stages: ImportStage[] = [];
    await importBytes(AMENDING_DOCX_NAME, await buildAmendingOrdinanceDocx(), { onStage: (s) => stages.push(s), library });
    expect(stages).toEqual(['checking', 'converting', 'structuring', 'analyzing']);
    const text: ImportStage[] = [];
    await importBytes('county-ordinance.txt', bytesOf('county-ordinance.txt'), { onStage: (s) => text.push(s) });
    expect(text).toEqual(['checking', 'structuring']);
  });

  it('says clearly what is wrong with a bad file, naming it', async () => {
    const good = await buildAmendingOrdinanceDocx();
    const truncated = await failure(importBytes('draft.docx', good.slice(0, Math.floor(good.length / 2))));
    expect(truncated.code).toBe('corrupt');
    expect(truncated.title).toBe('The Word file is damaged');
    expect(truncated.message).toMatch(/^“draft\.docx” is damaged or cut short/);

    expect((await failure(importBytes('notes.docx', new TextEncoder().encode('just some words')))).code).toBe('not-docx');
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const locked = await failure(importBytes('locked.docx', ole));
    expect(locked.code).toBe('encrypted');
    expect(locked.message).toMatch(/password-protected/);
    expect((await failure(importBytes('empty.docx', new Uint8Array()))).code).toBe('empty');
    expect((await failure(importBytes('empty.txt', new Uint8Array()))).code).toBe('empty');
    expect((await failure(importBytes('blank.md', new TextEncoder().encode('  \n\n ')))).code).toBe('empty');

    const big = new Uint8Array(MAX_DOCX_BYTES + 1);
    big.set([0x50, 0x4b, 3, 4]);
    const tooLarge = await failure(importBytes('huge.docx', big));
    expect(tooLarge.code).toBe('too-large');
    expect(tooLarge.message).toMatch(/25\.0 MB/);

    const bomb = new JSZip();
    bomb.file('word/document.xml', '<w:document/>');
    bomb.file('word/media/bomb.bin', new Uint8Array(210 * 1024 * 1024));
    expect((await failure(importBytes('bomb.docx', await bomb.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })))).code).toBe('zip-bomb');

    expect((await failure(importBytes('scan.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46])))).code).toBe('unsupported');
    expect((await failure(importBytes('renamed.txt', good))).code).toBe('not-text');
    expect((await failure(importBytes('binary.txt', new Uint8Array([65, 66, 0, 1, 2, 67])))).code).toBe('not-text');
  });

  it('a dropped file: too large refused before it is read (the same limit as core), other kinds refused, a good one imported', async () => {
    const big = new File([new Uint8Array(MAX_DOCX_BYTES + 1)], 'big.docx');
    const e = await failure(importFileForReview(big, library));
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/the limit is 25 MB/);
    expect(MAX_DOCX_BYTES).toBe(25 * 1024 * 1024);
    expect((await failure(importFileForReview(new File(['%PDF'], 'scan.pdf'), library))).code).toBe('unsupported');
    const r = await importFileForReview(new File([bytesOf('state-bill.txt')], 'state-bill.txt'), library);
    expect(r).toMatchObject({ name: 'state-bill.txt', kind: 'state' });
  });

  it('reads UTF-16 text with its byte-order mark', async () => {
    const text = readFileSync(join(dir, 'city-ordinance.txt'), 'utf8');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      utf16[2 + i * 2] = text.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const r = await importBytes('city.txt', utf16);
    expect(r.stats).toEqual((await review('city-ordinance.txt')).stats);
  });

  it('asks the host for a file: cancelled is null, a host error is a clear error, a file is imported', async () => {
    const host = (answer: Awaited<ReturnType<HostApi['importFile']>>) => ({ api: { importFile: async () => answer } });
    expect(await importForReview(host({ ok: true, value: { canceled: true } }), library)).toBeNull();
    const refused = await failure(importForReview(host({ ok: false, error: { code: 'bad-request', message: '"a.pdf" is not one of the accepted kinds (.docx, .txt, .md, .markdown)' } }), library));
    expect(refused.code).toBe('unsupported');
    let asked: unknown = null;
    const r = await importForReview(
      {
        api: {
          importFile: async (req) => {
            asked = req;
            return { ok: true, value: { canceled: false, name: 'county-ordinance.txt', bytes: bytesOf('county-ordinance.txt') } };
          },
        },
      },
      library,
    );
    expect(asked).toEqual({ extensions: ['docx', 'txt', 'md', 'markdown'] });
    expect(r?.stats.sections).toBe(9);
  });
});

describe('highlights of met elements', () => {
  it('marks the sentence that meets each element, naming the route and the element', async () => {
    const r = await review(AMENDING_DOCX_NAME);
    const report = analyze(r.doc, library);
    const ranges = highlightRanges(r.doc, report);
    const text = (h: { from: number; to: number }) => r.doc.textBetween(h.from, h.to);
    const transfer = ranges.find((h) => h.elements.includes('detainer-hold.no-transfer'));
    expect(transfer).toBeDefined();
    // the item's own words, not the lead-in "No agency or agent shall:" it continues
    expect(text(transfer!)).toBe('transfer a person to the custody of federal immigration authorities unless presented with a judicial warrant.');
    expect(transfer!.lines.join('\n')).toMatch(/^Meets Holds and transfers on immigration detainers: No agency transfers a person/);
    const notice = ranges.find((h) => h.elements.includes('detainer-hold.notice-to-person'))!;
    expect(text(notice)).toMatch(/^When an agency receives an immigration detainer, it shall give the person/);
    // one range, several elements: merged
    const remedy = ranges.find((h) => h.elements.includes('enforcement-remedy.private-action'))!;
    expect(remedy.elements.length).toBeGreaterThan(2);
    expect(new Set(ranges.map((h) => `${h.from}:${h.to}`)).size).toBe(ranges.length);
    // every met element of the report is highlighted somewhere
    const met = report.routes.flatMap((x) => x.elements.filter((e) => e.addressedBy.length > 0).map((e) => e.ref));
    for (const ref of met) expect(ranges.some((h) => h.elements.includes(ref)), ref).toBe(true);
  });

  it('marks a partly met element as partial, with the exception that keeps it open', async () => {
    const r = await importBytes('x.txt', new TextEncoder().encode('Section 1. Fusion centers.\nNo agency may provide information to a fusion center for immigration enforcement, except as required by law.\n'));
    const ranges = highlightRanges(r.doc, analyze(r.doc, library));
    expect(ranges).toHaveLength(1);
    expect(ranges[0]!.level).toBe('partial');
    expect(ranges[0]!.lines[0]).toMatch(/^Partly meets .*“except as required by law” keeps it from closing/);
  });

  it('as a view plugin: decorations over the ranges, none for another document', async () => {
    const r = await review(AMENDING_DOCX_NAME);
    const report = analyze(r.doc, library);
    const plugin = reviewHighlights(report, { doc: r.doc });
    const state = EditorState.create({ doc: r.doc });
    const set = plugin.props.decorations!.call(plugin, state) as DecorationSet;
    const decos = set.find();
    expect((decos[0]!.spec as { elements: string[] }).elements.length).toBeGreaterThan(0);
    // the ranges' words, less those struck through: an amendment's deleted words meet nothing
    const struck = (from: number, to: number) => {
      let n = 0;
      r.doc.nodesBetween(from, to, (node, pos) => {
        if (node.isText && node.marks.some((m) => m.type.name === 'del')) n += Math.min(to, pos + node.nodeSize) - Math.max(from, pos);
        return true;
      });
      return n;
    };
    const ranges = highlightRanges(r.doc, report);
    expect(ranges.some((h) => struck(h.from, h.to) > 0)).toBe(true);
    for (const d of decos) expect(struck(d.from, d.to)).toBe(0);
    const covered = decos.reduce((n, d) => n + d.to - d.from, 0);
    expect(covered).toBe(ranges.reduce((n, h) => n + (h.to - h.from) - struck(h.from, h.to), 0));
    const other = EditorState.create({ doc: (await review('county-ordinance.txt')).doc });
    expect((plugin.props.decorations!.call(plugin, other) as DecorationSet).find()).toHaveLength(0);
  });
});

describe('weak spots', () => {
  const spotsOf = async (name: string) => {
    const r = await review(name);
    const report = analyze(r.doc, library, { kind: r.kind });
    return weakSpots({ doc: r.doc, report, lint: lint(r.doc, library), library });
  };

  it('a county ordinance: a "required by law" exception, a permissive verb, no remedy and a disclaimer of one', async () => {
    const spots = await spotsOf('county-ordinance.txt');
    const broad = spots.filter((s) => s.kind === 'broad-exception');
    expect(broad.map((s) => [s.where?.label, s.title])).toEqual([['Sec. 3.52.040(a)', '“except as required by state or federal law”']]);
    expect(broad[0]!.detail).toMatch(/whatever the law requires/);
    const permissive = spots.filter((s) => s.kind === 'permissive');
    expect(permissive.map((s) => s.where?.label)).toEqual(['Sec. 3.52.030(b)']);
    expect(permissive[0]!.detail).toMatch(/^“may” only permits/);
    expect(permissive[0]!.affects.join()).toMatch(/release/i);
    const remedy = spots.filter((s) => s.kind === 'missing-remedy');
    expect(remedy.map((s) => s.title)[0]).toMatch(/^No remedy/);
    expect(remedy.some((s) => s.where?.label === 'Sec. 3.52.060')).toBe(true);
    // grouped: exceptions, then permissive verbs, then the remedy
    expect(spots.map((s) => s.kind)).toEqual(['broad-exception', 'permissive', 'missing-remedy', 'missing-remedy']);
  });

  it('a state bill: "should" in a contract clause; remedies present but incomplete', async () => {
    const spots = await spotsOf('state-bill.txt');
    expect(spots.filter((s) => s.kind === 'broad-exception')).toEqual([]);
    const should = spots.find((s) => s.kind === 'permissive')!;
    expect(should.where?.label).toBe('Sec. 12-44-030(2)');
    expect(should.title).toMatch(/should include a right to audit/);
    expect(spots.find((s) => s.kind === 'missing-remedy')!.title).toMatch(/^Enforcement incomplete: 3 of 7/);
  });

  it('an amending ordinance: struck words are deleted law, not a weak spot (and lint no longer reads them)', async () => {
    const r = await review('amending-ordinance.md');
    const findings = lint(r.doc, library);
    expect(findings.some((f) => f.rule === 'broad-exception')).toBe(false);
    const spots = weakSpots({ doc: r.doc, report: analyze(r.doc, library), lint: findings, library });
    expect(spots.filter((s) => s.kind === 'broad-exception')).toEqual([]);
    expect(liveFindings(r.doc, findings)).toEqual(findings);
    // the Word amendment keeps its live "except as required by law" in 2-173-020(c)
    const docx = await spotsOf(AMENDING_DOCX_NAME);
    expect(docx.filter((s) => s.kind === 'broad-exception').map((s) => [s.where?.label, s.title])).toEqual([['Sec. 2-173-020(c)', '“except as required by law”']]);
  });
});

describe('compare with the model', () => {
  it('picks the library clause that closes what the section addresses, and aligns the two texts', async () => {
    const r = await review('county-ordinance.txt');
    const report = analyze(r.doc, library, { kind: 'county' });
    const sections = sectionChoices(r.doc);
    const detainers = sections.find((s) => s.heading.startsWith('Detainer requests'))!;
    expect(detainers.label).toBe('Sec. 3.52.030.');
    expect([...sectionElements(r.doc, report, detainers.id).keys()]).toEqual(['detainer-hold.no-hold']);
    const [top] = modelCandidates(r.doc, report, library, detainers.id, { kind: 'county' });
    expect(top!.clause.id).toBe('detainer-holds');
    expect(top!.variant.satisfies['detainer-hold.no-hold']).toBe('full');
    expect(top!.why).toMatch(/this section addresses/);

    const left = draftLines(r.doc, detainers.id, null);
    expect(left.map((l) => l.label)).toEqual(['(a)', '(b)']);
    const right = modelLines(top!.clause, top!.variant, library, null);
    expect(right.length).toBeGreaterThan(1);
    const rows = compareRows(left, right);
    // every line of both sides appears once, in order
    expect(rows.filter((x) => x.left).map((x) => x.left)).toEqual(left);
    expect(rows.filter((x) => x.right).map((x) => x.right)).toEqual(right);
    // a pair reads back as its own text from its runs
    for (const row of rows) {
      if (row.left) expect(row.leftOps.map((o) => o.text).join('')).toBe(row.left.text);
      if (row.right) expect(row.rightOps.map((o) => o.text).join('')).toBe(row.right.text);
      expect(row.leftOps.every((o) => o.op !== 'ins')).toBe(true);
      expect(row.rightOps.every((o) => o.op !== 'del')).toBe(true);
    }
  });

  it('a section that meets no element is compared with the closest wording (severability)', async () => {
    const r = await review('county-ordinance.txt');
    const report = analyze(r.doc, library, { kind: 'county' });
    const sev = sectionChoices(r.doc).find((s) => s.heading === 'Severability')!;
    const [top] = modelCandidates(r.doc, report, library, sev.id, { kind: 'county' });
    expect(top!.clause.id).toBe('severability');
    expect(top!.why).toMatch(/closest wording/);
  });

  it('compares the law as amended: struck words left out', async () => {
    const r = await review(AMENDING_DOCX_NAME);
    const s = sectionChoices(r.doc).find((x) => x.label === 'Sec. 2-173-020.')!;
    const lines = draftLines(r.doc, s.id, null);
    expect(lines[0]!.text).toBe('No agent or agency shall disclose information regarding the citizenship or immigration status of any person except pursuant to a judicial warrant.');
  });
});

describe('the review report', () => {
  it('is a Word document titled with the imported file', async () => {
    const r = await review(AMENDING_DOCX_NAME);
    const report = analyze(r.doc, library);
    expect(reportFileName(AMENDING_DOCX_NAME)).toBe('cedar-bluff-amending-ordinance - coverage report.docx');
    const bytes = await reviewReportBytes({ library, doc: r.doc, name: r.name, report, lint: lint(r.doc, library), date: '2026-03-01' });
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('Coverage Report');
    expect(text).toContain(AMENDING_DOCX_NAME);
    expect(text).toContain('Holds and transfers on immigration detainers');
    expect(text).toContain('Sec. 2-173-020(c)');
    expect(await zip.file('docProps/core.xml')!.async('string')).toContain(`Coverage report: ${AMENDING_DOCX_NAME}`);
  });
});
