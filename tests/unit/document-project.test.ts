import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveSection, splitProvision } from '../../core/document/commands';
import {
  FORMAT_VERSION,
  lineColumn,
  newProject,
  parseProject,
  serializeProject,
  updateProject,
  type Project,
  type ProjectError,
} from '../../core/document/project';
import type { Provenance } from '../../core/document/schema';
import { composeFixture, cursorIn, fixtureLibrary, fixtureProfile, run, stateOf } from '../fixtures/document/helpers';

const lib = fixtureLibrary();
const profile = fixtureProfile(lib);
const NOW = '2026-10-01T12:00:00.000Z';

function project(): Project {
  return newProject({ doc: composeFixture(lib).doc, profile, template: 'fixture-city', preset: 'baseline', libraryVersion: lib.info.version, now: NOW });
}

function fileJson(): Record<string, unknown> {
  return JSON.parse(serializeProject(project())) as Record<string, unknown>;
}

function failure(text: string): ProjectError {
  const r = parseProject(text, { library: lib });
  if (r.ok) throw new Error('expected the project to be rejected');
  return r.error;
}

describe('project files: save and load', () => {
  it('round trip save -> load gives an identical document, also after edits', () => {
    let s = stateOf(composeFixture(lib, { presetId: 'strong' }).doc);
    s = run(s, moveSection('oversight', 'up'));
    s = run(cursorIn(s, 'sharing-limits/4', 10), splitProvision());
    const p = updateProject(project(), s.doc, NOW);
    const text = serializeProject(p);
    const r = parseProject(text, { library: lib });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.project.doc.eq(s.doc)).toBe(true);
    expect(r.project.profile).toEqual(profile);
    expect(r.project.metadata).toEqual(p.metadata);
    expect(r.warnings).toEqual([]);
    // same project, same bytes
    expect(serializeProject(r.project)).toBe(text);
  });

  it('writes pretty JSON with a stable key order and a final newline', () => {
    const text = serializeProject(project());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "format": "ordwright-project",');
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual(['format', 'formatVersion', 'metadata', 'template', 'preset', 'profile', 'exportOptions', 'doc']);
    // key order does not depend on the order the object was built in
    const p = project();
    const shuffled = { ...p, exportOptions: { zeta: 1, alpha: 2 }, profile: { values: p.profile.values, kind: p.profile.kind, name: p.profile.name, id: p.profile.id } };
    const again = { ...p, exportOptions: { alpha: 2, zeta: 1 } };
    expect(serializeProject(shuffled)).toBe(serializeProject(again));
  });

  it('keeps a profile that still lacks values', () => {
    const p = { ...project(), profile: { id: 'new-town', name: 'New Town', kind: 'city' as const, values: { jurisdiction_name: 'New Town' } } };
    const r = parseProject(serializeProject(p));
    expect(r.ok && r.project.profile.values).toEqual({ jurisdiction_name: 'New Town' });
  });
});

describe('project files: bad input gets a clear error, never a half-loaded project', () => {
  it('not JSON: names line and column', () => {
    const text = serializeProject(project()).replace('"preset": "baseline",', '"preset": "baseline"');
    const e = failure(text);
    expect(e.path).toBe('');
    const line = text.split('\n').findIndex((l) => l.includes('"profile": {')) + 1;
    expect(e.message).toMatch(new RegExp(`^not valid JSON at line ${line}, column \\d+`));
    expect(failure('').message).toMatch(/not valid JSON at line 1, column 1: .*\(the file is empty\)/);
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('not a project: names the format', () => {
    expect(failure('[1, 2]').message).toMatch(/expected a project object, found an array/);
    expect(failure('{"format": "something-else"}').message).toBe('format: not an Ordwright project file (format is "something-else", expected "ordwright-project")');
  });

  it('wrong shape: names each path', () => {
    const j = fileJson();
    (j.metadata as Record<string, unknown>).createdAt = 'yesterday';
    (j.profile as Record<string, unknown>).kind = 'village';
    (j.profile as { values: Record<string, unknown> }).values.mayor_name = 'X';
    j.exportOption = {};
    const e = failure(JSON.stringify(j));
    const paths = e.issues.map((i) => i.path);
    expect(paths).toContain('metadata.createdAt');
    expect(paths).toContain('profile.kind');
    expect(e.issues.find((i) => i.path === 'profile.values')?.message).toMatch(/mayor_name/);
    expect(e.issues.find((i) => i.path === '')?.message).toBe('unknown key "exportOption"');
  });

  it('unknown node type: names the node', () => {
    const j = fileJson();
    const doc = j.doc as { content: { type: string; content: { type: string }[] }[] };
    const idx = doc.content.findIndex((n) => n.type === 'section');
    doc.content[idx]!.content[1]!.type = 'sectoin';
    const e = failure(JSON.stringify(j));
    expect(e.message).toBe(`doc.content[${idx}].content[1]: unknown node type "sectoin"`);
    expect(e.path).toBe(`doc.content[${idx}].content[1]`);
  });

  it('invalid document: content rules, marks, attributes, ids and provenance, each with its path', () => {
    const j = fileJson();
    const doc = j.doc as { content: Record<string, unknown>[] };
    const sIdx = doc.content.findIndex((n) => n.type === 'section');
    const section = doc.content[sIdx] as { content: Record<string, unknown>[]; attrs: Record<string, unknown> };
    // a section without its heading
    const withoutHeading = { ...section, content: section.content.slice(1) };
    const j1 = { ...j, doc: { ...doc, content: doc.content.map((n, i) => (i === sIdx ? withoutHeading : n)) } };
    expect(failure(JSON.stringify(j1)).message).toMatch(new RegExp(`^doc\\.content\\[${sIdx}\\]: invalid content for a section node: expected heading provision\\*, found provision`));
    // no sections at all
    const j2 = { ...j, doc: { ...doc, content: doc.content.filter((n) => n.type !== 'section') } };
    expect(failure(JSON.stringify(j2)).message).toMatch(/^doc: invalid content for a doc node/);
    // duplicate id
    const dup = { ...section, attrs: { ...section.attrs } };
    const other = doc.content[sIdx + 1] as { attrs: Record<string, unknown> };
    other.attrs = { ...other.attrs, id: section.attrs.id };
    const e3 = failure(JSON.stringify({ ...j, doc: { ...doc, content: doc.content.map((n, i) => (i === sIdx ? dup : n)) } }));
    expect(e3.message).toBe(`doc.content[${sIdx + 1}].attrs.id: duplicate id "${String(section.attrs.id)}" (also at doc.content[${sIdx}].attrs.id)`);
  });

  it('invalid attributes, marks and provenance', () => {
    const base = serializeProject(project());
    expect(failure(base.replace('"role": "operative"', '"role": "operative", "colour": "red"')).message).toMatch(/\.attrs\.colour: unknown attribute "colour" for a section node/);
    expect(failure(base.replace('"type": "term"', '"type": "bold"')).message).toMatch(/\.marks\[0\]: unknown mark type "bold"/);
    expect(failure(base.replace(/"hash": "[0-9a-f]{16}"/, '"hash": "xyz"')).message).toMatch(/\.attrs\.prov\.hash: must be 16 hex digits/);
    expect(failure(base.replace(/"key": "ordinance_number"/, '"kee": "ordinance_number"')).message).toMatch(/unknown attribute "kee" for a placeholder node/);
    expect(failure(base.replace('"text": "ORDINANCE NO. "', '"text": ""')).message).toMatch(/doc\.content\[0\]\.content\[0\]\.text: a text node needs non-empty text/);
  });

  it('a newer format version is refused with an explanation', () => {
    const j = { ...fileJson(), formatVersion: FORMAT_VERSION + 1 };
    expect(failure(JSON.stringify(j)).message).toMatch(/^formatVersion: the file was written by a newer Ordwright \(format version 2\)/);
  });

  it('unknown clauses in provenance, unknown placeholders and dangling references are warnings (the text is kept)', () => {
    const base = serializeProject(project());
    const text = base.replace('"clause": "severability"', '"clause": "retired-clause"').replace('"key": "clerk"', '"key": "town_crier"').replace('"target": "oversight"', '"target": "gone"');
    const r = parseProject(text, { library: lib });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const messages = r.warnings.map((w) => `${w.path}: ${w.message}`);
    expect(messages.some((m) => /attrs\.prov\.clause: clause "retired-clause" is not in the clause library 1\.0\.0/.test(m))).toBe(true);
    expect(messages.some((m) => /unknown placeholder key "town_crier"/.test(m))).toBe(true);
    expect(messages.some((m) => /cross-reference to "gone"/.test(m))).toBe(true);
    // without a library, nothing about clauses is claimed
    const r2 = parseProject(text);
    expect(r2.ok && r2.warnings.some((w) => /retired-clause/.test(w.message))).toBe(false);
  });
});

describe('project files: migration', () => {
  const v0 = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'document', 'v0-project.json'), 'utf8');

  it('migrates a format version 0 file to the current version', () => {
    const r = parseProject(v0, { library: lib });
    if (!r.ok) throw r.error;
    const p = r.project;
    expect(p.formatVersion).toBe(1);
    expect(p.metadata).toEqual({
      title: 'Fixtureville data firewall (preview draft)',
      createdAt: '2026-09-01T10:00:00.000Z',
      modifiedAt: '2026-09-02T16:30:00.000Z',
      libraryVersion: '0.9.0',
    });
    expect(p.template).toBe('fixture-city');
    expect(p.preset).toBe('baseline');
    expect(p.exportOptions).toEqual({ mode: 'clean' });
    // provenance gained the library version the file recorded once at the top
    let provs = 0;
    p.doc.descendants((n) => {
      const prov = n.attrs.prov as Provenance | null | undefined;
      if (prov) {
        provs++;
        expect(prov.libraryVersion).toBe('0.9.0');
      }
      return true;
    });
    expect(provs).toBeGreaterThan(10);
    // the text is what was composed then
    // (the composer has since learned to join recitals with "; and" / "; now, therefore,": the file keeps its own text)
    const unjoined = (t: string) => t.replace(/; and(?=WHEREAS)/g, ';').replace(/; now, therefore,/g, ';');
    expect(p.doc.textContent).toBe(unjoined(composeFixture(lib).doc.textContent));
    expect(r.warnings.map((w) => w.path)).toEqual(['metadata.libraryVersion']);
    // and it saves as version 1, which loads again without migration
    const again = parseProject(serializeProject(p));
    expect(again.ok && again.project.doc.eq(p.doc)).toBe(true);
    expect(serializeProject(p)).toContain('"formatVersion": 1');
  });

  it('a broken version 0 file names the version 0 field', () => {
    const j = JSON.parse(v0) as Record<string, unknown>;
    delete j.created;
    const e = failure(JSON.stringify(j));
    expect(e.path).toBe('created');
    expect(e.message).toMatch(/format version 0/);
  });
});
