import { describe, expect, it } from 'vitest';
import type { Node as PMNode } from 'prosemirror-model';
import { compose } from '../../core/document/compose';
import { definitionsLayout, definitionsStatus } from '../../core/document/definitions';
import { ownHash } from '../../core/document/build';
import { findById } from '../../core/document/ids';
import { hashNode } from '../../core/document/hash';
import { numberDocument, xrefText } from '../../core/document/numbering';
import { placeholderText, resolvePlaceholder, unresolvedPlaceholders } from '../../core/document/placeholders';
import type { Provenance } from '../../core/document/schema';
import { documentText } from '../../core/document/text';
import type { Template } from '../../core/schema';
import { composeFixture, fixtureLibrary, fixtureProfile, sectionIds } from '../fixtures/document/helpers';

const lib = fixtureLibrary();
const profile = fixtureProfile(lib);

function provenanced(doc: PMNode): { node: PMNode; prov: Provenance }[] {
  const out: { node: PMNode; prov: Provenance }[] = [];
  doc.descendants((node) => {
    const prov = node.attrs.prov as Provenance | null | undefined;
    if (prov) out.push({ node, prov });
    return !node.isTextblock;
  });
  return out;
}

function definedTerms(doc: PMNode): string[] {
  return definitionsLayout(doc, lib)!.entries.map((e) => e.term);
}

describe('compose: the fixture template', () => {
  it('builds title, caption, recitals, enacting clause, sections and adoption in order', () => {
    const { doc } = composeFixture(lib);
    const types: string[] = [];
    doc.forEach((n) => types.push(n.type.name));
    expect(types).toEqual(['title', 'caption', 'recital', 'recital', 'enacting', ...Array(8).fill('section'), 'adoption']);
    expect(sectionIds(doc)).toEqual([
      'short-title', 'definitions', 'sharing-limits', 'records-requests', 'reporting', 'oversight', 'severability', 'effective-date',
    ]);
    const text = documentText(doc, profile);
    expect(text).toMatch(/^ORDINANCE NO\. 2027-001\n/);
    expect(text).toContain('The City Council of the City of Fixtureville does ordain as follows:');
    expect(text).toContain('Section 3. Limits on sharing personal information\n(a) An agency may not share personal information');
    expect(text).toContain('Attest: ____________________________, City Clerk');
  });

  it('is deterministic: composing twice gives identical documents', () => {
    const a = composeFixture(lib, { presetId: 'strong' }).doc;
    const b = composeFixture(lib, { presetId: 'strong' }).doc;
    expect(a.eq(b)).toBe(true);
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
  });

  it('gives every section, provision and recital a unique id', () => {
    const ids: string[] = [];
    composeFixture(lib, { presetId: 'strong' }).doc.descendants((n) => {
      if (['section', 'provision', 'recital'].includes(n.type.name)) ids.push(n.attrs.id as string);
      return true;
    });
    expect(ids.every((i) => i.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('puts provenance with the hash of the inserted text on every node from the library', () => {
    const { doc } = composeFixture(lib);
    const list = provenanced(doc);
    const kinds = new Set(list.map((p) => p.node.type.name));
    expect(kinds).toEqual(new Set(['recital', 'enacting', 'section', 'provision', 'adoption']));
    for (const { node, prov } of list) {
      expect(lib.clauseById.has(prov.clause)).toBe(true);
      expect(prov.libraryVersion).toBe('1.0.0');
      expect(prov.hash).toBe(ownHash(node));
    }
    // an ordinary section's hash is the hash of the node as it stands
    const sharing = list.find((p) => p.prov.clause === 'sharing-limits')!;
    expect(sharing.prov).toMatchObject({ variant: 'baseline', hash: hashNode(sharing.node) });
    // every definition provision carries its definition clause's provenance
    for (const e of definitionsLayout(doc, lib)!.entries) expect(e.clause).toBe(lib.definitionByTerm.get(e.term)!.id);
  });

  it('fills the definitions section with the terms used, alphabetically, transitively, and nothing else', () => {
    const base = composeFixture(lib).doc;
    expect(definedTerms(base)).toEqual(['agency', 'employee', 'immigration-enforcement', 'judicial-warrant', 'personal-information']);
    // strong: "data broker" is used; its definition uses "vendor", whose definition uses agency and personal information
    const strong = composeFixture(lib, { presetId: 'strong' }).doc;
    expect(definedTerms(strong)).toEqual(['agency', 'data-broker', 'immigration-enforcement', 'judicial-warrant', 'personal-information', 'vendor']);
    const status = definitionsStatus(strong, lib);
    expect(status.unused).toEqual([]);
    expect(status.undefinedTerms).toEqual([]);
    const n = numberDocument(strong);
    expect(n.byId.get('def-agency')!.full).toBe('Section 2(a)');
    expect(n.byId.get('def-vendor')!.full).toBe('Section 2(f)');
  });

  it('applies preset choices, omissions and additions, added clauses before the closing sections', () => {
    const { doc } = composeFixture(lib, { presetId: 'strong' });
    let recitals = 0;
    doc.forEach((n) => n.type.name === 'recital' && recitals++);
    expect(recitals).toBe(1);
    const ids = sectionIds(doc);
    expect(ids.indexOf('broker-ban')).toBeGreaterThan(ids.indexOf('reporting'));
    expect(ids.indexOf('broker-ban')).toBeLessThan(ids.indexOf('severability'));
    expect((findById(doc, 'sharing-limits')!.node.attrs.prov as Provenance).variant).toBe('strong');
  });

  it('per-clause overrides win over the preset and may add a clause the template lacks', () => {
    const { doc } = composeFixture(lib, { presetId: 'strong', choices: { 'sharing-limits': 'baseline', 'finding-two': 'standard' } });
    let recitals = 0;
    doc.forEach((n) => n.type.name === 'recital' && recitals++);
    expect(recitals).toBe(2);
    const { doc: act } = composeFixture(lib, { choices: { 'short-title': 'act' } });
    expect(documentText(act, profile)).toContain('Fixtureville Data Firewall Act.');
    const { doc: added } = composeFixture(lib, { choices: { 'broker-ban': 'standard' } });
    const ids = sectionIds(added);
    expect(ids.indexOf('broker-ban')).toBeGreaterThan(ids.indexOf('reporting'));
    expect(ids.indexOf('broker-ban')).toBeLessThan(ids.indexOf('severability'));
    expect(definedTerms(added)).toContain('data-broker');
  });

  it('adds a required clause that is missing, with a warning', () => {
    const r = composeFixture(lib);
    expect(sectionIds(r.doc)).toContain('oversight');
    expect(r.warnings.find((w) => w.code === 'requirement-added')?.message).toMatch(/"oversight".*"reporting"/);
  });

  it('warns instead when the drafter left the required clause out by choice', () => {
    const r = composeFixture(lib, { choices: { oversight: 'omit' } });
    expect(sectionIds(r.doc)).not.toContain('oversight');
    expect(r.warnings.find((w) => w.code === 'requirement-unmet')?.message).toMatch(/"reporting".*requires.*"oversight"/);
    // the reference to the missing clause shows as missing, not as a wrong number
    let target = '';
    r.doc.descendants((n) => {
      if (n.type.name === 'xref' && n.attrs.target === 'oversight') target = n.attrs.target as string;
      return true;
    });
    expect(xrefText(numberDocument(r.doc), target)).toBe('[missing reference]');
    expect(r.warnings.some((w) => w.code === 'missing-reference' && w.clause === 'reporting')).toBe(true);
  });

  it('refuses conflicting choices with an error naming both clauses', () => {
    expect(() => composeFixture(lib, { presetId: 'strong', choices: { 'broker-permit': 'standard' } })).toThrow(
      /"broker-ban".*conflicts with.*"broker-permit"|"broker-permit".*conflicts with.*"broker-ban"/,
    );
  });

  it('rejects unknown presets, clauses and variants by name', () => {
    expect(() => composeFixture(lib, { presetId: 'nope' })).toThrow(/no preset "nope".*baseline, strong/);
    expect(() => composeFixture(lib, { choices: { 'no-such-clause': 'standard' } })).toThrow(/unknown clause "no-such-clause"/);
    expect(() => composeFixture(lib, { choices: { 'sharing-limits': 'ultra' } })).toThrow(/"sharing-limits" has no variant "ultra"/);
    expect(() => compose({ template: 'no-template', profile, library: lib })).toThrow(/unknown template "no-template"/);
  });

  it('binds cross-references to node ids: local ones within the clause, others to the referenced section', () => {
    const { doc } = composeFixture(lib, { presetId: 'strong' });
    const targets: string[] = [];
    doc.descendants((n) => {
      if (n.type.name === 'xref') targets.push(n.attrs.target as string);
      return true;
    });
    expect(targets).toEqual(['sharing-limits#purpose', 'sharing-limits#no-share', 'sharing-limits#no-share', 'sharing-limits', 'oversight']);
    const text = documentText(doc, profile);
    expect(text).toContain('(3) with any person that has not agreed in writing to the limits in subsection (a)(1).');
    expect(text).toContain('A request for records covered by Section 3 shall be answered only by the City Attorney.');
    expect(text).toContain('report to the body named in Section 7.');
  });

  it('creates the definitions section when the template has none, and says so', () => {
    const tpl = lib.templateById.get('fixture-city')!;
    const without: Template = { ...tpl, slots: tpl.slots.filter((s) => s.clause !== 'definitions') };
    const r = compose({ template: without, profile, library: lib });
    expect(sectionIds(r.doc).slice(0, 2)).toEqual(['short-title', 'definitions']);
    expect(r.warnings.some((w) => w.code === 'definitions-section-added')).toBe(true);
    expect(definedTerms(r.doc)).toContain('agency');
  });
});

describe('placeholders stay bound to profile keys', () => {
  it('are atoms in the document, resolved from the profile when shown', () => {
    const { doc } = composeFixture(lib);
    let keys = 0;
    doc.descendants((n) => {
      if (n.type.name === 'placeholder') keys++;
      return true;
    });
    expect(keys).toBeGreaterThan(10);
    expect(doc.textContent).not.toContain('Fixtureville'); // values are not copied into the document
    const edited = { ...profile, values: { ...profile.values, governing_body: 'Board of Aldermen' } };
    expect(documentText(doc, edited)).toContain('The Board of Aldermen of the City of Fixtureville does ordain');
  });

  it('a profile missing keys composes with visible placeholders, never "undefined"', () => {
    const partial = { id: 'partial', name: 'Partial', kind: 'city' as const, values: { jurisdiction_full_name: 'City of Partville', governing_body: '  ' } };
    const r = compose({ template: 'fixture-city', profile: partial, library: lib });
    const missing = unresolvedPlaceholders(r.doc, partial);
    expect(missing).toContain('governing_body'); // blank counts as missing
    expect(missing).toContain('ordinance_number');
    expect(missing).not.toContain('jurisdiction_full_name');
    const text = documentText(r.doc, partial);
    expect(text).not.toMatch(/undefined|null/);
    expect(text).toContain('ORDINANCE NO. [ordinance number]');
    expect(text).toContain('The [governing body] of the City of Partville does ordain as follows:');
    const w = r.warnings.find((x) => x.code === 'unresolved-placeholder');
    expect(w?.message).toContain('{ordinance_number}');
    expect(resolvePlaceholder(partial, 'clerk')).toBeNull();
    expect(placeholderText(partial, 'clerk')).toBe('[clerk]');
    expect(placeholderText(profile, 'clerk')).toBe('City Clerk');
  });

  it('the full fixture profile leaves nothing unresolved', () => {
    for (const presetId of ['baseline', 'strong']) {
      const r = composeFixture(lib, { presetId });
      expect(unresolvedPlaceholders(r.doc, profile)).toEqual([]);
      expect(r.warnings.some((w) => w.code === 'unresolved-placeholder')).toBe(false);
    }
  });
});
