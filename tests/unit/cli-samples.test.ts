import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProject } from '../../core/document/project';
import { loadLibrary } from '../../core/node/library';
import { hasPythonDocx, readDocx } from '../support/docx-reader';
import { FIXTURE_LIB, ROOT, hasStackTrace, runCli, tempDir } from './cli-run';

/**
 * The CLI on the sample drafts (seeds/drafts/*.ordinance.json) with the real clause
 * library. Where there are no samples yet, each real template is composed with a sample
 * profile of its kind by the compose command; where there are no templates yet either,
 * the fixture library stands in, so the same checks always run.
 */

interface Sample {
  file: string;
  /** Extra arguments: the library to use. */
  lib: string[];
  from: 'seeds/drafts' | 'templates' | 'fixture';
}

const dir = tempDir('ordwright-samples-');
let samples: Sample[] = [];

function findSamples(): Sample[] {
  const drafts = join(ROOT, 'seeds', 'drafts');
  const files = existsSync(drafts) ? readdirSync(drafts).filter((f) => f.endsWith('.ordinance.json')).sort() : [];
  if (files.length) return files.map((f) => ({ file: join(drafts, f), lib: [], from: 'seeds/drafts' }));
  const lib = loadLibrary();
  const out: Sample[] = [];
  for (const t of lib.templates) {
    const profile = lib.profiles.find((p) => p.kind === t.kind) ?? lib.profiles[0];
    if (!profile) break;
    const file = join(dir, `${t.id}.ordinance.json`);
    const r = runCli(['compose', '-t', t.id, '--profile', profile.id, '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    out.push({ file, lib: [], from: 'templates' });
  }
  if (out.length) return out;
  const file = join(dir, 'fixture.ordinance.json');
  const r = runCli(['compose', '-t', 'fixture-city', '--profile', 'fixture-city', '-o', file, '--library', FIXTURE_LIB]);
  expect(r.code, r.stderr).toBe(0);
  return [{ file, lib: ['--library', FIXTURE_LIB], from: 'fixture' }];
}

beforeAll(() => {
  samples = findSamples();
}, 300_000);

describe('the CLI on the sample drafts', { timeout: 600_000 }, () => {
  it('there is at least one sample to run on', () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  it('check: the exit status agrees with the report, and a lower threshold never passes more', () => {
    for (const s of samples) {
      const results = (['critical', 'high', 'medium'] as const).map((sev) => {
        const r = runCli(['check', s.file, '--json', '--severity', sev, ...s.lib]);
        expect([0, 1], `${basename(s.file)}: ${r.stderr}`).toContain(r.code);
        const j = JSON.parse(r.stdout) as { pass: boolean; failing: string[]; summary: { score: number }; routes: { id: string; severity: string; status: string }[] };
        expect(r.code === 0).toBe(j.pass);
        const sevs = sev === 'critical' ? ['critical'] : sev === 'high' ? ['critical', 'high'] : ['critical', 'high', 'medium'];
        expect(j.failing.sort()).toEqual(j.routes.filter((x) => sevs.includes(x.severity) && x.status !== 'closed').map((x) => x.id).sort());
        expect(j.summary.score).toBeGreaterThanOrEqual(0);
        expect(j.summary.score).toBeLessThanOrEqual(100);
        return j;
      });
      expect(results[1]!.failing.length).toBeGreaterThanOrEqual(results[0]!.failing.length);
      expect(results[2]!.failing.length).toBeGreaterThanOrEqual(results[1]!.failing.length);
      const text = runCli(['check', s.file, ...s.lib]);
      expect(text.stdout).toMatch(/^Score: \d+\/100\./m);
      expect(text.stdout).toMatch(/^Result: /m);
      expect(hasStackTrace(text.stderr)).toBe(false);
    }
  });

  it('export, then import the export and check it: the sections survive the round trip', () => {
    for (const s of samples) {
      const name = basename(s.file, '.ordinance.json');
      const docx = join(dir, `${name}.docx`);
      const e = runCli(['export', s.file, '-o', docx, ...s.lib]);
      expect(e.code, e.stderr).toBe(0);
      const loaded = parseProject(readFileSync(s.file, 'utf8'));
      if (!loaded.ok) throw loaded.error;
      let sections = 0;
      loaded.project.doc.forEach((n) => void (n.type.name === 'section' && sections++));
      if (hasPythonDocx()) {
        const texts = readDocx(readFileSync(docx)).paragraphs.map((p) => p.text);
        expect(texts.filter((t) => /^Section \d+\. /.test(t))).toHaveLength(sections);
      }
      const imported = join(dir, `${name}.imported.ordinance.json`);
      const i = runCli(['import', docx, '-o', imported, ...s.lib]);
      expect(i.code, i.stderr).toBe(0);
      expect(i.stdout).toContain(`${sections} sections`);
      const c = runCli(['check', docx, ...s.lib]);
      expect([0, 1]).toContain(c.code);
    }
  });
});

describe('npm run library:report', { timeout: 120_000 }, () => {
  it('prints the report of the real library', () => {
    const r = runCli(['library', '--report']);
    expect(r.code, r.stderr).toBe(0);
    const routes = readdirSync(join(ROOT, 'seeds', 'routes')).filter((f) => /\.ya?ml$/.test(f)).length;
    expect(r.stdout).toMatch(new RegExp(`^Routes\\s+${routes}$`, 'm'));
    expect(r.stdout).toContain('Element coverage (declared by clause variants)');
  });
});
