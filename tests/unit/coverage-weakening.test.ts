import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/coverage/analyze';
import type { CoverageReport } from '../../core/coverage/types';
import type { WeakeningKind } from '../../core/coverage/weakening';
import { appendProvision, clauseSection, definitionsSection, deleteNode, ordinance, replaceText, testLibrary } from './helpers/coverage-doc';

const lib = testLibrary();
const taken = new Set<string>();
const base = ordinance([
  definitionsSection(lib, ['agency', 'hub', 'immigration-enforcement', 'personal-information'], taken),
  clauseSection(lib, 'hub-participation', 'strong', undefined, taken),
  clauseSection(lib, 'private-action', 'strong', undefined, taken),
]);

function weakenings(doc: PMNode) {
  const r = analyze(doc, lib);
  return { report: r, list: r.edits.flatMap((e) => e.weakenings) };
}

function status(r: CoverageReport, ref: string): string {
  return r.routes.flatMap((x) => x.elements).find((e) => e.ref === ref)!.status;
}

/** Exactly one weakening, of this kind, quoting these words; and the elements it lowers. */
function expectOne(doc: PMNode, kind: WeakeningKind, words: RegExp | string) {
  const { report, list } = weakenings(doc);
  expect(list.map((w) => [w.kind, w.words])).toEqual([[kind, typeof words === 'string' ? words : expect.stringMatching(words)]]);
  return report;
}

describe('weakening: the unedited library text', () => {
  it('gives no edits and closes what the clauses declare', () => {
    const { report, list } = weakenings(base);
    expect(report.edits).toEqual([]);
    expect(list).toEqual([]);
    expect(report.routes.map((r) => r.status)).toEqual(['closed', 'closed', 'open']);
  });
});

describe('weakening: a duty turned into discretion', () => {
  it.each([
    ['may suspend', '"shall" became "may"'],
    ['should suspend', '"shall" became "should"'],
    ['is encouraged to suspend', '"shall" became "is encouraged to"'],
    ['is authorized to suspend', '"shall" became "is authorized to"'],
  ])('"shall suspend" -> "%s"', (replacement, words) => {
    const r = expectOne(replaceText(base, 'shall suspend', replacement), 'discretion', words);
    // only the element that provision carries is lowered
    expect(status(r, 'hub.withdrawal')).toBe('weakened');
    expect(status(r, 'hub.no-provision')).toBe('closed');
    expect(status(r, 'hub.audit')).toBe('closed');
    const reason = r.routes[0]!.elements.find((e) => e.elementId === 'withdrawal')!.reason;
    expect(reason).toContain(words);
    expect(reason).toMatch(/^Weakened: Section 2\(c\) was edited from the library text of Conditions on participation in a hub/);
  });

  it('a hedged duty ("shall endeavor to") is discretion too', () => {
    expectOne(replaceText(base, 'shall suspend', 'shall endeavor to suspend'), 'discretion', 'added "endeavor to"');
  });
});

describe('weakening: a prohibition loosened', () => {
  it('"may not" -> "should not"', () => {
    const r = expectOne(replaceText(base, 'may not provide', 'should not provide'), 'prohibition-loosened', '"may not" became "should not"');
    expect(status(r, 'hub.no-provision')).toBe('weakened');
    expect(status(r, 'hub.withdrawal')).toBe('closed');
  });
  it('"not" removed', () => {
    expectOne(replaceText(base, 'may not provide', 'may provide'), 'prohibition-loosened', '"may not" became "may"');
  });
});

describe('weakening: a new exception', () => {
  it.each([
    ['except as required by law, ', 'required-by-law'],
    ['unless the information is publicly available, ', 'publicly-available'],
    ['to the extent practicable, ', 'practicable'],
    ['unless otherwise provided, ', 'otherwise-provided'],
    ['except as otherwise permitted, ', 'otherwise-provided'],
  ])('adds "%s"', (exception, kind) => {
    const doc = replaceText(base, 'for the purpose of immigration enforcement', `${exception}for the purpose of immigration enforcement`);
    const { report, list } = weakenings(doc);
    expect(list).toEqual([expect.objectContaining({ kind: 'exception', broad: kind, words: `added "${exception.replace(/, $/, '')}"` })]);
    expect(status(report, 'hub.no-provision')).toBe('weakened');
  });

  it('a narrow exception weakens too, but is not broad', () => {
    const { list } = weakenings(replaceText(base, 'for the purpose of immigration enforcement', 'for the purpose of immigration enforcement, except with the written consent of the person'));
    expect(list).toEqual([expect.objectContaining({ kind: 'exception', broad: null, words: 'added "except with the written consent of the person"' })]);
  });

  it('an added exemption or permission is a new exception that reaches the whole clause', () => {
    const exempt = appendProvision(base, 'hub-participation', { text: 'This section does not apply to information that is publicly available.' });
    const { report, list } = weakenings(exempt);
    expect(list).toEqual([expect.objectContaining({ kind: 'exception', broad: 'publicly-available', label: 'Section 2(d)' })]);
    expect(['hub.no-provision', 'hub.written-terms', 'hub.audit', 'hub.withdrawal'].map((e) => status(report, e))).toEqual(['weakened', 'weakened', 'weakened', 'weakened']);
    const permit = appendProvision(base, 'hub-participation', { text: 'An agency may share information with a hub for a criminal investigation.' });
    expect(weakenings(permit).list).toEqual([expect.objectContaining({ kind: 'exception', message: 'a new permission carves out an exception' })]);
  });
});

describe('weakening: removed list items and provisions', () => {
  it('an item dropped from "A, B, or C"', () => {
    const r = expectOne(replaceText(base, 'provide, disclose, or make available', 'provide or make available'), 'removed-item', 'removed "disclose"');
    expect(status(r, 'hub.no-provision')).toBe('weakened');
  });
  it('a child provision deleted', () => {
    const r = expectOne(deleteNode(base, 'hub-participation#log'), 'removed-item', /^removed "the hub will log each access/);
    expect(status(r, 'hub.audit')).toBe('weakened');
    expect(status(r, 'hub.no-provision')).toBe('closed');
  });
  it('a sentence with a prohibition deleted', () => {
    const r = expectOne(replaceText(base, ' The agency may resume only after the hub certifies in writing that it has remedied the breach.', ''), 'removed-obligation', /^removed "The agency may resume only after the hub certifies/);
    expect(status(r, 'hub.withdrawal')).toBe('weakened');
  });
});

describe('weakening: narrowed actor and data', () => {
  it('"An agency" -> "The police department"', () => {
    const doc = replaceText(base, 'An agency that learns', 'The police department that learns');
    expectOne(doc, 'narrowed-actor', '"An agency" became "The police department"');
  });
  it('an added qualifier: "An agency" -> "A law enforcement agency"', () => {
    expectOne(replaceText(base, 'An agency that learns', 'A law enforcement agency that learns'), 'narrowed-actor', /became "A law enforcement"/);
  });
  it('a narrowed definition of "agency" weakens every clause that relies on it', () => {
    const doc = replaceText(base, 'a department, office, board, commission, or other unit of', 'the police department of');
    const { report, list } = weakenings(doc);
    expect(list.every((w) => w.kind === 'narrowed-actor')).toBe(true);
    expect(list[0]!.words).toMatch(/in the definition of "agency"|from the definition of "agency"/);
    expect(status(report, 'hub.no-provision')).toBe('weakened');
    expect(status(report, 'remedy.action')).toBe('weakened');
    expect(report.routes[0]!.elements[0]!.reason).toMatch(/^Weakened: Section 2 \(Conditions on participation in a hub\) relies on a definition that was edited in Section 1\(a\)/);
  });
  it('"personal information" -> "criminal history information"', () => {
    expectOne(replaceText(base, 'personal information to a hub', 'criminal history information to a hub'), 'narrowed-data', '"personal" became "criminal history"');
  });
  it('an item dropped from the definition of personal information', () => {
    expectOne(replaceText(base, 'telephone number, ', ''), 'narrowed-data', 'removed "telephone number" from the definition of "personal information"');
  });
});

describe('weakening: a removed remedy', () => {
  it('damages removed', () => {
    const r = expectOne(replaceText(base, 'the greater of actual damages or liquidated damages of ', ''), 'removed-remedy', /^removed "the greater of actual damages or liquidated damages of"/);
    expect(status(r, 'remedy.damages')).toBe('weakened');
    expect(status(r, 'remedy.action')).toBe('closed');
  });
  it('injunctive relief removed', () => {
    expectOne(replaceText(base, 'injunctive relief, declaratory relief, and a writ of mandate', 'a writ of mandate'), 'removed-remedy', /injunctive relief/);
  });
  it('attorney fees removed', () => {
    const doc = replaceText(base, ', and shall award a prevailing plaintiff reasonable attorney fees and costs', '');
    const { report, list } = weakenings(doc);
    expect(list.map((w) => w.kind)).toEqual(['removed-remedy']);
    expect(status(report, 'remedy.fees')).toBe('weakened');
  });
});

describe('weakening: a library that moved on', () => {
  it('an unedited clause whose library text has changed since is outdated, not weakened', () => {
    const doc = ordinance([clauseSection(lib, 'annual-report')]);
    const original = lib.clauseById.get('annual-report')!;
    const changed = {
      ...original,
      variants: original.variants.map((v) => ({ ...v, provisions: v.provisions.map((p) => ({ ...p, text: p.text.replace('shall publish', 'shall publish online') })) })),
    };
    const newer = { ...lib, info: { ...lib.info, version: '9.9.10' }, clauseById: new Map(lib.clauseById).set('annual-report', changed), clauses: lib.clauses.map((c) => (c === original ? changed : c)) };
    const r = analyze(doc, newer);
    expect(r.edits).toEqual([]);
    expect(r.outdated).toEqual([expect.objectContaining({ clause: 'annual-report', libraryVersion: '9.9.9', provision: expect.objectContaining({ label: 'Section 1' }) })]);
    expect(status(r, 'reports.annual')).toBe('closed');
    // once the drafter edits it, it is compared with the library text it now has
    const edited = analyze(replaceText(doc, 'shall publish', 'may publish'), newer);
    expect(edited.edits[0]!.weakenings.map((w) => w.kind)).toEqual(['discretion']);
  });
});

describe('weakening: rewording that weakens nothing', () => {
  it.each([
    ['a typo fixed', 'shall suspend all provision', 'shall suspend all provison'],
    ['a synonym verb', 'will notify the', 'will inform the'],
    ['"may not" -> "shall not"', 'may not provide', 'shall not provide'],
    ['"shall" -> "must"', 'shall suspend', 'must suspend'],
    ['"provide" -> "furnish"', 'may not provide, disclose', 'may not furnish, disclose'],
    ['double spaces', 'shall suspend all', 'shall  suspend  all'],
  ])('%s', (_name, from, to) => {
    const { report, list } = weakenings(replaceText(base, from, to));
    expect(list).toEqual([]);
    expect(report.routes[0]!.status).toBe('closed');
  });

  it('a renamed heading is not even an edit', () => {
    const { report } = weakenings(replaceText(base, 'Conditions on participation in a hub', 'Hubs'));
    expect(report.edits).toEqual([]);
  });

  it('an edit is reported even when it weakens nothing', () => {
    const { report } = weakenings(replaceText(base, 'will notify the', 'will inform the'));
    expect(report.edits).toEqual([expect.objectContaining({ clause: 'hub-participation', variant: 'strong', weakenings: [] })]);
  });
});
