import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node as PMNode } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { isEdited, ownHash } from '../../core/document/build';
import { compose } from '../../core/document/compose';
import { compareTerms, definitionsLayout, definitionsStatus } from '../../core/document/definitions';
import { numberDocument } from '../../core/document/numbering';
import { unresolvedPlaceholders } from '../../core/document/placeholders';
import { parseProject } from '../../core/document/project';
import type { Provenance } from '../../core/document/schema';
import { documentText } from '../../core/document/text';
import { loadLibrary, PROJECT_ROOT } from '../../core/node/library';

/**
 * The real library: every template with every preset, every sample profile with every
 * template, and the sample drafts in seeds/drafts.
 */
const lib = loadLibrary();

/** Numbering, definitions and provenance invariants of a composed document. */
function checkComposed(doc: PMNode, what: string): void {
  doc.check();
  const n = numberDocument(doc);
  expect(n.sections.map((s) => s.full), what).toEqual(n.sections.map((_, i) => `Section ${i + 1}`));
  // every section and provision has a unique id and a label
  const ids: string[] = [];
  doc.descendants((node) => {
    if (node.type.name === 'section' || node.type.name === 'provision') {
      ids.push(node.attrs.id as string);
      expect(n.byId.get(node.attrs.id as string), `${what}: ${node.attrs.id as string}`).toBeDefined();
    }
    return !node.isTextblock;
  });
  expect(new Set(ids).size, what).toBe(ids.length);
  // the definitions section: alphabetical, every used term defined, nothing unused
  const layout = definitionsLayout(doc, lib);
  const status = definitionsStatus(doc, lib);
  if (status.used.length > 0) {
    expect(layout, `${what}: definitions section`).not.toBeNull();
    const terms = layout!.entries.map((e) => e.term);
    expect(terms, what).toEqual([...terms].sort(compareTerms));
    expect(terms, what).toEqual(status.used);
    expect(status.unused, what).toEqual([]);
    expect(status.duplicates, what).toEqual([]);
    // definitions are lettered (a), (b), ... under the lead-in
    expect(n.byId.get(layout!.entries[0]!.id)!.own, what).toBe('(a)');
  }
  // provenance: a known clause, the hash of the node as inserted
  doc.descendants((node) => {
    const prov = node.attrs.prov as Provenance | null | undefined;
    if (prov) {
      expect(lib.clauseById.has(prov.clause), `${what}: ${prov.clause}`).toBe(true);
      expect(prov.hash, `${what}: ${prov.clause}`).toBe(ownHash(node));
      expect(prov.libraryVersion).toBe(lib.info.version);
    }
    return !node.isTextblock;
  });
  // every cross-reference resolves
  const text = documentText(doc, null);
  expect(text, what).not.toContain('[missing reference]');
}

describe('the real library composes', () => {
  it('has the city, county and state templates and the sample profiles', () => {
    expect(lib.templates.map((t) => t.kind).sort()).toEqual(expect.arrayContaining(['city', 'county', 'state']));
    expect(lib.profiles.length).toBeGreaterThanOrEqual(3);
  });

  for (const template of lib.templates) {
    for (const preset of template.presets) {
      it(`template ${template.id}, preset ${preset.id}`, () => {
        const profile = lib.profiles.find((p) => p.kind === template.kind) ?? lib.profiles[0]!;
        const { doc, warnings } = compose({ template, presetId: preset.id, profile, library: lib });
        checkComposed(doc, `${template.id}/${preset.id}`);
        expect(warnings.filter((w) => ['undefined-term', 'missing-reference', 'unsuited-clause', 'duplicate-part', 'no-enacting'].includes(w.code))).toEqual([]);
      });
    }
  }

  for (const profile of lib.profiles) {
    for (const template of lib.templates) {
      it(`profile ${profile.id} with template ${template.id}: numbering, definitions, no placeholder left unresolved`, () => {
        const { doc } = compose({ template, profile, library: lib });
        checkComposed(doc, `${profile.id}/${template.id}`);
        expect(unresolvedPlaceholders(doc, profile)).toEqual([]);
        const text = documentText(doc, profile);
        expect(text).not.toMatch(/\[[a-z]+(?: [a-z]+)*\]|undefined/);
        expect(text).toContain(profile.values.jurisdiction_name ?? '');
      });
    }
  }
});

describe('sample drafts (seeds/drafts)', () => {
  const dir = join(PROJECT_ROOT, 'seeds', 'drafts');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ordinance.json'));

  it('there is at least one draft per template', () => {
    for (const t of lib.templates) expect(files.some((f) => f.startsWith(`${t.id}-`)), t.id).toBe(true);
  });

  for (const f of files) {
    it(`${f} loads cleanly, is valid, and carries a drafter's edits`, () => {
      const r = parseProject(readFileSync(join(dir, f), 'utf8'), { library: lib });
      if (!r.ok) throw r.error;
      expect(r.warnings).toEqual([]);
      const { doc, profile } = r.project;
      expect(unresolvedPlaceholders(doc, profile)).toEqual([]);
      let edited = 0;
      let handwritten = 0;
      doc.descendants((node) => {
        if (isEdited(node)) edited++;
        if (node.type.name === 'provision' && !node.attrs.prov && (node.attrs.id as string).startsWith('n-')) handwritten++;
        return !node.isTextblock;
      });
      expect(edited, 'a reworded clause').toBeGreaterThan(0);
      expect(handwritten, 'a provision added by hand').toBeGreaterThan(0);
      const status = definitionsStatus(doc, lib);
      expect(status.undefinedTerms).toEqual([]);
      expect(documentText(doc, profile)).not.toContain('[missing reference]');
    });
  }
});
