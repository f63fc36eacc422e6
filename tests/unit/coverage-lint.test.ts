import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { lint, type LintFinding, type LintRule } from '../../core/coverage/lint';
import { clauseSection, definitionsSection, handSection, ordinance, replaceText, testLibrary, type HandProvision } from './helpers/coverage-doc';

const lib = testLibrary();
const profile = { id: 'riverbend', values: { jurisdiction_full_name: 'City of Riverbend', governing_body: 'City Council', ordinance_number: '2027-1', effective_date: 'January 1, 2027', chief_law_enforcement_officer: 'Chief of Police' } };

/** A complete, clean ordinance plus the given sections before the closing ones. */
function draft(extra: PMNode[], opts: { terms?: string[]; closing?: boolean } = {}): PMNode {
  const taken = new Set<string>();
  return ordinance([
    definitionsSection(lib, opts.terms ?? ['agency', 'hub', 'immigration-enforcement', 'personal-information'], taken),
    clauseSection(lib, 'hub-participation', 'strong', undefined, taken),
    clauseSection(lib, 'status-savings', undefined, undefined, taken),
    ...extra,
    ...(opts.closing === false ? [] : [clauseSection(lib, 'severability', undefined, undefined, taken), clauseSection(lib, 'effective-date', undefined, undefined, taken)]),
  ]);
}

const typed = (text: string, id = 'typed', heading = 'Typed'): PMNode => handSection(id, heading, [{ id: `${id}-a`, text }]);
const typedMany = (provisions: HandProvision[], id = 'typed', heading = 'Typed'): PMNode => handSection(id, heading, provisions);

function run(doc: PMNode, rule?: LintRule, withProfile = true): LintFinding[] {
  const all = lint(doc, lib, withProfile ? { profile } : {});
  return rule ? all.filter((f) => f.rule === rule) : all;
}

function textAt(doc: PMNode, f: LintFinding): string {
  return doc.textBetween(f.from!, f.to!, ' ', (leaf) => (leaf.type.name === 'placeholder' ? `{${leaf.attrs.key as string}}` : '[ref]'));
}

describe('lint: a clean draft', () => {
  it('has no findings', () => {
    expect(run(draft([]))).toEqual([]);
  });
});

describe('lint: defined terms', () => {
  it('an undefined term, with a fix that adds the library definition', () => {
    const doc = draft([typed('An [[agency]] may not sell data to a [[hub]].')], { terms: ['agency', 'immigration-enforcement', 'personal-information'] });
    const [f] = run(doc, 'undefined-term');
    expect(f).toMatchObject({ severity: 'error', message: expect.stringMatching(/^"hub" is used as a defined term/) });
    expect(textAt(doc, f!)).toBe('hub');
    const fixed = f!.fix!.apply(doc).doc;
    expect(run(fixed, 'undefined-term')).toEqual([]);
    expect(fixed.textContent).toContain('"Hub" means a regional center');
  });

  it('a term the library cannot define has no fix', () => {
    const [f] = run(draft([typed('An [[agency]] may not sell a [[gadget]].')]), 'undefined-term');
    expect(f!.message).toMatch(/"gadget" .* and the library has no definition of it/);
    expect(f!.fix).toBeUndefined();
  });

  it('an unused definition, with a fix that deletes it', () => {
    const doc = draft([], { terms: ['agency', 'hub', 'immigration-enforcement', 'personal-information', 'widget'] });
    const [f] = run(doc, 'unused-definition');
    expect(f).toMatchObject({ severity: 'warning', label: 'Section 1(e)', message: '"widget" is defined but nothing in the ordinance uses it' });
    const fixed = f!.fix!.apply(doc).doc;
    expect(run(fixed)).toEqual([]);
  });
});

describe('lint: a term defined twice', () => {
  it('is an error', () => {
    const taken = new Set<string>();
    const defs = definitionsSection(lib, ['agency', 'hub', 'immigration-enforcement', 'personal-information', 'hub'], taken);
    const doc = ordinance([defs, clauseSection(lib, 'hub-participation', 'strong', undefined, taken), clauseSection(lib, 'status-savings'), clauseSection(lib, 'severability'), clauseSection(lib, 'effective-date')]);
    expect(run(doc).map((f) => [f.rule, f.message])).toEqual([['duplicate-definition', '"hub" is defined more than once']]);
  });
});

describe('lint: placeholders', () => {
  it('a key the profile does not fill', () => {
    const doc = draft([typed('The {auditor} shall audit each {auditor} log.')]);
    const [f] = run(doc, 'unresolved-placeholder');
    expect(f).toMatchObject({ severity: 'warning', message: '{auditor} has no value in the profile "riverbend" (2 places)', label: 'Section 4' });
    expect(textAt(doc, f!)).toBe('{auditor}');
  });
  it('without a profile every placeholder is reported, as information', () => {
    const found = run(draft([]), 'unresolved-placeholder', false);
    expect(found.length).toBeGreaterThan(3);
    expect(new Set(found.map((f) => f.severity))).toEqual(new Set(['info']));
  });
  it('a key outside the registry is an error', () => {
    const [f] = run(draft([typed('The {town_crier} shall read it.')]), 'unknown-placeholder');
    expect(f).toMatchObject({ severity: 'error', message: '{town_crier} is not a known placeholder; no profile can fill it' });
  });
});

describe('lint: references', () => {
  it('a cross-reference to nothing, with a fix that removes it', () => {
    const doc = draft([typed('An [[agency]] shall comply with [@nowhere].')]);
    const [f] = run(doc, 'broken-xref');
    expect(f).toMatchObject({ severity: 'error', label: 'Section 4', message: expect.stringContaining('"nowhere"') });
    const fixed = f!.fix!.apply(doc).doc;
    expect(run(fixed, 'broken-xref')).toEqual([]);
    expect(fixed.textContent).toContain('shall comply with .');
  });

  it('a working cross-reference is fine', () => {
    expect(run(draft([typed('An [[agency]] shall comply with [@hub-participation#terms].')]), 'broken-xref')).toEqual([]);
  });

  it('typed references to sections and subsections that do not exist', () => {
    const doc = draft([typed('As provided in Section 9 and in subsection (q), and in Section 2(a), Section 1798.90 of the Civil Code, and 8 U.S.C. Section 1373.')]);
    const found = run(doc, 'dangling-reference');
    expect(found.map((f) => textAt(doc, f))).toEqual(['Section 9', 'subsection (q)']);
    expect(found[0]!.message).toMatch(/Section 9/);
  });
});

describe('lint: headings and standard sections', () => {
  it('a duplicate heading; a fix only when the section is a duplicate too', () => {
    const doc = draft([typed('An [[agency]] shall keep records.', 't1', 'Records'), typed('An [[agency]] shall keep logs.', 't2', 'Records')]);
    const [f] = run(doc, 'duplicate-heading');
    expect(f).toMatchObject({ nodeId: 't2', label: 'Section 5', message: 'The heading "Records" is also the heading of Section 4' });
    expect(f!.fix).toBeUndefined();
    const dup = draft([typed('An [[agency]] shall keep records.', 't1', 'Records'), typed('An [[agency]] shall keep records.', 't2', 'Records')]);
    const [g] = run(dup, 'duplicate-heading');
    expect(g!.fix!.description).toBe('Delete the duplicate section');
    expect(run(g!.fix!.apply(dup).doc, 'duplicate-heading')).toEqual([]);
  });

  it('missing severability and effective-date sections, with fixes that insert the library clauses', () => {
    const doc = draft([], { closing: false });
    const found = run(doc).filter((f) => f.rule.startsWith('missing-'));
    expect(found.map((f) => f.rule)).toEqual(['missing-severability', 'missing-effective-date']);
    let fixed = found[1]!.fix!.apply(doc).doc;
    fixed = run(fixed, 'missing-severability')[0]!.fix!.apply(fixed).doc;
    expect(run(fixed)).toEqual([]);
    // severability went in before the effective date
    const headings: string[] = [];
    fixed.forEach((n) => {
      if (n.type.name === 'section') headings.push(n.child(0).textContent);
    });
    expect(headings.slice(-2)).toEqual(['Severability', 'Effective date']);
  });

  it('standard sections are recognised by their text too', () => {
    const doc = draft(
      [
        typed('If any provision of this chapter is held invalid, the remaining provisions remain in force.', 'sev', 'Invalidity'),
        typed('This ordinance shall become effective thirty days after its passage.', 'eff', 'When this ordinance applies'),
      ],
      { closing: false },
    );
    expect(run(doc).filter((f) => f.rule.startsWith('missing-'))).toEqual([]);
  });

  it('conflicting clauses, with a fix that removes the later one', () => {
    const doc = draft([clauseSection(lib, 'hub-ban-alternative')]);
    const [f] = run(doc, 'conflicting-clauses');
    expect(f).toMatchObject({ severity: 'error', nodeId: 'hub-ban-alternative', message: 'Withdrawal from hubs conflicts with Conditions on participation in a hub (Section 2): keep one' });
    expect(run(f!.fix!.apply(doc).doc, 'conflicting-clauses')).toEqual([]);
  });
});

describe('lint: sentences', () => {
  it('a prohibition without an actor', () => {
    const doc = draft([
      typedMany([
        { text: 'Personal information shall not be disclosed to a hub.' },
        { text: 'No record may be shared with a hub.' },
        { text: 'Personal information shall not be disclosed by an [[agency]] to a hub.' },
        { text: 'An [[agency]] shall not disclose personal information to a hub.' },
        { text: 'No employee of an [[agency]] shall be assigned to a hub.' },
      ]),
    ]);
    const found = run(doc, 'actorless-prohibition');
    expect(found.map((f) => f.label)).toEqual(['Section 4(a)', 'Section 4(b)']);
  });

  it('a ban on sharing immigration status without a §1373 savings clause, with a fix that inserts one', () => {
    const ban = typed('An [[agency]] may not disclose the immigration status of any person to a federal agency.');
    expect(run(draft([ban]), 'status-ban-without-savings')).toEqual([]);
    const taken = new Set<string>();
    const doc = ordinance([
      definitionsSection(lib, ['agency'], taken),
      ban,
      clauseSection(lib, 'severability', undefined, undefined, taken),
      clauseSection(lib, 'effective-date', undefined, undefined, taken),
    ]);
    const [f] = run(doc, 'status-ban-without-savings');
    expect(f).toMatchObject({ severity: 'warning', label: 'Section 2' });
    expect(run(f!.fix!.apply(doc).doc, 'status-ban-without-savings')).toEqual([]);
  });

  it('"required by law" and "publicly available" exceptions, with fixes that delete them', () => {
    const doc = draft([
      typedMany([
        { text: 'An [[agency]] may not, except as required by law, disclose personal information to a hub.' },
        { text: 'An [[agency]] may not disclose a release date unless the information is publicly available.' },
      ]),
    ]);
    const found = run(doc, 'broad-exception');
    expect(found.map((f) => [f.label, textAt(doc, f)])).toEqual([
      ['Section 4(a)', ', except as required by law,'],
      ['Section 4(b)', ' unless the information is publicly available'],
    ]);
    let fixed = found[1]!.fix!.apply(doc).doc;
    fixed = found[0]!.fix!.apply(fixed).doc;
    expect(fixed.textContent).toContain('An agency may not disclose personal information to a hub.');
    expect(fixed.textContent).toContain('An agency may not disclose a release date.');
    expect(run(fixed, 'broad-exception')).toEqual([]);
  });

  it('"and/or", "etc." and "should" in operative text, with fixes where there is one', () => {
    const doc = draft([typed('An [[agency]] should log and/or report each access, the purpose, etc.')]);
    const found = run(doc).filter((f) => ['should', 'and-or', 'etc'].includes(f.rule));
    expect(found.map((f) => [f.rule, textAt(doc, f), !!f.fix])).toEqual([
      ['should', 'should', true],
      ['and-or', 'and/or', true],
      ['etc', 'etc.', false],
    ]);
    let fixed = found[1]!.fix!.apply(doc).doc;
    fixed = found[0]!.fix!.apply(fixed).doc;
    expect(fixed.textContent).toContain('An agency shall log or report each access');
  });

  it('leaves recitals and definitions alone', () => {
    const doc = ordinance(
      [
        definitionsSection(lib, ['agency', 'hub', 'immigration-enforcement', 'personal-information']),
        clauseSection(lib, 'hub-participation', 'strong'),
        clauseSection(lib, 'status-savings'),
        clauseSection(lib, 'severability'),
        clauseSection(lib, 'effective-date'),
      ],
      { recitals: ['WHEREAS, an agency should not share data and/or records, etc.;'] },
    );
    expect(run(doc)).toEqual([]);
  });

  it('a fix refuses a document in which its text has changed', () => {
    const doc = draft([typed('An [[agency]] should log each access.')]);
    const [f] = run(doc, 'should');
    const changed = replaceText(doc, 'should log', 'must log');
    expect(() => f!.fix!.apply(changed)).toThrow(/the text at \d+-\d+ is now "must l", not "should"; lint the document again/);
  });

  it('per-section facts are reused across calls', () => {
    const doc = draft([typed('An [[agency]] should log each access.')]);
    const a = run(doc);
    const b = run(replaceText(doc, 'each access', 'every access'));
    expect(b.map((f) => f.rule)).toEqual(a.map((f) => f.rule));
  });
});

describe('struck text is not law', () => {
  it('an amending ordinance that strikes "except as required by law" is not flagged for it, and the struck words do not close an element', async () => {
    const { schema } = await import('../../core/document/schema');
    const { lint } = await import('../../core/coverage/lint');
    const { analyze } = await import('../../core/coverage/analyze');
    const { loadLibrary } = await import('../../core/node/library');
    const lib = loadLibrary();
    const del = schema.marks.del!.create();
    const ins = schema.marks.ins!.create();
    const para = (...nodes: ReturnType<typeof schema.text>[]) => schema.nodes.paragraph!.create(null, nodes);
    const doc = schema.nodes.doc!.create(null, [
      schema.nodes.title!.create(null, schema.text('ORDINANCE NO. 1')),
      schema.nodes.caption!.create(null, schema.text('AN ORDINANCE amending the code.')),
      schema.nodes.enacting!.create(null, schema.text('The Council ordains:')),
      schema.nodes.section!.create({ id: 's1' }, [
        schema.nodes.heading!.create(null, schema.text('Records')),
        schema.nodes.provision!.create({ id: 'p1' }, [
          para(
            schema.text('A department may not disclose the address of a person to a federal immigration authority '),
            schema.text('except as required by law', [del]),
            schema.text('unless presented with a judicial warrant', [ins]),
            schema.text('.'),
          ),
        ]),
        schema.nodes.provision!.create({ id: 'p2' }, [
          para(schema.text('An agency may not provide personal information to a fusion center for immigration enforcement.', [del])),
        ]),
      ]),
    ]);
    const findings = lint(doc, lib);
    expect(findings.filter((f) => /required by law/i.test(f.message))).toEqual([]);
    const report = analyze(doc, lib);
    const fusion = report.routes.find((r) => r.id === 'fusion-center')!.elements.find((e) => e.elementId === 'no-provision')!;
    expect(fusion.status).toBe('open');
  });
});
