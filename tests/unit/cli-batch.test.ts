import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../core/document/project';
import { CsvError, parseCsv } from '../../cli/csv';
import type { Io } from '../../cli/io';
import { Progress } from '../../cli/progress';
import { hasPythonDocx, readDocx } from '../support/docx-reader';
import { BIN, FIXTURE_LIB, hasStackTrace, runFixture, tempDir } from './cli-run';

/** util-linux `script` runs a command on a pseudo-terminal, so the CLI sees a TTY. */
const HAS_SCRIPT = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks; drops a BOM; any line ending', () => {
    const text = '\ufeffid,name\r\na,"Town of A, North"\r\n"b","He said ""hi"""\n"c","two\r\nlines"\rd,\n\n';
    const recs = parseCsv(text);
    expect(recs.map((r) => r.fields)).toEqual([
      ['id', 'name'],
      ['a', 'Town of A, North'],
      ['b', 'He said "hi"'],
      ['c', 'two\nlines'],
      ['d', ''],
    ]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 4, 6]);
    expect(recs.every((r) => !r.error)).toBe(true);
  });

  it('keeps empty fields and a quoted empty record; skips blank lines', () => {
    expect(parseCsv(',,\n\n""\n').map((r) => r.fields)).toEqual([['', '', ''], ['']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('marks a record with a stray quote bad, with its line, and reads on', () => {
    const recs = parseCsv('id,name\nx,Town "of" X\ny,"Y"z\nw,W\n');
    expect(recs[1]).toMatchObject({ line: 2, error: expect.stringMatching(/a quote in the middle of an unquoted field at line 2/) as unknown });
    expect(recs[2]).toMatchObject({ line: 3, error: expect.stringMatching(/text after the closing quote/) as unknown });
    expect(recs[3]).toEqual({ line: 4, fields: ['w', 'W'] });
  });

  it('throws for a quote never closed, at the line where it opened', () => {
    let err: unknown;
    try {
      parseCsv('id,name\na,b\nc,"open\nmore\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvError);
    expect((err as CsvError).line).toBe(3);
    expect((err as CsvError).message).toMatch(/starts on line 3 is never closed/);
  });
});

function fakeIo(tty: boolean): Io & { log: string[] } {
  const log: string[] = [];
  return { log, out: (s) => log.push(`out:${s}`), err: (s) => log.push(`err:${s}`), errRaw: (s) => log.push(`raw:${s}`), tty, cwd: '/' };
}

describe('Progress', () => {
  it('draws a bar in place on a terminal, with messages on their own lines', () => {
    const io = fakeIo(true);
    const p = new Progress(io, 4, 8);
    p.step('alpha', 'alpha: wrote a');
    p.note('error: beta failed');
    p.step('beta', 'beta: failed');
    p.finish();
    expect(io.log).toEqual(['raw:\r\x1b[2K[##------] 1/4 alpha', 'raw:\r\x1b[2K', 'err:error: beta failed', 'raw:\r\x1b[2K[####----] 2/4 beta', 'raw:\n']);
  });

  it('writes plain numbered lines otherwise', () => {
    const io = fakeIo(false);
    const p = new Progress(io, 2);
    p.step('alpha', 'alpha: wrote a');
    p.step('beta', 'beta: wrote b');
    p.finish();
    expect(io.log).toEqual(['err:[1/2] alpha: wrote a', 'err:[2/2] beta: wrote b']);
  });
});

const HEADER = ['id', 'name', 'kind', 'description', 'jurisdiction_full_name', 'governing_body', 'ordinance_number'];

/** A CSV cell as a spreadsheet writes it. */
function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * 50 rows of profiles: commas and doubled quotes in names, line breaks in descriptions,
 * CRLF line endings and a BOM, and four bad rows (a bad id, a short row, a repeated id,
 * a stray quote). Returns the text and the line each row starts on.
 */
function fiftyRows(): { text: string; lineOf: Map<number, number>; bad: Map<number, RegExp> } {
  const lines: string[] = [HEADER.join(',')];
  const lineOf = new Map<number, number>();
  const bad = new Map<number, RegExp>([
    [10, /id "Town 10" must be lower-case words/],
    [20, /the row has 5 fields, but the header has 7 columns/],
    [30, /id "town-1" is already used on line 2/],
    [40, /a quote in the middle of an unquoted field/],
  ]);
  let line = 2;
  for (let i = 1; i <= 50; i++) {
    lineOf.set(i, line);
    const full = i % 5 === 0 ? `Town of ${i}, North "Fork"` : `Town of ${i}`;
    const description = i % 7 === 0 ? `A town on the river.\r\nRow ${i} has a second line.` : `Row ${i}`;
    let row = [i === 10 ? 'Town 10' : i === 30 ? 'town-1' : `town-${i}`, `Town ${i}`, 'city', description, full, 'Town Council', `2027-${String(i).padStart(3, '0')}`].map(cell);
    if (i === 20) row = row.slice(0, 5);
    let text = row.join(',');
    if (i === 40) text = text.replace('Town Council', 'Town "Council"');
    lines.push(text);
    line += 1 + (i % 7 === 0 ? 1 : 0);
  }
  return { text: '\ufeff' + lines.join('\r\n') + '\r\n', lineOf, bad };
}

describe('ordwright batch', { timeout: 240_000 }, () => {
  it('writes one .docx per good row of a 50-row CSV, reports each bad row by line, and exits 2', () => {
    const dir = tempDir();
    const { text, lineOf, bad } = fiftyRows();
    writeFileSync(join(dir, 'towns.csv'), text);
    const r = runFixture(['batch', 'towns.csv', '--template', 'fixture-city', '-o', 'bills', '--date', '2027-03-04'], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    const files = readdirSync(join(dir, 'bills')).sort();
    expect(files).toHaveLength(46);
    for (let i = 1; i <= 50; i++) {
      if (!bad.has(i)) expect(files).toContain(`town-${i}.docx`);
    }
    for (const [i, why] of bad) {
      const l = lineOf.get(i)!;
      const msg = r.stderr.split('\n').find((s) => s.startsWith(`error: towns.csv:${l} `) || s.startsWith(`error: towns.csv:${l}:`));
      expect(msg, `row ${i} on line ${l}:\n${r.stderr}`).toBeDefined();
      expect(msg).toMatch(why);
    }
    // no terminal: one plain line per row
    expect(r.stderr).toMatch(/^\[1\/50\] town-1: wrote bills\/town-1\.docx$/m);
    expect(r.stderr).toMatch(/^\[10\/50\] Town 10: failed$/m);
    expect(r.stderr).toMatch(/^\[50\/50\] town-50: wrote bills\/town-50\.docx$/m);
    expect(r.stderr).not.toContain('\r');
    expect(r.stdout).toMatch(/^wrote 46 of 50 Word documents to bills; 4 rows failed \(lines (\d+, ){3}\d+\)$/m);
    const docx = readFileSync(join(dir, 'bills', 'town-35.docx'));
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    if (hasPythonDocx()) {
      const a = readDocx(docx);
      expect(a.sections[0]!.header.join(' ')).toContain('Ordinance No. 2027-035');
      expect(a.sections[0]!.header.join(' ')).toContain('Town of 35, North "Fork"');
      expect(a.sections[0]!.header.join(' ')).toContain('DRAFT 2027-03-04');
      expect(a.paragraphs.map((p) => p.text)).toContain('ORDINANCE NO. 2027-035');
    }
  });

  it.runIf(HAS_SCRIPT)('draws a progress bar when stderr is a terminal', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), 'id,jurisdiction_full_name\na,Town A\nB b,Town B\nc,Town C\n');
    const cmd = [process.execPath, BIN, 'batch', 't.csv', '-t', 'fixture-city', '-o', 'out', '--library', FIXTURE_LIB].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('\r\x1b[2K[##########--------------------] 1/3 a');
    expect(r.stdout).toContain('\r\x1b[2K[##############################] 3/3 c');
    // the failed row is printed on its own line, not overwritten by the bar
    const at = r.stdout.indexOf('error: t.csv:3 (B b): id "B b" must be lower-case words');
    expect(at).toBeGreaterThan(0);
    expect(r.stdout.slice(at - 5, at)).toBe('\r\x1b[2K');
    const end = r.stdout.slice(at).search(/[\r\n]/);
    expect(r.stdout.slice(at + end, at + end + 2)).toMatch(/^\r?\n/);
    expect(r.stdout).not.toMatch(/^\[1\/3\]/m);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.docx', 'c.docx']);
  });

  it('exits 0 when every row is written, and writes project files with --format json', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.csv'), 'id,jurisdiction_full_name,governing_body\nriver,City of River,City Council\n"hill","City of Hill, East",Council\n');
    const r = runFixture(['batch', join(dir, 'p.csv'), '-t', 'fixture-city', '-p', 'strong', '--format', 'json', '-o', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wrote 2 of 2 project files to /);
    // every row leaves the same placeholders empty: one warning, not one per row
    expect(r.stderr).toMatch(/^warning: every row: the profile has no value for /m);
    const loaded = parseProject(readFileSync(join(dir, 'out', 'hill.ordinance.json'), 'utf8'));
    if (!loaded.ok) throw loaded.error;
    expect(loaded.project.preset).toBe('strong');
    expect(loaded.project.profile).toMatchObject({ id: 'hill', name: 'City of Hill, East', kind: 'city', values: { jurisdiction_full_name: 'City of Hill, East', governing_body: 'Council' } });
  });

  it('refuses a bad header before writing anything, naming the column', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'h.csv'), 'id,name,jurisdiction_fullname\na,A,B\n');
    const r = runFixture(['batch', join(dir, 'h.csv'), '-t', 'fixture-city', '-o', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/h\.csv:1: the header row has a problem:\n\s+column 3 "jurisdiction_fullname" is neither a placeholder key nor id, name, kind or description \(did you mean "jurisdiction_full_name"\?\)/);
    expect(existsSync(join(dir, 'out'))).toBe(false);

    writeFileSync(join(dir, 'noid.csv'), 'name,name\nA,B\n');
    const n = runFixture(['batch', join(dir, 'noid.csv'), '-t', 'fixture-city', '-o', join(dir, 'out')]);
    expect(n.stderr).toMatch(/column 2 "name" repeats column 1/);
    expect(n.stderr).toMatch(/there is no "id" column/);

    writeFileSync(join(dir, 'semi.csv'), 'id;name\na;A\n');
    expect(runFixture(['batch', join(dir, 'semi.csv'), '-t', 'fixture-city', '-o', join(dir, 'out')]).stderr).toMatch(/seems to use semicolons/);
  });

  it('bad input: a quote never closed, an empty file, no rows, a missing flag, an unknown template', () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    writeFileSync(join(dir, 'q.csv'), 'id,name\na,A\nb,"B\nc,C\n');
    const q = runFixture(['batch', join(dir, 'q.csv'), '-t', 'fixture-city', '-o', out]);
    expect(q.code).toBe(2);
    expect(q.stderr).toMatch(/q\.csv:3: a quoted field that starts on line 3 is never closed/);
    writeFileSync(join(dir, 'empty.csv'), '');
    expect(runFixture(['batch', join(dir, 'empty.csv'), '-t', 'fixture-city', '-o', out]).stderr).toMatch(/empty\.csv: the file is empty/);
    writeFileSync(join(dir, 'head.csv'), 'id,name\n');
    expect(runFixture(['batch', join(dir, 'head.csv'), '-t', 'fixture-city', '-o', out]).stderr).toMatch(/there is a header row but no jurisdictions/);
    const m = runFixture(['batch', join(dir, 'head.csv'), '-o', out]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/"ordwright batch" needs --template ID/);
    const t = runFixture(['batch', join(dir, 'head.csv'), '-t', 'nope', '-o', out]);
    expect(t.stderr).toMatch(/no template "nope"/);
    expect(runFixture(['batch', join(dir, 'missing.csv'), '-t', 'fixture-city', '-o', out]).stderr).toMatch(/missing\.csv: no such file/);
    writeFileSync(join(dir, 'latin1.csv'), Buffer.from([0x69, 0x64, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    expect(runFixture(['batch', join(dir, 'latin1.csv'), '-t', 'fixture-city', '-o', out]).stderr).toMatch(/latin1\.csv: is not UTF-8 text/);
    expect(existsSync(out)).toBe(false);
  });
});
