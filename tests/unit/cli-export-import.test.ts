import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasPythonDocx, readDocx } from '../support/docx-reader';
import { FIXTURE_LIB, ROOT, runCli, runFixture, tempDir, composeFixtureDrafts, readProjectAt, expectBadInput } from './cli-run';

/**
 * export, import and library: the real `ordwright` binary, run as a child process against the fixture library
 * (tests/fixtures/document/lib: template "fixture-city", profile "fixture-city", one
 * route of severity "high", fixture-sharing, which the baseline preset closes only in
 * part and the strong preset closes).
 */

const { dir, draft, strong } = composeFixtureDrafts();
const project = readProjectAt;

describe('ordwright export', { timeout: 240_000 }, () => {
  const reading = (file: string) => readDocx(readFileSync(file));

  it('writes the ordinance next to the draft by default; the same project gives the same bytes', () => {
    const copy = join(dir, 'same.ordinance.json');
    copyFileSync(draft, copy);
    const r = runFixture(['export', copy]);
    expect(r.code, r.stderr).toBe(0);
    const modified = project(copy).metadata.modifiedAt.slice(0, 10);
    expect(r.stdout).toMatch(new RegExp(`^wrote .*same\\.docx: ordinance, [\\d.]+ KB, dated ${modified}$`, 'm'));
    const first = readFileSync(join(dir, 'same.docx'));
    expect(runFixture(['export', copy, '-o', join(dir, 'same2.docx')]).code).toBe(0);
    expect(Buffer.compare(first, readFileSync(join(dir, 'same2.docx')))).toBe(0);
    expect(first.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it.runIf(hasPythonDocx())('the export reads back with numbers, names from the profile, and the options as flags', () => {
    const plain = join(dir, 'plain.docx');
    expect(runFixture(['export', draft, '-o', plain, '--date', '2027-02-03']).code).toBe(0);
    const a = reading(plain);
    const texts = a.paragraphs.map((p) => p.text);
    expect(texts).toContain('ORDINANCE NO. 2027-001');
    expect(texts.some((t) => /^Section 1\. /.test(t))).toBe(true);
    expect(a.sections[0]!.header.join(' ')).toContain('City of Fixtureville');
    expect(a.sections[0]!.header.join(' ')).toContain('DRAFT 2027-02-03');
    expect(a.sections[0]!.pageWidth).toBe(12240);
    expect(a.sections[0]!.lineNumbers).toBeNull();
    expect(a.defaultFont).toBe('Times New Roman');

    const styled = join(dir, 'styled.docx');
    const r = runFixture(['export', draft, '-o', styled, '--a4', '--line-numbers', 'page', '--no-draft', '--font', 'Arial', '--font-size', '11', '--toc', '--bold-terms']);
    expect(r.code, r.stderr).toBe(0);
    const b = reading(styled);
    expect(b.sections[0]!.pageWidth).toBe(11906);
    expect(b.sections[0]!.lineNumbers?.restart).toBe('newPage');
    expect(b.sections[0]!.header.join(' ')).not.toContain('DRAFT');
    expect(b.defaultFont).toBe('Arial');
    expect(b.paragraphs.map((p) => p.text)).toContain('Contents');
    expect(b.paragraphs.some((p) => p.bold.length > 0 && p.style === 'Ordinance Level 1')).toBe(true);

    const annotated = join(dir, 'annotated.docx');
    expect(runFixture(['export', draft, '-o', annotated, '--annotated']).code).toBe(0);
    expect(reading(annotated).paragraphs.some((p) => p.style === 'Commentary Heading' || /^What it does/.test(p.text))).toBe(true);

    // a redline of an edited draft shows the edit as tracked changes by the author given
    const edited = JSON.parse(readFileSync(draft, 'utf8')) as { doc: unknown };
    const text = JSON.stringify(edited.doc);
    const changed = text.replace(/ may not share /, ' may, at its discretion, share ');
    expect(changed).not.toBe(text);
    const editedFile = join(dir, 'edited.ordinance.json');
    writeFileSync(editedFile, JSON.stringify({ ...edited, doc: JSON.parse(changed) as unknown }));
    const red = join(dir, 'red.docx');
    const rr = runFixture(['export', editedFile, '-o', red, '--redline', '--author', 'Reviewer A']);
    expect(rr.code, rr.stderr).toBe(0);
    const c = reading(red);
    expect(c.paragraphs.some((p) => p.ins.length > 0 || p.del.length > 0)).toBe(true);
    expect(c.paragraphs.flatMap((p) => p.revisionAuthors)).toContain('Reviewer A');
  });

  it.runIf(hasPythonDocx())('--report writes the coverage report, with the same findings as check', () => {
    const r = runFixture(['export', draft, '--report']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wrote .*draft\.report\.docx: coverage report/);
    const texts = reading(join(dir, 'draft.report.docx')).paragraphs.map((p) => p.text);
    expect(texts).toContain('Coverage Report');
    expect(texts.join('\n')).toContain('Fixture route for document tests');
    expect(texts.join('\n')).toContain('ORDINANCE NO. 2027-001');
  });

  it('saved export options apply unless a flag overrides them; a bad saved option is named by its field', () => {
    const p = JSON.parse(readFileSync(draft, 'utf8')) as Record<string, unknown>;
    const saved = join(dir, 'saved.ordinance.json');
    writeFileSync(saved, JSON.stringify({ ...p, exportOptions: { paper: 'a4', date: '2025-05-05' } }));
    const r = runFixture(['export', saved]);
    expect(r.stdout).toContain('dated 2025-05-05');
    expect(runFixture(['export', saved, '--date', '2026-06-06']).stdout).toContain('dated 2026-06-06');
    if (hasPythonDocx()) expect(reading(join(dir, 'saved.docx')).sections[0]!.pageWidth).toBe(11906);
    const badSaved = join(dir, 'badsaved.ordinance.json');
    writeFileSync(badSaved, JSON.stringify({ ...p, exportOptions: { fontSize: 99 } }));
    expectBadInput(runFixture(['export', badSaved]), /badsaved\.ordinance\.json: exportOptions\.fontSize: /);
  });

  it('bad input: bad flag values, conflicting modes, wrong output name, missing draft', () => {
    expectBadInput(runFixture(['export', draft, '--font-size', '30']), /--font-size 30: must be a number of points from 8 to 20/);
    expectBadInput(runFixture(['export', draft, '--date', '2026-02-30']), /--date "2026-02-30" is not a date/, /YYYY-MM-DD/);
    expectBadInput(runFixture(['export', draft, '--date', 'tomorrow']), /is not a date/);
    expectBadInput(runFixture(['export', draft, '--annotated', '--redline']), /--annotated and --redline cannot be combined/);
    expectBadInput(runFixture(['export', draft, '--report', '--annotated']), /--report cannot be combined with --annotated/);
    expectBadInput(runFixture(['export', draft, '--line-numbers', 'every']), /option --line-numbers cannot be "every"/, /page, continuous/);
    expectBadInput(runFixture(['export', draft, '-o', join(dir, 'out.pdf')]), /export writes Word documents/);
    expectBadInput(runFixture(['export', draft, '--annotated=yes']), /option --annotated takes no value/);
    expectBadInput(runFixture(['export', join(dir, 'missing.ordinance.json')]), /missing\.ordinance\.json: no such file/);
    expectBadInput(runFixture(['export', draft, '-o', join(dir, 'no-such-folder', 'x.docx')]), /no-such-folder\/x\.docx: the folder does not exist/);
  });
});

describe('ordwright import', { timeout: 240_000 }, () => {
  it('imports a .docx, .txt and .md into project files and prints the statistics', () => {
    const docx = join(dir, 'to-import.docx');
    expect(runFixture(['export', strong, '-o', docx]).code).toBe(0);
    const r = runFixture(['import', docx]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/to-import\.docx: 9 sections, \d+ provisions, 1 recitals, \d+ definitions, 0 unclassified paragraphs/);
    const p = project(join(dir, 'to-import.ordinance.json'));
    expect(p.template).toBeNull();
    expect(p.profile.kind).toBe('city');
    let sections = 0;
    p.doc.forEach((n) => void (n.type.name === 'section' && sections++));
    expect(sections).toBe(9);

    const txtOut = join(dir, 'maple.ordinance.json');
    const t = runFixture(['import', join(ROOT, 'tests/fixtures/import/city-ordinance.txt'), '-o', txtOut, '--name', 'City of Maple Hollow']);
    expect(t.code, t.stderr).toBe(0);
    expect(project(txtOut).profile.name).toBe('City of Maple Hollow');
    const mdOut = join(dir, 'fernvale.ordinance.json');
    expect(runFixture(['import', join(ROOT, 'tests/fixtures/import/amending-ordinance.md'), '-o', mdOut, '--kind', 'county']).code).toBe(0);
    expect(project(mdOut).profile.kind).toBe('county');
    // the imported project is checked like any draft
    expect([0, 1]).toContain(runFixture(['check', mdOut]).code);
  });

  it('bad input: a project file, a damaged .docx, a bad --kind', () => {
    expectBadInput(runFixture(['import', draft]), /is already a project file/);
    const docx = readFileSync(join(dir, 'to-import.docx'));
    const cut = join(dir, 'cut.docx');
    writeFileSync(cut, docx.subarray(0, Math.floor(docx.length / 2)));
    expectBadInput(runFixture(['import', cut]), /cut\.docx: the Word file is damaged or cut short/);
    expectBadInput(runFixture(['import', join(dir, 'to-import.docx'), '--kind', 'town']), /--kind cannot be "town"/);
  });
});

describe('ordwright library', { timeout: 240_000 }, () => {
  it('lists clauses by topic, searches, filters, and shows routes and clauses', () => {
    const all = runFixture(['library']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^21 of 21 clauses in Ordwright test fixture library 1\.0\.0/);
    expect(all.stdout).toMatch(/^intermediated-access \(2\)\n {2}broker-ban /m);
    const search = runFixture(['library', 'broker', 'purchas']);
    expect(search.stdout).toMatch(/^2 clauses:\n {2}broker-ban\s+No purchases from data brokers/m);
    expect(search.stdout).toContain('broker-permit');
    expect(runFixture(['library', 'zebra']).stdout).toContain('nothing in the library matches "zebra"');
    const gov = runFixture(['library', '--topic', 'governance', '--json']);
    expect((JSON.parse(gov.stdout) as { id: string }[]).map((c) => c.id).sort()).toEqual(['oversight', 'reporting']);
    expect(runFixture(['library', '--routes']).stdout).toMatch(/fixture-sharing\s+high\s+shared-systems\s+Fixture route for document tests \(1 element\)/);
    const route = runFixture(['library', '--route', 'fixture-sharing']);
    expect(route.stdout).toContain('clauses: sharing-limits (baseline: partial, strong: full)');
    const clause = runFixture(['library', '--clause', 'sharing-limits']);
    expect(clause.stdout).toMatch(/^Variant strong \(.*, strong\)$/m);
    expect(clause.stdout).toContain('closes: fixture-sharing.no-sharing (full)');
    expectBadInput(runFixture(['library', '--route', 'fixture-sharin']), /no route "fixture-sharin"/, /did you mean "fixture-sharing"/);
    expectBadInput(runFixture(['library', '--routes', '--report']), /cannot be combined/);
  });

  it('--report prints the library report', () => {
    const r = runFixture(['library', '--report']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Routes\s+1$/m);
    expect(r.stdout).toMatch(/^fixture-city \(city\) \/ baseline \*/m);
  });

  it('a library folder with problems is reported file by file', () => {
    const lib = tempDir('ordwright-badlib-');
    expectBadInput(runCli(['library', '--library', lib]), /is not a clause library \(there is no clauses\/_library\.yaml/);
    const copy = join(lib, 'copy');
    // a copy of the fixture library with one broken clause
    cpSync(FIXTURE_LIB, copy, { recursive: true });
    const f = join(copy, 'clauses', 'operative', 'oversight.yaml');
    writeFileSync(f, readFileSync(f, 'utf8').replace(/^kind: section$/m, 'kind: sektion'));
    expectBadInput(runCli(['library', '--library', copy]), /the clause library has \d+ problems?:/, /clauses\/operative\/oversight\.yaml at kind: /);
  });
});
