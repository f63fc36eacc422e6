import { describe, expect, it } from 'vitest';
import { indentProvision, moveSection, outdentProvision, splitProvision } from '../../core/document/commands';
import { uniqueId } from '../../core/document/ids';
import { numberDocument, xrefText } from '../../core/document/numbering';
import { documentText } from '../../core/document/text';
import { composeFixture, cursorIn, fixtureLibrary, fixtureProfile, run, stateOf } from '../fixtures/document/helpers';

const lib = fixtureLibrary();
const profile = fixtureProfile(lib);

describe('numbering of composed documents', () => {
  it('a sole provision is unlettered and its children are lettered from (a)', () => {
    const doc = composeFixture(lib).doc;
    const n = numberDocument(doc);
    expect(n.byId.get('definitions/1')).toMatchObject({ own: '', level: 0, full: 'Section 2' });
    expect(n.byId.get('def-agency')).toMatchObject({ own: '(a)', level: 1, full: 'Section 2(a)' });
    expect(n.byId.get('def-employee')!.full).toBe('Section 2(b)');
    expect(n.byId.get('oversight/1')).toMatchObject({ own: '', full: 'Section 6' });
  });

  it('labels deep nesting (a) -> (1) -> (A) -> (i) after repeated indents', () => {
    let s = stateOf(composeFixture(lib, { presetId: 'strong' }).doc);
    // (a)(3) -> (a)(2)(A)
    s = run(cursorIn(s, 'sharing-limits/4', 0), indentProvision());
    expect(numberDocument(s.doc).byId.get('sharing-limits/4')!.full).toBe('Section 3(a)(2)(A)');
    // a new provision split from it, indented again: (a)(2)(A)(i)
    s = run(cursorIn(s, 'sharing-limits/4'), splitProvision());
    s = run(s, indentProvision());
    const n = numberDocument(s.doc);
    const deepest = [...n.byId.values()].find((l) => l.full === 'Section 3(a)(2)(A)(i)');
    expect(deepest).toBeDefined();
    expect(deepest!.level).toBe(4);
    // outdent twice brings it to (a)(3)
    s = run(s, outdentProvision());
    s = run(s, outdentProvision());
    expect(numberDocument(s.doc).byId.get(deepest!.id)!.full).toBe('Section 3(a)(3)');
  });

  it('cross-reference text names the level inside a section and the section elsewhere, and follows moves', () => {
    let s = stateOf(composeFixture(lib, { presetId: 'strong' }).doc);
    let n = numberDocument(s.doc);
    expect(xrefText(n, 'sharing-limits#purpose', 'sharing-limits')).toBe('subsection (a)(1)');
    expect(xrefText(n, 'sharing-limits#purpose', 'reporting')).toBe('Section 3(a)(1)');
    expect(xrefText(n, 'oversight', 'reporting')).toBe('Section 7');
    s = run(s, moveSection('oversight', 'up'));
    s = run(s, moveSection('oversight', 'up'));
    s = run(s, moveSection('oversight', 'up'));
    s = run(s, moveSection('oversight', 'up'));
    n = numberDocument(s.doc);
    expect(xrefText(n, 'oversight', 'reporting')).toBe('Section 3');
    expect(xrefText(n, 'sharing-limits#purpose', 'reporting')).toBe('Section 4(a)(1)');
    expect(documentText(s.doc, profile)).toContain('shall report to the body named in Section 3.');
  });
});

describe('ids', () => {
  it('uniqueId suffixes deterministically', () => {
    const taken = new Set(['a', 'a-2']);
    expect(uniqueId('a', taken)).toBe('a-3');
    expect(uniqueId('b', taken)).toBe('b');
    expect(uniqueId('b', taken)).toBe('b-2');
  });
});
