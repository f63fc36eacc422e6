import { describe, expect, it } from 'vitest';
import { NodeSelection, type EditorState, type Transaction } from 'prosemirror-state';
import {
  canInsertClause,
  clearPlaceholder,
  deleteSection,
  indentProvision,
  insertClause,
  insertXref,
  joinProvision,
  moveSection,
  outdentProvision,
  planSwapVariant,
  removeUnusedDefinitions,
  setPlaceholder,
  splitProvision,
  swapVariant,
  syncDefinitions,
  definitionsStatus,
  definitionsPlugin,
  idPlugin,
} from '../../core/document/commands';
import { definitionsLayout } from '../../core/document/definitions';
import { isEdited } from '../../core/document/build';
import { canonicalText } from '../../core/document/hash';
import { collectIds, findById } from '../../core/document/ids';
import { numberDocument } from '../../core/document/numbering';
import { schema, type Provenance } from '../../core/document/schema';
import { documentText } from '../../core/document/text';
import { composeFixture, cursorIn, fixtureLibrary, fixtureProfile, run, sectionIds, stateOf } from '../fixtures/document/helpers';

const lib = fixtureLibrary();
const profile = fixtureProfile(lib);
const base = () => stateOf(composeFixture(lib).doc);
const strong = () => stateOf(composeFixture(lib, { presetId: 'strong' }).doc);
const terms = (s: EditorState) => definitionsLayout(s.doc, lib)!.entries.map((e) => e.term);
const text = (s: EditorState) => documentText(s.doc, profile);
const label = (s: EditorState, id: string) => numberDocument(s.doc).byId.get(id)?.full;

/** Replace the text of the first paragraph/heading of a node (a drafter's edit). */
function retype(state: EditorState, id: string, newText: string): EditorState {
  const s = cursorIn(state, id, 0);
  const $from = s.selection.$from;
  return s.apply(s.tr.insertText(newText, $from.start(), $from.end()));
}

describe('insertClause', () => {
  it('inserts a section after the section holding the cursor, with its definitions', () => {
    let s = cursorIn(base(), 'sharing-limits/1');
    expect(terms(s)).not.toContain('data-broker');
    s = run(s, insertClause(lib, 'broker-ban', 'standard'));
    const ids = sectionIds(s.doc);
    expect(ids[ids.indexOf('sharing-limits') + 1]).toBe('broker-ban');
    // the new term and the terms its definition uses (vendor) are defined, in order
    expect(terms(s)).toEqual(['agency', 'data-broker', 'employee', 'immigration-enforcement', 'judicial-warrant', 'personal-information', 'vendor']);
    expect(label(s, 'broker-ban')).toBe('Section 4');
    expect(label(s, 'records-requests')).toBe('Section 5');
    // the cursor is in the new section's heading
    expect(s.selection.$from.parent.textContent).toBe('No purchases from data brokers');
    expect((findById(s.doc, 'broker-ban')!.node.attrs.prov as Provenance).clause).toBe('broker-ban');
  });

  it('refuses a clause that conflicts with one in the ordinance, and says why', () => {
    const s = run(base(), insertClause(lib, 'broker-ban', 'standard'));
    expect(insertClause(lib, 'broker-permit', 'standard')(s)).toBe(false);
    expect(canInsertClause(s, lib, 'broker-permit', 'standard').reason).toMatch(/"broker-permit".*conflicts with clause "broker-ban"/);
    expect(canInsertClause(s, lib, 'sharing-limits', 'nope').reason).toMatch(/no variant "nope"/);
    expect(canInsertClause(s, lib, 'reporting', 'standard', { kind: 'state' }).warnings).toEqual([]);
  });

  it('inserts a definition into the definitions section in alphabetical order', () => {
    const s = run(base(), insertClause(lib, 'def-data-broker', 'standard'));
    const t = terms(s);
    expect(t.indexOf('data-broker')).toBe(1);
    // no text uses "data broker" yet: the definition is flagged unused, and the terms
    // inside it are not pulled in
    expect(t).not.toContain('vendor');
    expect(definitionsStatus(s.doc, lib).unused.map((u) => u.term)).toEqual(['data-broker']);
    expect(insertClause(lib, 'def-agency', 'standard')(s)).toBe(false); // already defined
  });

  it('inserts a finding among the recitals, after the recital holding the cursor', () => {
    let s = composeFixture(lib, { presetId: 'strong' }).doc; // only finding-one
    let st = cursorIn(stateOf(s), 'finding-one');
    st = run(st, insertClause(lib, 'finding-two', 'standard'));
    const recitals: string[] = [];
    st.doc.forEach((n) => n.type.name === 'recital' && recitals.push(n.attrs.id as string));
    expect(recitals).toEqual(['finding-one', 'finding-two']);
    s = st.doc;
    expect(s.child(4).type.name).toBe('enacting');
  });

  it('replaces the enacting clause and the adoption block', () => {
    let s = run(base(), insertClause(lib, 'enacting-city', 'standard'));
    let enacting = 0;
    s.doc.forEach((n) => n.type.name === 'enacting' && enacting++);
    expect(enacting).toBe(1);
    s = run(s, insertClause(lib, 'adoption-city', 'standard'));
    expect(s.doc.lastChild!.type.name).toBe('adoption');
    expect(s.doc.childCount).toBe(base().doc.childCount);
  });
});

describe('swapVariant', () => {
  it('swaps an unedited section outright, keeping its id and numbering', () => {
    const s = base();
    const r = planSwapVariant(s, lib, 'sharing-limits', 'strong');
    expect(r.status).toBe('swapped');
    const next = s.apply((r as { tr: Transaction }).tr);
    const sec = findById(next.doc, 'sharing-limits')!.node;
    expect((sec.attrs.prov as Provenance).variant).toBe('strong');
    expect(isEdited(sec)).toBe(false);
    expect(label(next, 'sharing-limits')).toBe('Section 3');
    // definitions in step: the strong variant uses "data broker"; "employee" is now unused (flagged, not deleted)
    expect(terms(next)).toContain('data-broker');
    expect(terms(next)).toContain('employee');
    expect(definitionsStatus(next.doc, lib).unused.map((u) => u.term)).toEqual(['employee']);
  });

  it('keeps a drafter\'s heading when only the heading was edited', () => {
    let s = retype(base(), 'sharing-limits', 'Sharing limits');
    s = run(s, swapVariant(lib, 'sharing-limits', 'strong'));
    const sec = findById(s.doc, 'sharing-limits')!.node;
    expect(sec.firstChild!.textContent).toBe('Sharing limits');
    expect((sec.attrs.prov as Provenance).variant).toBe('strong');
    expect(isEdited(sec)).toBe(true); // the heading still differs from the library
  });

  it('asks before discarding edits to the text, and swaps with force', () => {
    const s = retype(base(), 'sharing-limits/2', 'An employee who receives a request shall refer it to counsel.');
    const r = planSwapVariant(s, lib, 'sharing-limits', 'strong');
    expect(r.status).toBe('edited');
    if (r.status === 'edited') {
      expect(r.changed).toEqual(['Section 3(b)']);
      expect(r.message).toMatch(/would discard your edits to Section 3\(b\)/);
    }
    expect(swapVariant(lib, 'sharing-limits', 'strong')(s)).toBe(false);
    const forced = run(s, swapVariant(lib, 'sharing-limits', 'strong', { force: true }));
    expect(text(forced)).not.toContain('refer it to counsel');
    expect((findById(forced.doc, 'sharing-limits')!.node.attrs.prov as Provenance).variant).toBe('strong');
  });

  it('swaps back and forth keeping ids of provisions both variants name, so references survive', () => {
    let s = run(strong(), swapVariant(lib, 'sharing-limits', 'baseline'));
    expect(findById(s.doc, 'sharing-limits#no-share')).toBeNull();
    s = run(s, swapVariant(lib, 'sharing-limits', 'strong'));
    expect(findById(s.doc, 'sharing-limits#no-share')).not.toBeNull();
    expect(text(s)).toContain('for a purpose barred by subsection (a).');
  });

  it('swaps the definitions section\'s lead-in and keeps the definitions', () => {
    const s = run(base(), swapVariant(lib, 'definitions', 'context'));
    expect(terms(s)).toEqual(terms(base()));
    expect(text(s)).toContain('As used in this chapter, unless the context requires otherwise:\n(a) "Agency" means');
  });

  it('a hand-written definition is a definition: kept across a swap of the lead-in, flagged while unused', () => {
    let s = cursorIn(base(), 'def-personal-information');
    s = run(s, splitProvision());
    const from = s.selection.from;
    s = s.apply(s.tr.insertText('"Record" means information kept in any form.'));
    s = s.apply(s.tr.addMark(from + 1, from + 7, schema.marks.term!.create({ term: 'record' })));
    expect(terms(s)).toEqual(['agency', 'employee', 'immigration-enforcement', 'judicial-warrant', 'personal-information', 'record']);
    expect(definitionsStatus(s.doc, lib).unused.map((u) => u.term)).toEqual(['record']);
    const r = planSwapVariant(s, lib, 'definitions', 'context');
    expect(r.status).toBe('swapped');
    s = s.apply((r as { tr: Transaction }).tr);
    expect(text(s)).toContain('(f) "Record" means information kept in any form.');
  });

  it('reports unknown ids, nodes without provenance and unknown variants', () => {
    expect(planSwapVariant(base(), lib, 'nope', 'strong')).toMatchObject({ status: 'error', message: expect.stringMatching(/no section.*"nope"/) });
    expect(planSwapVariant(base(), lib, 'sharing-limits', 'ultra')).toMatchObject({ status: 'error', message: expect.stringMatching(/no variant "ultra"/) });
    expect(planSwapVariant(base(), lib, 'sharing-limits', 'baseline')).toMatchObject({ status: 'error', message: expect.stringMatching(/already uses/) });
  });
});

describe('moveSection', () => {
  it('moves a section up and down; numbers and cross-reference labels follow', () => {
    let s = base();
    expect(text(s)).toContain('covered by Section 3 shall be answered');
    s = run(s, moveSection('sharing-limits', 'down'));
    expect(sectionIds(s.doc).slice(2, 4)).toEqual(['records-requests', 'sharing-limits']);
    expect(label(s, 'sharing-limits')).toBe('Section 4');
    expect(text(s)).toContain('covered by Section 4 shall be answered');
    s = run(s, moveSection('sharing-limits', 'up'));
    expect(s.doc.eq(base().doc)).toBe(true);
  });

  it('keeps the cursor in the moved section', () => {
    let s = cursorIn(base(), 'sharing-limits/1', 3);
    s = run(s, moveSection('sharing-limits', 'down'));
    expect(s.selection.$from.parent.textContent.startsWith('An agency may not share')).toBe(true);
    expect(s.selection.$from.parentOffset).toBe(3);
  });

  it('refuses to move past the first or last section', () => {
    expect(moveSection('short-title', 'up')(base())).toBe(false);
    expect(moveSection('effective-date', 'down')(base())).toBe(false);
    expect(moveSection('nope', 'down')(base())).toBe(false);
  });
});

describe('provisions: split, join, indent, outdent', () => {
  it('split gives the new provision a fresh id and no provenance; join puts them back', () => {
    let s = cursorIn(base(), 'sharing-limits/1', 'An agency may not share personal information'.length);
    const before = collectIds(s.doc);
    s = run(s, splitProvision());
    const sec = findById(s.doc, 'sharing-limits')!.node;
    expect(sec.childCount).toBe(4);
    const newId = sec.child(2).attrs.id as string;
    expect(before.has(newId)).toBe(false);
    expect(sec.child(2).attrs.prov).toBeNull();
    expect(sec.child(2).textContent).toBe(' for the purpose of immigration enforcement.');
    expect(label(s, newId)).toBe('Section 3(b)');
    expect(label(s, 'sharing-limits/2')).toBe('Section 3(c)');
    s = run(s, joinProvision());
    expect(findById(s.doc, 'sharing-limits')!.node.child(1).textContent).toBe('An agency may not share personal information for the purpose of immigration enforcement.');
    expect(label(s, 'sharing-limits/2')).toBe('Section 3(b)');
  });

  it('join adds a space between texts when needed and carries the nested provisions', () => {
    let s = cursorIn(strong(), 'sharing-limits#no-query', 0);
    s = run(s, joinProvision());
    const joined = findById(s.doc, 'sharing-limits#no-share')!.node;
    expect(canonicalText(joined.firstChild!)).toBe('An agency may not share personal information: An agency may not run a query for another person for a purpose barred by [@sharing-limits#no-share].');
    expect(joined.childCount).toBe(4);
    expect(joinProvision()(cursorIn(strong(), 'sharing-limits#no-share', 0))).toBe(false); // no previous sibling
  });

  it('at the end of a heading, split adds a first provision', () => {
    let s = cursorIn(base(), 'oversight'); // heading end
    s = run(s, splitProvision());
    const sec = findById(s.doc, 'oversight')!.node;
    expect(sec.child(1).type.name).toBe('provision');
    expect(sec.child(1).textContent).toBe('');
    expect(label(s, 'oversight/1')).toBe('Section 6(b)');
  });

  it('indent nests a provision under its previous sibling and outdent lifts it back; numbers follow', () => {
    let s = cursorIn(strong(), 'sharing-limits#no-query', 5);
    expect(label(s, 'sharing-limits#no-query')).toBe('Section 3(b)');
    s = run(s, indentProvision());
    expect(label(s, 'sharing-limits#no-query')).toBe('Section 3(a)(4)');
    expect(label(s, 'sharing-limits/6')).toBe('Section 3(b)');
    expect(s.selection.$from.parentOffset).toBe(5);
    expect(text(s)).toContain('  (4) An agency may not run a query');
    s = run(s, outdentProvision());
    expect(s.doc.eq(strong().doc)).toBe(true);
  });

  it('outdent keeps reading order: later siblings become children of the lifted provision', () => {
    let s = cursorIn(strong(), 'sharing-limits#purpose', 0);
    s = run(s, outdentProvision());
    expect(label(s, 'sharing-limits#purpose')).toBe('Section 3(b)');
    const lifted = findById(s.doc, 'sharing-limits#purpose')!.node;
    expect(lifted.childCount).toBe(3); // its paragraph and the two provisions that followed it
    expect(label(s, 'sharing-limits/3')).toBe('Section 3(b)(1)');
    expect(text(s).indexOf('for the purpose of')).toBeLessThan(text(s).indexOf('with a data broker'));
  });

  it('refuse where the operation makes no sense', () => {
    expect(indentProvision()(cursorIn(strong(), 'sharing-limits#no-share', 0))).toBe(false); // first of its list
    expect(outdentProvision()(cursorIn(strong(), 'sharing-limits#no-share', 0))).toBe(false); // already top level
    expect(splitProvision()(cursorIn(strong(), 'sharing-limits', 2))).toBe(false); // middle of a heading
  });
});

describe('cross-references and placeholders', () => {
  it('insertXref binds to an id; its label follows the target when sections move', () => {
    let s = cursorIn(base(), 'oversight/1');
    s = run(s, insertXref('sharing-limits/2'));
    expect(text(s)).toContain('review compliance with this chapter.Section 3(b)');
    s = run(s, moveSection('sharing-limits', 'down'));
    s = run(s, moveSection('sharing-limits', 'down'));
    expect(text(s)).toContain('review compliance with this chapter.Section 5(b)');
    expect(insertXref('no-such-id')(s)).toBe(false);
  });

  it('setPlaceholder inserts an atom bound to a profile key; clearPlaceholder removes or fills it', () => {
    let s = cursorIn(base(), 'oversight/1', 0);
    s = run(s, setPlaceholder('auditor'));
    expect(text(s)).toContain('City AuditorThe Fixtureville Privacy Commission');
    expect(setPlaceholder('not_a_key')(s)).toBe(false);
    s = run(s, clearPlaceholder());
    expect(text(s)).toContain('\nThe Fixtureville Privacy Commission shall');
    s = run(s, setPlaceholder('auditor'));
    s = s.apply(s.tr.setSelection(NodeSelection.create(s.doc, s.selection.from - 1)));
    s = run(s, clearPlaceholder('The Auditor and '));
    expect(text(s)).toContain('The Auditor and The Fixtureville Privacy Commission');
    expect(clearPlaceholder()(cursorIn(s, 'severability/1', 3))).toBe(false);
  });
});

describe('deleteSection and the definitions section', () => {
  it('deleting a section flags terms no longer used without deleting them; removeUnusedDefinitions deletes them', () => {
    let s = run(base(), deleteSection('records-requests', lib));
    expect(terms(s)).toContain('judicial-warrant');
    const sync = syncDefinitions(s, lib);
    expect(sync.tr).toBeNull();
    expect(sync.unused.map((u) => u.term)).toEqual(['judicial-warrant']);
    s = run(s, removeUnusedDefinitions(lib));
    expect(terms(s)).not.toContain('judicial-warrant');
    expect(removeUnusedDefinitions(lib)(s)).toBe(false);
  });

  it('without a definitions section, sync creates one after the opening sections; insertClause can add one', () => {
    let s = run(base(), deleteSection('definitions'));
    expect(definitionsLayout(s.doc, lib)).toBeNull();
    const r = syncDefinitions(s, lib);
    expect(r.createdSection).toBe(true);
    s = s.apply(r.tr!);
    expect(sectionIds(s.doc).slice(0, 2)).toEqual(['short-title', 'definitions']);
    expect(terms(s)).toEqual(terms(base()));

    let t = cursorIn(run(base(), deleteSection('definitions')), 'sharing-limits/1');
    t = run(t, insertClause(lib, 'definitions', 'context'));
    expect(sectionIds(t.doc).slice(1, 3)).toEqual(['sharing-limits', 'definitions']);
    expect(terms(t)).toEqual(terms(base()));
    expect(insertClause(lib, 'definitions', 'standard')(t)).toBe(false);
  });

  it('refuses to delete the last section', () => {
    let s = base();
    for (const id of sectionIds(s.doc).slice(1)) s = run(s, deleteSection(id));
    expect(sectionIds(s.doc)).toEqual(['short-title']);
    expect(deleteSection('short-title')(s)).toBe(false);
  });

  it('a term the drafter marks by hand gets its definition from sync', () => {
    let s = cursorIn(base(), 'severability/1');
    const mark = schema.marks.term!.create({ term: 'vendor' });
    s = s.apply(s.tr.insertText(' A vendor is bound too.').addMark(s.selection.from + 3, s.selection.from + 9, mark));
    const r = syncDefinitions(s, lib);
    expect(r.added).toEqual(['vendor']);
    s = s.apply(r.tr!);
    expect(terms(s)).toEqual(['agency', 'employee', 'immigration-enforcement', 'judicial-warrant', 'personal-information', 'vendor']);
    const def = findById(s.doc, 'def-vendor')!.node;
    expect((def.attrs.prov as Provenance).clause).toBe('def-vendor');
  });

  it('the definitions plugin adds definitions as the drafter types; a hand-written definition counts', () => {
    let s = stateOf(composeFixture(lib).doc, [definitionsPlugin(lib), idPlugin()]);
    s = cursorIn(s, 'severability/1');
    const from = s.selection.from;
    const tr = s.tr.insertText(' No data broker may be used.');
    tr.addMark(from + 4, from + 15, schema.marks.term!.create({ term: 'data-broker' }));
    s = s.apply(tr);
    expect(terms(s)).toContain('data-broker');
    expect(terms(s)).toContain('vendor');
    expect(definitionsStatus(s.doc, lib).undefinedTerms).toEqual([]);
  });
});

describe('the id plugin', () => {
  it('gives a split-off or pasted copy a fresh id and keeps the original\'s id and provenance', () => {
    let s = stateOf(composeFixture(lib).doc, [idPlugin()]);
    // a raw split (as Enter in a plain keymap would do) copies the attrs; the plugin fixes them
    s = cursorIn(s, 'def-agency', 5);
    s = s.apply(s.tr.split(s.selection.from, 2));
    const layout = definitionsLayout(s.doc, lib)!;
    const ids = collectIds(s.doc);
    let count = 0;
    s.doc.descendants((n) => {
      if (n.attrs.id) count++;
      return true;
    });
    expect(ids.size).toBe(count); // all unique
    const original = findById(s.doc, 'def-agency')!;
    expect(original.node.firstChild!.textContent).toBe('"Agen');
    expect((original.node.attrs.prov as Provenance).clause).toBe('def-agency');
    const copy = s.doc.nodeAt(original.pos + original.node.nodeSize)!;
    expect(copy.attrs.prov).toBeNull();
    expect(copy.attrs.id).not.toBe('def-agency');
    expect(layout.entries.length).toBeGreaterThan(0);

    // paste a copy of a section before the original: the original keeps its id
    const sec = findById(s.doc, 'oversight')!;
    s = s.apply(s.tr.insert(findById(s.doc, 'reporting')!.pos, sec.node));
    const after = findById(s.doc, 'oversight')!;
    expect(after.pos).toBeGreaterThan(findById(s.doc, 'reporting')!.pos);
    expect(after.node.attrs.prov).not.toBeNull();
    const reportingIndex = s.doc.resolve(findById(s.doc, 'reporting')!.pos).index(0);
    const pasted = s.doc.child(reportingIndex - 1);
    expect(pasted.firstChild!.textContent).toBe('Oversight');
    expect(pasted.attrs.id).not.toBe('oversight');
    expect(pasted.attrs.prov).toBeNull();
  });

  it('gives nodes without an id one', () => {
    let s = stateOf(composeFixture(lib).doc, [idPlugin()]);
    const p = schema.nodes.provision!.create({ id: '' }, schema.nodes.paragraph!.create(null, schema.text('By hand.')));
    const sec = findById(s.doc, 'oversight')!;
    s = s.apply(s.tr.insert(sec.pos + sec.node.nodeSize - 1, p));
    const added = findById(s.doc, 'oversight')!.node.lastChild!;
    expect(added.attrs.id).toMatch(/^n-[a-z0-9]{10}$/);
  });
});
