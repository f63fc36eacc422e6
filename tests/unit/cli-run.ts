import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, expect } from 'vitest';
import { parseProject } from '../../core/document/project';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Helpers for the CLI tests: they run the real binary (node cli/bin.mjs) in a child process. */

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'cli', 'bin.mjs');
/** The self-contained fixture library of the document tests: one template, one profile, one route. */
export const FIXTURE_LIB = join(ROOT, 'tests', 'fixtures', 'document', 'lib');
export const NO_NETWORK = join(ROOT, 'tests', 'support', 'no-network.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Make every network call throw in the child (tests/support/no-network.mjs). */
  offline?: boolean;
}

export function runCli(args: string[], opts: RunOptions = {}): CliResult {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...opts.env };
  delete env.ORDWRIGHT_DEBUG;
  if (opts.offline) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(NO_NETWORK).href}`.trim();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI with the fixture library. */
export function runFixture(args: string[], opts: RunOptions = {}): CliResult {
  return runCli([...args, '--library', FIXTURE_LIB], opts);
}

export function tempDir(prefix = 'ordwright-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** No JavaScript stack trace in what the user sees. */
export function hasStackTrace(s: string): boolean {
  return /^\s+at .+(\(.*:\d+:\d+\)|:\d+:\d+)$/m.test(s);
}

/** A complete, valid profile YAML (every placeholder key), with some values overridden. */
export function profileYaml(dir: string, name: string, over: Record<string, string> = {}, head = 'id: testville\nname: City of Testville\nkind: city\n'): string {
  const values: Record<string, string> = {
    jurisdiction_name: 'Testville',
    jurisdiction_kind: 'City',
    jurisdiction_full_name: 'City of Testville',
    governing_body: 'City Council',
    chief_executive: 'Mayor',
    presiding_officer: 'President of the City Council',
    clerk: 'City Clerk',
    legal_officer: 'City Attorney',
    chief_law_enforcement_officer: 'Chief of Police',
    law_enforcement_agency: 'Testville Police Department',
    corrections_agency: 'Testville Detention Unit',
    probation_agency: 'Testville Probation',
    utility_agency: 'Testville Utilities',
    id_program_agency: 'Office of the City Clerk',
    oversight_body: 'Testville Privacy Commission',
    auditor: 'City Auditor',
    code_title: 'Testville Municipal Code',
    code_chapter: 'Chapter 9.1',
    ordinance_number: '2027-077',
    effective_date: 'July 1, 2027',
    report_due_date: 'March 1',
    civil_penalty_amount: '$5,000',
    introduced_date: 'May 1, 2027',
    ...over,
  };
  const file = join(dir, name);
  writeFileSync(file, head + 'values:\n' + Object.entries(values).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n') + '\n');
  return file;
}

/** The project a command wrote. */
export function readProjectAt(file: string) {
  const r = parseProject(readFileSync(file, 'utf8'));
  if (!r.ok) throw r.error;
  return r.project;
}

/** Bad input: exit 2, the messages asked for, no stack trace. */
export function expectBadInput(r: { code: number | null; stderr: string; stdout: string }, ...patterns: RegExp[]) {
  expect(r.code).toBe(2);
  for (const p of patterns) expect(r.stderr).toMatch(p);
  expect(hasStackTrace(r.stderr)).toBe(false);
}

/** A temp folder with a draft composed from the fixture library, baseline and strong. */
export function composeFixtureDrafts(): { dir: string; draft: string; strong: string } {
  const dir = tempDir();
  const draft = join(dir, 'draft.ordinance.json');
  const strong = join(dir, 'strong.ordinance.json');
  beforeAll(() => {
    const a = runFixture(['compose', '--template', 'fixture-city', '--profile', 'fixture-city', '-o', draft]);
    expect(a.code, a.stderr).toBe(0);
    const b = runFixture(['compose', '-t', 'fixture-city', '-p', 'strong', '--profile', 'fixture-city', '-o', strong]);
    expect(b.code, b.stderr).toBe(0);
  }, 120_000);
  return { dir, draft, strong };
}
