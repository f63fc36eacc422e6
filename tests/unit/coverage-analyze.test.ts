import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/coverage/analyze';
import { numberDocument } from '../../core/document/numbering';
import type { CoverageReport, ElementReport } from '../../core/coverage/types';
import {
  clauseSection,
  definitionsSection,
  deleteNode,
  handSection,
  ordinance,
  replaceText,
  sectionById,
  testLibrary,
} from './helpers/coverage-doc';

const lib = testLibrary();

function el(report: CoverageReport, ref: string): ElementReport {
  const [r, e] = ref.split('.');
  const found = report.routes.find((x) => x.id === r)?.elements.find((x) => x.elementId === e);
  if (!found) throw new Error(`no element ${ref} in the report`);
  return found;
}


describe('analyze: provenance', () => {
  it('a library clause closes what its variant declares, with the section label and the clause in the reason', () => {
    const doc = ordinance([definitionsSection(lib, ['agency', 'hub']), clauseSection(lib, 'hub-participation', 'strong')]);
    const r = analyze(doc, lib);
    for (const ref of ['hub.no-provision', 'hub.written-terms', 'hub.audit', 'hub.withdrawal']) {
      const e = el(r, ref);
      expect(e.status).toBe('closed');
      const a = e.addressedBy.find((x) => x.via === 'provenance')!;
      expect(a.provision).toMatchObject({ nodeId: 'hub-participation', label: 'Section 2' });
      expect(a.clause).toMatchObject({ id: 'hub-participation', variant: 'strong' });
      expect(e.reason).toMatch(/^Closed by Section 2 \(Conditions on participation in a hub, strong variant/);
      expect(e.suggestions).toEqual([]);
    }
    expect(r.routes.find((x) => x.id === 'hub')!.status).toBe('closed');
    expect(r.routes.find((x) => x.id === 'remedy')!.status).toBe('open');
  });

  it('a partial declaration leaves the element partly closed and the route partial', () => {
    const doc = ordinance([clauseSection(lib, 'hub-participation', 'baseline')]);
    const r = analyze(doc, lib);
    expect(el(r, 'hub.no-provision').status).toBe('closed');
    expect(el(r, 'hub.written-terms').status).toBe('partial');
    expect(el(r, 'hub.written-terms').reason).toMatch(/^Partly closed: the baseline variant of Conditions on participation in a hub in Section 1 covers it only in part\.$/);
    expect(el(r, 'hub.audit').status).toBe('open');
    expect(r.routes.find((x) => x.id === 'hub')!.status).toBe('partial');
    expect(r.routes.find((x) => x.id === 'hub')).toMatchObject({ severity: 'critical', category: 'shared-systems' });
  });

  it('a clause the library does not know counts only through its text', () => {
    const known = clauseSection(lib, 'annual-report');
    const unknown = known.type.create({ ...known.attrs, prov: { ...known.attrs.prov, clause: 'not-in-library' } }, known.content);
    const r = analyze(ordinance([unknown]), lib);
    const e = el(r, 'reports.annual');
    expect(e.status).toBe('closed');
    expect(e.addressedBy.map((a) => a.via)).toEqual(['text']);
  });
});

describe('analyze: text', () => {
  it('a hand-typed provision closes an element through its text, labelled by its computed number', () => {
    const doc = ordinance([
      handSection('s1', 'Short title', [{ text: 'This chapter is the Data Limits Ordinance.' }]),
      handSection('s2', 'Hubs', [
        { id: 'a', text: 'Each department shall keep its records.' },
        { id: 'b', text: 'No department or officer shall share any record with a hub for the purpose of civil immigration enforcement.' },
      ]),
    ]);
    const e = el(analyze(doc, lib), 'hub.no-provision');
    expect(e.status).toBe('closed');
    expect(e.addressedBy).toHaveLength(1);
    expect(e.addressedBy[0]).toMatchObject({ via: 'text', level: 'full', provision: { nodeId: 'b', label: 'Section 2(b)' } });
    expect(e.addressedBy[0]!.sentence).toMatch(/^No department or officer shall share/);
    expect(e.reason).toMatch(/^Closed by the text of Section 2\(b\): "No department or officer shall share/);
  });

  it('a broad exception leaves the element partly closed and quotes it', () => {
    const doc = ordinance([handSection('s1', 'Hubs', [{ text: 'An agency shall not share records with a hub for immigration enforcement, except as required by law.' }])]);
    const e = el(analyze(doc, lib), 'hub.no-provision');
    expect(e.status).toBe('partial');
    expect(e.addressedBy[0]!.exceptions).toEqual([expect.objectContaining({ text: 'except as required by law', kind: 'required-by-law' })]);
    expect(e.reason).toMatch(/^Partly closed: Section 1 addresses it, but "except as required by law" is an exception for whatever the law requires/);
  });

  it('a section-wide exemption lowers the matches of its section; a chapter-wide one lowers every element', () => {
    const ban = { text: 'An agency shall not share records with a hub for immigration enforcement.' };
    const sectionWide = ordinance([handSection('s1', 'Hubs', [ban, { text: 'This section does not apply to information that is publicly available.' }])]);
    expect(el(analyze(sectionWide, lib), 'hub.no-provision').status).toBe('partial');
    const chapterWide = ordinance([
      clauseSection(lib, 'hub-participation', 'strong'),
      handSection('s9', 'Exemption', [{ text: 'This chapter does not apply to information that is publicly available.' }]),
    ]);
    const r = analyze(chapterWide, lib);
    expect(el(r, 'hub.audit').status).toBe('partial');
    expect(r.exemptions).toEqual([expect.objectContaining({ kind: 'publicly-available', provision: expect.objectContaining({ label: 'Section 2' }) })]);
  });

  it('a provision is read with the lead-in it continues', () => {
    const doc = ordinance([
      handSection('s1', 'Hubs', [
        { id: 'lead', text: 'An agency may not take part in a hub unless the hub has agreed in writing that:', children: [{ id: 'item', text: 'no participant will use the information for immigration enforcement.' }] },
      ]),
    ]);
    const e = el(analyze(doc, lib), 'hub.written-terms');
    expect(e.status).toBe('closed');
    // a sole provision is not lettered, so its items start at (a)
    expect(e.addressedBy[0]!.provision).toMatchObject({ nodeId: 'item', label: 'Section 1(a)' });
  });

  it('a permission or a wrong recipient does not close an element', () => {
    const doc = ordinance([
      handSection('s1', 'Hubs', [
        { text: 'An agency may share records with a hub for immigration enforcement.' },
        { text: 'An agency shall not share records with a federal agency for immigration enforcement.' },
      ]),
    ]);
    expect(el(analyze(doc, lib), 'hub.no-provision').status).toBe('open');
  });
});

describe('analyze: labels', () => {
  it('every address is labelled as core/document/numbering numbers the document', () => {
    const doc = ordinance([
      definitionsSection(lib, ['agency', 'hub', 'immigration-enforcement', 'personal-information']),
      handSection('solo', 'One', [{ id: 'only', text: 'An agency shall not share records with a hub for immigration enforcement:', children: [{ id: 'c1', text: 'by any means.' }] }]),
      clauseSection(lib, 'hub-participation', 'strong'),
      clauseSection(lib, 'private-action', 'strong'),
    ]);
    const edited = replaceText(replaceText(doc, 'will log each access', 'may log each access'), 'shall award a prevailing plaintiff the greater', 'may award a prevailing plaintiff the greater');
    const r = analyze(edited, lib);
    const numbering = numberDocument(edited);
    const addresses = r.routes.flatMap((x) => x.elements.flatMap((e) => e.addressedBy));
    const weakenings = addresses.flatMap((a) => a.weakenings ?? []);
    expect(addresses.length).toBeGreaterThanOrEqual(8);
    for (const a of addresses) expect(a.provision.label).toBe(numbering.byPos.get(a.provision.pos)!.full);
    for (const e of r.edits) for (const w of e.weakenings) expect(w.label).toBe(numbering.byId.get(w.nodeId)!.full);
    expect(new Set(weakenings.map((w) => w.label))).toEqual(new Set(['Section 3(b)(2)', 'Section 4(b)']));
  });
});

describe('analyze: suggestions', () => {
  it('ranks library clauses: full before partial, fewer missing requirements, suited to the jurisdiction, no conflicts', () => {
    const r = analyze(ordinance([handSection('s1', 'Nothing', [{ text: 'This chapter is short.' }])]), lib, { kind: 'county' });
    const s = el(r, 'hub.no-provision').suggestions;
    // hub-ban-alternative suits only a city, so it is not offered to a county
    expect(s.map((x) => `${x.clause}/${x.variant}`)).toEqual(['hub-participation/strong', 'hub-participation/baseline']);
    expect(s[0]).toMatchObject({ coverage: 'full', missingRequires: ['def-agency', 'def-hub', 'def-immigration-enforcement', 'def-personal-information'], inDocument: false });
    expect(s[0]!.alsoCloses).toEqual(['hub.written-terms', 'hub.audit', 'hub.withdrawal']);
    const written = el(r, 'hub.written-terms').suggestions;
    expect(written.map((x) => `${x.clause}/${x.variant}:${x.coverage}`)).toEqual(['hub-participation/strong:full', 'hub-participation/baseline:partial']);

    const city = analyze(ordinance([clauseSection(lib, 'hub-participation', 'baseline')]), lib, { kind: 'city' });
    const sw = el(city, 'hub.written-terms').suggestions;
    // the baseline is already there and did not close it; the strong variant replaces it
    expect(sw.map((x) => `${x.clause}/${x.variant}`)).toEqual(['hub-participation/strong']);
    expect(sw[0]!.inDocument).toBe(true);
  });

  it('a clause that conflicts with one in the draft is ranked last and says so', () => {
    const r = analyze(ordinance([clauseSection(lib, 'annual-report'), clauseSection(lib, 'hub-participation', 'baseline')]), lib, { kind: 'city' });
    const rem = el(r, 'remedy.damages').suggestions;
    expect(rem.map((x) => x.clause)).toEqual(['private-action']);
    const alt = analyze(ordinance([clauseSection(lib, 'hub-ban-alternative')]), lib, { kind: 'city' });
    const s = el(alt, 'hub.audit').suggestions;
    expect(s[0]).toMatchObject({ clause: 'hub-participation', conflictsWith: ['hub-ban-alternative'] });
  });
});

describe('analyze: deleting a clause opens exactly what it alone closed', () => {
  it('holds for each section of a draft made of every clause', () => {
    const taken = new Set<string>();
    const sections = [
      definitionsSection(lib, ['agency', 'hub', 'immigration-enforcement', 'personal-information'], taken),
      clauseSection(lib, 'hub-participation', 'strong', undefined, taken),
      clauseSection(lib, 'private-action', 'strong', undefined, taken),
      clauseSection(lib, 'annual-report', undefined, undefined, taken),
      handSection('typed', 'Reports', [{ text: 'The auditor shall publish an annual report of each audit.' }]),
      clauseSection(lib, 'severability', undefined, undefined, taken),
    ];
    const doc = ordinance(sections);
    const before = analyze(doc, lib);
    expect(before.routes.every((r) => r.status === 'closed')).toBe(true);
    let checked = 0;
    doc.forEach((s, pos) => {
      if (s.type.name !== 'section') return;
      const id = s.attrs.id as string;
      const inside = (p: number) => p >= pos && p < pos + s.nodeSize;
      // the elements every full address of which lies in the deleted section
      const expected = before.routes
        .flatMap((r) => r.elements)
        .filter((e) => e.addressedBy.filter((a) => a.level === 'full').every((a) => inside(a.provision.pos)))
        .map((e) => e.ref)
        .sort();
      const after = analyze(deleteNode(doc, id), lib);
      const opened = after.routes.flatMap((r) => r.elements).filter((e) => e.status !== 'closed').map((e) => e.ref).sort();
      expect(opened, `deleting ${id}`).toEqual(expected);
      checked += expected.length;
    });
    // the check is not vacuous: some sections alone close elements, the typed report section duplicates one
    expect(checked).toBeGreaterThan(5);
    expect(analyze(deleteNode(doc, 'annual-report'), lib).routes.find((r) => r.id === 'reports')!.status).toBe('closed');
  });
});

describe('analyze: incremental', () => {
  it('after a one-section edit, every other section analysis is the same object, and only the edited one is new', () => {
    const doc = ordinance([
      clauseSection(lib, 'hub-participation', 'strong'),
      clauseSection(lib, 'private-action', 'strong'),
      clauseSection(lib, 'annual-report'),
    ]);
    const r1 = analyze(doc, lib);
    const edited = replaceText(doc, 'shall publish', 'may publish');
    expect(sectionById(edited, 'hub-participation')).toBe(sectionById(doc, 'hub-participation'));
    const r2 = analyze(edited, lib);
    expect(r2.sections[0]).toBe(r1.sections[0]);
    expect(r2.sections[1]).toBe(r1.sections[1]);
    expect(r2.sections[2]).not.toBe(r1.sections[2]);
    expect(el(r2, 'reports.annual').status).toBe('weakened');
    // the same document again: every analysis reused
    const r3 = analyze(edited, lib);
    r3.sections.forEach((s, i) => expect(s).toBe(r2.sections[i]));
  });

  it('the same routes in a new array share the cache', () => {
    const doc = ordinance([clauseSection(lib, 'hub-participation', 'strong')]);
    const a = analyze(doc, lib, { routes: [...lib.routes] });
    const b = analyze(doc, lib, { routes: [...lib.routes] });
    expect(b.sections[0]).toBe(a.sections[0]);
  });

  it('a different checklist is a different cache', () => {
    const doc = ordinance([clauseSection(lib, 'hub-participation', 'strong')]);
    const a = analyze(doc, lib);
    const b = analyze(doc, lib, { routes: lib.routes.filter((r) => r.id === 'hub') });
    expect(b.sections[0]).not.toBe(a.sections[0]);
    expect(b.routes.map((r) => r.id)).toEqual(['hub']);
  });

  it('refuses a node that is not a document, naming what it got', () => {
    const doc = ordinance([clauseSection(lib, 'annual-report')]);
    expect(() => analyze(doc.child(3), lib)).toThrow(/expected an ordinance document node, got a "section" node/);
  });
});
