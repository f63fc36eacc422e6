import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/coverage/analyze';
import { lint } from '../../core/coverage/lint';
import { compose } from '../../core/document/compose';
import { loadLibrary } from '../../core/node/library';
import { deleteNode } from './helpers/coverage-doc';

/**
 * The composed sample drafts of the real library: every template's "comprehensive"
 * preset closes every element that a jurisdiction of its kind can close (some clause
 * suited to the kind declares it fully), and deleting any one section opens exactly the
 * elements that section alone closed.
 * Runs once the library has templates with a comprehensive preset (seeds/templates).
 */
const library = loadLibrary();
const comprehensive = library.templates.filter((t) => t.presets.some((p) => p.id === 'comprehensive'));

function composed(templateId: string): PMNode {
  const template = library.templateById.get(templateId)!;
  const profile = library.profiles.find((p) => p.kind === template.kind) ?? { id: 'test', name: 'Test', kind: template.kind, values: {} };
  return compose({ template, presetId: 'comprehensive', profile, library }).doc;
}

describe.runIf(comprehensive.length > 0)('coverage of the composed sample drafts', () => {
  it.each(comprehensive.map((t) => t.id))('%s, comprehensive preset: every closable element closed, no weakened clause, no lint error', (id) => {
    const template = library.templateById.get(id)!;
    const doc = composed(id);
    const report = analyze(doc, library, { kind: template.kind });
    // what a jurisdiction of this kind can close: elements some clause suited to it declares fully
    const closable = (ref: string) => library.clauses.some((c) => c.suits.includes(template.kind) && c.variants.some((v) => v.satisfies[ref] === 'full'));
    const elements = report.routes.flatMap((r) => r.elements);
    const notClosed = elements.filter((e) => e.status !== 'closed' && closable(e.ref)).map((e) => `${e.ref}: ${e.reason}`);
    expect(notClosed).toEqual([]);
    expect(elements.filter((e) => closable(e.ref)).length).toBeGreaterThan(elements.length / 2);
    expect(report.edits).toEqual([]);
    expect(lint(doc, library).filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  it.each(comprehensive.map((t) => t.id))('%s: deleting a section opens exactly the elements it alone closed', (id) => {
    const template = library.templateById.get(id)!;
    const doc = composed(id);
    const before = analyze(doc, library, { kind: template.kind });
    const openBefore = new Set(before.routes.flatMap((r) => r.elements).filter((e) => e.status !== 'closed').map((e) => e.ref));
    let opened = 0;
    doc.forEach((section, pos) => {
      if (section.type.name !== 'section' || section.attrs.role === 'definitions') return;
      const inside = (p: number) => p >= pos && p < pos + section.nodeSize;
      const expected = before.routes
        .flatMap((r) => r.elements)
        .filter((e) => e.status === 'closed' && e.addressedBy.filter((a) => a.level === 'full').every((a) => inside(a.provision.pos)))
        .map((e) => e.ref)
        .sort();
      const after = analyze(deleteNode(doc, section.attrs.id as string), library, { kind: template.kind });
      const now = after.routes.flatMap((r) => r.elements).filter((e) => e.status !== 'closed' && !openBefore.has(e.ref)).map((e) => e.ref).sort();
      expect(now, `deleting ${section.attrs.id as string}`).toEqual(expected);
      opened += expected.length;
    });
    expect(opened).toBeGreaterThan(0);
  });
});

describe('coverage of the real library', () => {
  it('a draft made of one section per section clause (its strongest variant) gets a report for every route, and the report is stable', () => {
    const sections = library.clauses.filter((c) => c.kind === 'section');
    expect(sections.length).toBeGreaterThan(0);
    const { doc, kept } = composeAll(sections.map((c) => ({ clause: c.id, variant: c.variants[c.variants.length - 1]!.id })));
    const a = analyze(doc, library);
    expect(a.routes.map((r) => r.id)).toEqual(library.routes.map((r) => r.id));
    // every element a composed variant declares fully is closed (no library clause weakens itself)
    for (const s of kept) {
      const c = library.clauseById.get(s.clause)!;
      if (c.kind !== 'section') continue;
      for (const [ref, level] of Object.entries(c.variants.find((v) => v.id === s.variant)!.satisfies)) {
        if (level !== 'full') continue;
        const e = a.routes.flatMap((r) => r.elements).find((x) => x.ref === ref);
        expect(e?.status, `${c.id} declares ${ref}`).toBe('closed');
      }
    }
    expect(a.edits).toEqual([]);
    expect(analyze(doc, library)).toEqual(a);
  });
});

function composeAll(slots: { clause: string; variant: string }[]): { doc: PMNode; kept: { clause: string; variant: string }[] } {
  const kind = 'city' as const;
  const template = {
    id: 'all-sections',
    title: 'Every section clause',
    kind,
    heading: 'ORDINANCE NO. {ordinance_number}',
    caption: 'AN ORDINANCE relating to every section clause of the library.',
    slots: [...slots, ...library.clauses.filter((c) => c.kind === 'enacting').slice(0, 1).map((c) => ({ clause: c.id, variant: c.variants[0]!.id }))],
    presets: [
      { id: 'as-is', label: 'As is', description: 'The slots as listed.', choices: {}, add: [] },
      { id: 'same', label: 'Same', description: 'The slots as listed.', choices: {}, add: [] },
    ],
    defaultPreset: 'as-is',
  };
  // conflicting clauses cannot be composed together: keep the first of each conflicting pair
  const kept: { clause: string; variant: string }[] = [];
  for (const s of template.slots) {
    const c = library.clauseById.get(s.clause)!;
    if (kept.some((k) => c.conflicts.includes(k.clause) || library.clauseById.get(k.clause)!.conflicts.includes(c.id))) continue;
    kept.push(s);
  }
  return { doc: compose({ template: { ...template, slots: kept }, profile: { id: 'p', values: {} }, library }).doc, kept };
}
