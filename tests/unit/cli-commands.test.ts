import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, profileYaml, runCli, runFixture, composeFixtureDrafts, readProjectAt, expectBadInput } from './cli-run';

/**
 * The real `ordwright` binary, run as a child process against the fixture library
 * (tests/fixtures/document/lib: template "fixture-city", profile "fixture-city", one
 * route of severity "high", fixture-sharing, which the baseline preset closes only in
 * part and the strong preset closes).
 */

const { dir, draft, strong } = composeFixtureDrafts();
const project = readProjectAt;

describe('ordwright --help', { timeout: 240_000 }, () => {
  it('lists every command; each command has its own help naming all of its options', () => {
    const top = runCli(['--help']);
    expect(top.code).toBe(0);
    for (const c of ['compose', 'check', 'export', 'import', 'batch', 'library']) {
      expect(top.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
      const h = runCli([c, '--help']);
      expect(h.code, c).toBe(0);
      expect(h.stdout).toContain(`Usage:\n  ordwright ${c}`);
      expect(h.stdout).toContain('--library DIR');
    }
    const exp = runCli(['export', '-h']).stdout;
    for (const f of ['--annotated', '--redline', '--report', '--line-numbers MODE', '--double', '--a4', '--toc', '--font NAME', '--font-size POINTS', '--no-draft', '--date YYYY-MM-DD', '--highlight-placeholders', '--bold-terms', '--author NAME']) {
      expect(exp).toContain(f);
    }
    expect(runCli(['check', '--help']).stdout).toMatch(/Exit status:\n\s+0 .*\n\s+1 .*\n\s+2 /);
  });

  it('with no command prints the help on stderr and exits 2; an unknown command suggests the near one', () => {
    const none = runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: ordwright COMMAND');
    expectBadInput(runCli(['chekc', 'x.json']), /unknown command "chekc"/, /did you mean "check"\?/);
  });
});

describe('ordwright compose', { timeout: 240_000 }, () => {
  it('writes a project file that loads, with the template, preset, profile and the warnings printed', () => {
    const p = project(draft);
    expect(p.template).toBe('fixture-city');
    expect(p.preset).toBe('baseline'); // the default preset
    expect(p.profile.id).toBe('fixture-city');
    expect(p.metadata.title).toBe('ORDINANCE NO. 2027-001'); // placeholders filled
    const r = runFixture(['compose', '-t', 'fixture-city', '--profile', 'fixture-city', '-o', join(dir, 'again.ordinance.json')]);
    expect(r.stdout).toMatch(/^wrote .*again\.ordinance\.json: 8 sections, 2 recitals \(template fixture-city, preset baseline, profile fixture-city/m);
    // the fixture's "reporting" clause requires "oversight": compose adds it and says so
    expect(r.stderr).toMatch(/^warning: added "oversight" .* which "reporting" \(Annual report\) requires/m);
  });

  it('follows the preset: the strong preset adds the data broker ban', () => {
    const ids: string[] = [];
    project(strong).doc.forEach((n) => void (n.type.name === 'section' && ids.push(n.attrs.id as string)));
    expect(ids).toContain('broker-ban');
    const base: string[] = [];
    project(draft).doc.forEach((n) => void (n.type.name === 'section' && base.push(n.attrs.id as string)));
    expect(base).not.toContain('broker-ban');
  });

  it('reads a profile YAML file; empty values are allowed and reported', () => {
    const file = profileYaml(dir, 'testville.yaml', { oversight_body: '' });
    const out = join(dir, 'testville.ordinance.json');
    const r = runFixture(['compose', '-t', 'fixture-city', '--profile', file, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/no value for \{oversight_body\}/);
    const p = project(out);
    expect(p.profile.id).toBe('testville');
    expect(p.profile.values.jurisdiction_full_name).toBe('City of Testville');
  });

  it('applies --choose overrides and refuses unknown clauses and variants', () => {
    const out = join(dir, 'chosen.ordinance.json');
    expect(runFixture(['compose', '-t', 'fixture-city', '--profile', 'fixture-city', '--choose', 'sharing-limits=strong', '-o', out]).code).toBe(0);
    const prov: string[] = [];
    project(out).doc.forEach((n) => {
      const pr = n.attrs.prov as { clause: string; variant: string } | null;
      if (pr?.clause === 'sharing-limits') prov.push(pr.variant);
    });
    expect(prov).toEqual(['strong']);
    expectBadInput(runFixture(['compose', '-t', 'fixture-city', '--profile', 'fixture-city', '--choose', 'sharing-limit=strong', '-o', out]), /no clause "sharing-limit"/, /did you mean "sharing-limits"/);
    expectBadInput(runFixture(['compose', '-t', 'fixture-city', '--profile', 'fixture-city', '--choose', 'sharing-limits=weak', '-o', out]), /has no variant "weak"/, /its variants: baseline, strong, or "omit"/);
  });

  it('bad input: unknown template or preset, bad profile, missing flags, wrong output name, unknown flag', () => {
    const out = join(dir, 'x.ordinance.json');
    expectBadInput(runFixture(['compose', '-t', 'fixture-cty', '--profile', 'fixture-city', '-o', out]), /no template "fixture-cty"/, /templates: fixture-city \(did you mean "fixture-city"\?\)/);
    expectBadInput(runFixture(['compose', '-t', 'fixture-city', '-p', 'strongest', '--profile', 'fixture-city', '-o', out]), /template "fixture-city" has no preset "strongest"/, /its presets: baseline, strong/);
    expectBadInput(runFixture(['compose', '-t', 'fixture-city', '--profile', 'nowhere', '-o', out]), /--profile nowhere: no such file, and no sample profile/, /fixture-city/);
    expectBadInput(runFixture(['compose', '-t', 'fixture-city', '--profile', join(dir, 'missing.yaml'), '-o', out]), /missing\.yaml: no such file/);
    // wrong shape: kind and one value missing, named by field
    const bad = profileYaml(dir, 'bad.yaml', {}, 'id: Bad Id\nname: X\nkind: town\n');
    const r = runFixture(['compose', '-t', 'fixture-city', '--profile', bad, '-o', out]);
    expectBadInput(r, /bad\.yaml: not a valid profile/, /bad\.yaml at id: must be lower-case words/, /bad\.yaml at kind: /);
    const partial = join(dir, 'partial.yaml');
    writeFileSync(partial, 'id: p\nname: Partial City\nkind: city\nvalues:\n  jurisdiction_name: P\n');
    expectBadInput(runFixture(['compose', '-t', 'fixture-city', '--profile', partial, '-o', out]), /partial\.yaml at values: missing 22 keys: jurisdiction_kind, /, /write "" for a value not known yet/);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'id: x\nname: [unclosed\nkind: city\n');
    expectBadInput(runFixture(['compose', '-t', 'fixture-city', '--profile', broken, '-o', out]), /broken\.yaml at line \d+, column \d+: not valid YAML/);
    expectBadInput(runFixture(['compose', '-t', 'fixture-city', '--profile', 'fixture-city']), /needs -o FILE/);
    expectBadInput(runFixture(['compose', '--profile', 'fixture-city', '-o', out]), /needs --template ID/);
    expectBadInput(runFixture(['compose', '-t', 'fixture-city', '--profile', 'fixture-city', '-o', join(dir, 'x.docx')]), /compose writes a project file/, /ordwright export/);
    expectBadInput(runFixture(['compose', '-t', 'fixture-city', '--profil', 'fixture-city', '-o', out]), /has no option --profil/, /did you mean --profile\?/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('ordwright check', { timeout: 240_000 }, () => {
  it('prints the summary, the routes not closed with their reasons and suggestions, and exits by severity', () => {
    // the only route is "high": nothing critical is open, so the default check passes
    const r = runFixture(['check', draft]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Coverage of .*draft\.ordinance\.json \(draft; clause library 1\.0\.0, 1 route\)/);
    expect(r.stdout).toMatch(/^high\s+1\s+0\s+1\s+0$/m);
    expect(r.stdout).toMatch(/^Score: 50\/100\./m);
    expect(r.stdout).toContain('[high] fixture-sharing: Fixture route for document tests: partly closed');
    expect(r.stdout).toMatch(/fixture-sharing\.no-sharing \(partly closed\)/);
    expect(r.stdout).toMatch(/try: sharing-limits \(strong variant, strong\)/);
    expect(r.stdout).toContain('Result: the checklist has no critical routes.');
    // at --severity high the partly closed route fails the check
    const high = runFixture(['check', draft, '--severity', 'high']);
    expect(high.code).toBe(1);
    expect(high.stdout).toContain('Result: 1 critical and high route is not closed: fixture-sharing.');
    // the strong preset closes it
    const s = runFixture(['check', strong, '--severity', 'medium']);
    expect(s.code, s.stdout).toBe(0);
    expect(s.stdout).toContain('Result: every route is closed (1).');
    expect(s.stdout).toMatch(/^Score: 100\/100\./m);
  });

  it('prints lint findings with their locations', () => {
    const file = profileYaml(dir, 'lint.yaml', { oversight_body: '', presiding_officer: '' });
    const out = join(dir, 'lint.ordinance.json');
    expect(runFixture(['compose', '-t', 'fixture-city', '--profile', file, '-o', out]).code).toBe(0);
    const r = runFixture(['check', out]);
    expect(r.stdout).toMatch(/^Lint \(2\):$/m);
    expect(r.stdout).toMatch(/^ {2}Section \d+: warning: \{oversight_body\} has no value in the profile "testville" \[unresolved-placeholder\]$/m);
    expect(r.stdout).toMatch(/^ {2}Adoption block: warning: \{presiding_officer\} has no value/m);
    expect(runFixture(['check', draft]).stdout).toContain('Lint: no findings.');
  });

  it('--json is a machine-readable report that agrees with the exit status', () => {
    const r = runFixture(['check', draft, '--json', '--severity', 'high']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as Record<string, unknown> & { summary: { score: number; routes: { partial: number } }; routes: { id: string; status: string; elements: { ref: string; suggestions: { clause: string }[] }[] }[] };
    expect(j.pass).toBe(false);
    expect(j.failing).toEqual(['fixture-sharing']);
    expect(j.severity).toBe('high');
    expect(j.input).toBe('project');
    expect(j.summary.score).toBe(50);
    expect(j.summary.routes.partial).toBe(1);
    expect(j.routes[0]!.status).toBe('partial');
    expect(j.routes[0]!.elements[0]!.suggestions[0]!.clause).toBe('sharing-limits');
    expect(j).not.toHaveProperty('sections');
    expect(Array.isArray(j.lint)).toBe(true);
    const ok = JSON.parse(runFixture(['check', strong, '--json', '--severity', 'high']).stdout) as { pass: boolean; failing: string[] };
    expect(ok).toMatchObject({ pass: true, failing: [] });
  });

  it('checks an enacted ordinance directly: .docx, .txt and .md', () => {
    const docx = join(dir, 'enacted.docx');
    expect(runFixture(['export', strong, '-o', docx]).code).toBe(0);
    const d = runFixture(['check', docx, '--json', '--severity', 'high']);
    expect(d.code, d.stderr).toBe(0);
    const j = JSON.parse(d.stdout) as { input: string; import: { stats: { sections: number } }; routes: { status: string }[] };
    expect(j.input).toBe('docx');
    expect(j.import.stats.sections).toBe(9);
    expect(j.routes[0]!.status).toBe('closed');
    const txt = runFixture(['check', join(ROOT, 'tests/fixtures/import/city-ordinance.txt')]);
    expect([0, 1]).toContain(txt.code);
    expect(txt.stdout).toMatch(/\(imported text; clause library/);
    expect(txt.stderr).toMatch(/imported .*city-ordinance\.txt: \d+ sections/);
    const md = runFixture(['check', join(ROOT, 'tests/fixtures/import/amending-ordinance.md'), '--severity', 'medium']);
    expect([0, 1]).toContain(md.code);
    expect(md.stdout).toMatch(/\(imported Markdown text;/);
  });

  it('bad input: missing file, not JSON, wrong shape, unknown node, unknown kind of file, empty text, text named .docx', () => {
    expectBadInput(runFixture(['check', join(dir, 'nope.ordinance.json')]), /nope\.ordinance\.json: no such file/);
    const notJson = join(dir, 'notjson.ordinance.json');
    writeFileSync(notJson, '{\n  "format": "ordwright-project",\n  "formatVersion": 1,\n  oops\n}\n');
    expectBadInput(runFixture(['check', notJson]), /notjson\.ordinance\.json: not a valid Ordwright project:\n\s+not valid JSON at line 4, column 3/, /the file was not changed/);
    const wrong = join(dir, 'wrong.ordinance.json');
    writeFileSync(wrong, JSON.stringify({ hello: 'world' }));
    expectBadInput(runFixture(['check', wrong]), /not an Ordwright project file \(format is undefined/);
    const p = JSON.parse(readFileSync(draft, 'utf8')) as { doc: { content: { type: string }[] } };
    p.doc.content[5]!.type = 'sectoin';
    const unknownNode = join(dir, 'node.ordinance.json');
    writeFileSync(unknownNode, JSON.stringify(p));
    expectBadInput(runFixture(['check', unknownNode]), /doc\.content\[5\]: unknown node type "sectoin"/);
    expectBadInput(runFixture(['check', join(dir, 'draft.pdf')]), /cannot tell what kind of file this is/, /\.ordinance\.json.*\.docx.*\.txt.*\.md/);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '  \n\n');
    expectBadInput(runFixture(['check', empty]), /empty\.txt: the file is empty/);
    const fake = join(dir, 'fake.docx');
    writeFileSync(fake, 'This is plain text, not a Word file.');
    expectBadInput(runFixture(['check', fake]), /fake\.docx: the file is not a Word document/, /rename it to \.txt/);
    expectBadInput(runFixture(['check', draft, '--severity', 'severe']), /option --severity cannot be "severe"/, /critical, high, medium/);
    expectBadInput(runFixture(['check']), /"ordwright check" needs the ordinance to check/);
    expectBadInput(runFixture(['check', draft, strong]), /takes at most 1/);
  });
});

