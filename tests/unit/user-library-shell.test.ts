import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { newUserClause, parseClauseText, clauseToYaml } from '../../core/clause-pack';
import { inlineNodes } from '../../core/document/build';
import { schema } from '../../core/document/schema';
import type { Host } from '../../renderer/host';
import { inlineSyntax, provisionsToText, sectionToClauseDraft, textToProvisions } from '../../renderer/shell/clause-text';
import { RecentList } from '../../renderer/shell/RecentList';
import { UserLibrary } from '../../renderer/shell/UserLibrary';
import { composeFixture, fixtureLibrary } from '../fixtures/document/helpers';

const t = (s: string) => [schema.text(s)];
const para = (...content: Parameters<typeof schema.node>[2][]) => schema.node('paragraph', null, content.flat() as never);

describe('renderer/shell/clause-text: a section of the draft as a clause', () => {
  it('inline content goes back to the library syntax, and reads back to the same nodes', () => {
    for (const text of [
      'An [[agency]] may not share [[personal information]] with {governing_body}.',
      'Each [[agencies|agency]] shall report to the {chief_law_enforcement_officer}.',
      'Plain text with no syntax at all.',
    ]) {
      const p = schema.node('paragraph', null, inlineNodes(text));
      expect(inlineSyntax(p, { local: new Map(), outside: () => '?' })).toBe(text);
    }
  });

  it('redline deletions are left out, line breaks become spaces, unknown things stay readable text', () => {
    const del = schema.marks.del!.create();
    const p = para(t('keep '), [schema.text('gone ', [del])], t('this'), [schema.node('hard_break')], t('line'));
    expect(inlineSyntax(p, { local: new Map(), outside: () => '?' })).toBe('keep this line');
  });

  it('cross-references inside the section become local ids; others become their section text', () => {
    const doc = schema.node('doc', null, [
      schema.node('title', null, t('T')),
      schema.node('caption', null, t('C')),
      schema.node('enacting', null, t('E')),
      schema.node('section', { id: 's1' }, [schema.node('heading', null, t('Definitions')), schema.node('provision', { id: 's1/a' }, [para(t('First.'))])]),
      schema.node('section', { id: 's2' }, [
        schema.node('heading', null, t('Limits')),
        schema.node('provision', { id: 's2/a' }, [para(t('No sharing.'))]),
        schema.node('provision', { id: 's2/b' }, [
          para(t('A breach of '), [schema.node('xref', { target: 's2/a' })], t(' or of '), [schema.node('xref', { target: 's1' })], t(' is reported.')),
          schema.node('provision', { id: 's2/b/1' }, [para(t('in writing;'))]),
        ]),
        schema.node('provision', { id: 's2/c' }, [para()]),
      ]),
    ]);
    const section = doc.child(4);
    const draft = sectionToClauseDraft(doc, section, 'Riverbend draft');
    expect(draft.title).toBe('Limits');
    expect(draft.provisions).toEqual([
      { id: 'p1', text: 'No sharing.' },
      { text: 'A breach of [@p1] or of Section 1 is reported.', children: [{ text: 'in writing;' }] },
    ]);
    expect(draft.source).toMatch(/Section 2 of “Riverbend draft”/);
    // and it makes a clause the library accepts
    const clause = newUserClause({ id: 'my-limits', title: draft.title, provisions: draft.provisions, source: draft.source });
    expect(parseClauseText('my-limits.yaml', clauseToYaml(clause)).ok).toBe(true);
  });

  it('a composed section of the fixture library converts to a valid clause', () => {
    const lib = fixtureLibrary();
    const { doc } = composeFixture(lib);
    let checked = 0;
    doc.forEach((section) => {
      if (section.type.name !== 'section') return;
      const draft = sectionToClauseDraft(doc, section, 'Fixture');
      if (draft.provisions.length === 0) return;
      const clause = newUserClause({ id: `my-s${checked}`, title: draft.title.length >= 3 ? draft.title : 'Untitled clause', provisions: draft.provisions });
      const r = parseClauseText('x.yaml', clauseToYaml(clause));
      expect(r.ok, JSON.stringify(!r.ok && r.issues)).toBe(true);
      checked++;
    });
    expect(checked).toBeGreaterThan(0);
  });
});

describe('renderer/shell/clause-text: the editable text of provisions', () => {
  const provisions = [
    { id: 'written-agreement', text: 'An agency may not share unless:', children: [{ id: 'use-limit', text: 'no participant uses it;' }, { text: 'it logs each access.' }] },
    { text: 'A breach of [@use-limit] suspends sharing.' },
  ];

  it('round-trips: ids, nesting and inline syntax survive', () => {
    const text = provisionsToText(provisions);
    expect(text).toBe(
      '[#written-agreement] An agency may not share unless:\n  [#use-limit] no participant uses it;\n  it logs each access.\nA breach of [@use-limit] suspends sharing.',
    );
    expect(textToProvisions(text)).toEqual({ ok: true, provisions });
  });

  it('blank lines and tabs are fine; bad indentation, bad ids and empty text are named by line', () => {
    expect(textToProvisions('One.\n\n\tTwo.\n')).toEqual({ ok: true, provisions: [{ text: 'One.', children: [{ text: 'Two.' }] }] });
    expect(textToProvisions('One.\n    Too deep.')).toMatchObject({ ok: false, line: 2 });
    expect(textToProvisions('[#Bad Id] x')).toMatchObject({ ok: false, line: 1, message: expect.stringContaining('"Bad Id" is not an id') });
    expect(textToProvisions('ok\n[#x-1]')).toMatchObject({ ok: false, line: 2, message: expect.stringContaining('no text') });
    expect(textToProvisions('  \n')).toMatchObject({ ok: false, message: 'a clause needs at least one provision' });
  });
});

describe('renderer/shell components render', () => {
  const host = { kind: 'desktop', api: {}, onMenu: () => () => undefined, onCloseRequest: () => () => undefined, pathForFile: () => null, prompts: null } as unknown as Host;

  it('the recent list marks a missing project and offers to remove it instead of opening it', () => {
    const html = renderToStaticMarkup(
      createElement(RecentList, {
        host,
        items: [
          { path: '/d/Here.ordinance.json', name: 'Here', openedAt: '2026-01-01T00:00:00.000Z' },
          { path: '/d/Gone.ordinance.json', name: 'Gone', openedAt: '2026-01-01T00:00:00.000Z', missing: true },
        ],
        onOpen: () => undefined,
        onChanged: () => undefined,
      }),
    );
    expect(html).toContain('Not found at /d/Gone.ordinance.json');
    expect(html).toContain('Remove');
    expect(html.match(/<button/g)).toHaveLength(2); // Open "Here", Remove "Gone"
  });

  it('the library dialog opens on a draft to save, with its title and text', () => {
    const html = renderToStaticMarkup(
      createElement(UserLibrary, {
        host,
        draft: { title: 'Limits', provisions: [{ text: 'No sharing.' }], source: 'Section 2' },
        onClose: () => undefined,
      }),
    );
    expect(html).toContain('My Clause Library');
    expect(html).toContain('value="Limits"');
    expect(html).toContain('No sharing.');
    expect(html).toContain('Save to My Library');
  });
});
