import JSZip from 'jszip';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clauseToYaml, readZipPack, type PackFile } from '../../core/clause-pack';
import { parseProject, serializeProject } from '../../core/document/project';
import { jsonNestingDepth } from '../../core/host';
import { PackError, createUserLibrary } from '../../core/node/user-library';
import { ProjectFileError, nodeFs, readProjectFile, type ProjectFs } from '../../core/node/project-files';
import { sampleClause } from '../contract/host-contract';
import { sampleProjectText } from '../contract/sample-project';

/**
 * Malformed files, generated from a fixed seed (the same cases every run): at least
 * 1,000 project files and 1,000 clause packs. Each must be refused with a clear error
 * that names the file and the place in it, and never crash the reader or load half.
 *
 * A random mutation now and then still yields a valid file; such a case must then load
 * completely (and it is not counted as malformed).
 */

/** mulberry32: small, fast, and good enough to pick mutations. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof prng>;

const SEED = 0x0dd0a11;

// ---------------------------------------------------------------------------------
// Project files

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every [container, key] in a JSON tree (for picking a place to break). */
function places(root: Json): [Json[] | Record<string, Json>, string | number][] {
  const out: [Json[] | Record<string, Json>, string | number][] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push([v, i]);
        walk(x);
      });
    }
    else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push([v, k]);
        walk(v[k]!);
      }
    }
  };
  walk(root);
  return out;
}

const OTHER_VALUES: Json[] = [null, true, false, 0, -1, 1.5, 1e308, '', 'x', 'section', [], [null], {}, { type: 'paragraph' }, { type: 'nope' }, '\u0000', '🙂'.repeat(3)];

function sampleWithSections(n: number): string {
  const base = JSON.parse(sampleProjectText('fuzz')) as { doc: { content: Json[] } };
  const section = base.doc.content[3]!;
  for (let i = 2; i <= n; i++) {
    const copy = JSON.parse(JSON.stringify(section).replaceAll('"s1', `"s${i}`)) as Json;
    base.doc.content.push(copy);
  }
  return JSON.stringify(base, null, 2);
}

interface ProjectCase {
  kind: string;
  text: string;
}

function projectCases(rng: Rng): ProjectCase[] {
  const valid = sampleWithSections(3);
  const cases: ProjectCase[] = [];
  // truncated JSON
  for (let i = 0; i < 200; i++) cases.push({ kind: 'truncated', text: valid.slice(0, rng.int(valid.length - 1)) });
  // a value of the wrong type somewhere in the tree
  for (let i = 0; i < 300; i++) {
    const tree = JSON.parse(valid) as Json;
    const all = places(tree);
    const [container, key] = rng.pick(all);
    (container as Record<string | number, Json>)[key] = rng.pick(OTHER_VALUES);
    cases.push({ kind: 'wrong type', text: JSON.stringify(tree) });
  }
  // a key removed, or one added
  for (let i = 0; i < 120; i++) {
    const tree = JSON.parse(valid) as Json;
    const objects = places(tree).filter(([c]) => !Array.isArray(c));
    const [container, key] = rng.pick(objects);
    if (rng.next() < 0.5) delete (container as Record<string, Json>)[key as string];
    else (container as Record<string, Json>)[`extra${rng.int(100)}`] = rng.pick(OTHER_VALUES);
    cases.push({ kind: 'key removed or added', text: JSON.stringify(tree) });
  }
  // random character mutations
  const alphabet = '{}[]",:0123456789abcdefghijklmnopqrstuvwxyz \n\\\u0000é🙂';
  for (let i = 0; i < 300; i++) {
    const chars = [...valid];
    const n = 1 + rng.int(8);
    for (let k = 0; k < n; k++) {
      const at = rng.int(chars.length);
      const op = rng.int(3);
      if (op === 0) chars.splice(at, 1);
      else if (op === 1) chars.splice(at, 0, rng.pick([...alphabet]));
      else chars[at] = rng.pick([...alphabet]);
    }
    cases.push({ kind: 'mutated', text: chars.join('') });
  }
  // deep nesting, in the document and in free-form options
  for (let i = 0; i < 30; i++) {
    const depth = 400 + rng.int(20000);
    if (i % 2) {
      cases.push({ kind: 'deep array', text: valid.replace('"exportOptions": {}', `"exportOptions": {"x": ${'['.repeat(depth)}${']'.repeat(depth)}}`) });
    } else {
      let node = '{"type":"paragraph"}';
      for (let d = 0; d < depth / 2; d++) node = `{"type":"provision","attrs":{"id":"p${d}"},"content":[${node}]}`;
      const tree = JSON.parse(valid) as { doc: { content: Json[] } };
      cases.push({ kind: 'deep document', text: JSON.stringify(tree).replace('"content":[{"type":"title"', `"content":[${node},{"type":"title"`) });
    }
  }
  // huge strings where a short one belongs
  for (let i = 0; i < 20; i++) {
    const tree = JSON.parse(valid) as Json;
    const strings = places(tree).filter(([c, k]) => typeof (c as Record<string | number, Json>)[k] === 'string' && ['type', 'format', 'id', 'kind', 'createdAt'].includes(String(k)));
    const [container, key] = rng.pick(strings);
    (container as Record<string | number, Json>)[key] = 'x'.repeat(100_000 + rng.int(2_000_000));
    cases.push({ kind: 'huge string', text: JSON.stringify(tree) });
  }
  // documents that are JSON and shaped like a project but break the ordinance schema
  const docBreakers: ((doc: { content: Json[] }) => void)[] = [
    (d) => {
      ((d.content[3] as { type: string }).type = 'sectoin');
    },
    (d) => {
      delete (d.content[3] as { attrs?: unknown }).attrs;
    },
    (d) => {
      (d.content[4] as { attrs: { id: string } }).attrs.id = 's1';
    },
    (d) => {
      d.content.splice(0, 1);
    },
    (d) => {
      d.content.unshift({ type: 'text', text: 'loose' });
    },
    (d) => {
      (d.content[3] as { content: Json[] }).content.splice(0, 1);
    },
    (d) => {
      (d.content[3] as { content: Json[] }).content.push({ type: 'heading', content: [{ type: 'text', text: 'second heading' }] });
    },
    (d) => {
      ((d.content[0] as { content: Json[] }).content = [{ type: 'text', text: '' }]);
    },
    (d) => {
      ((d.content[0] as { content: Json[] }).content = [{ type: 'text', text: 'x', marks: [{ type: 'bold-ish' }] }]);
    },
    (d) => {
      (d.content[3] as { attrs: Record<string, Json> }).attrs.prov = { clause: 'c', variant: 'v', libraryVersion: '1', hash: 'not-hex' };
    },
    (d) => {
      (d.content[3] as { attrs: Record<string, Json> }).attrs.role = 'decorative';
    },
    (d) => {
      (d.content[3] as { attrs: Record<string, Json> }).attrs.colour = 'red';
    },
    (d) => {
      (d.content[3] as Record<string, Json>).text = 'stray';
    },
    (d) => {
      ((d.content[3] as { content: Json[] }).content[1] = { type: 'provision', attrs: { id: 7 }, content: [{ type: 'paragraph' }] });
    },
  ];
  for (let i = 0; i < 150; i++) {
    const tree = JSON.parse(valid) as { doc: { content: Json[] } };
    const apply = (f: (doc: { content: Json[] }) => void) => {
      try {
        f(tree.doc);
      } catch {
        // this change no longer applies after an earlier one (the node is gone)
      }
    };
    apply(rng.pick(docBreakers));
    if (rng.next() < 0.3) apply(rng.pick(docBreakers));
    cases.push({ kind: 'invalid document', text: JSON.stringify(tree) });
  }
  // not a project at all
  for (const text of ['', ' ', 'null', '[]', '"project"', '42', '{}', '{"format":"ordwright-project"}', '{"format":"other","formatVersion":1}', '\uFEFF{', '{"format":"ordwright-project","formatVersion":99}', '{"format":"ordwright-project","formatVersion":-1}', '{"format":"ordwright-project","version":0}']) {
    cases.push({ kind: 'not a project', text });
  }
  return cases;
}

/** A file system that serves `text` for any path (reading 1,000 cases from memory). */
const memoryFs = (text: string): ProjectFs => ({ ...nodeFs, readFile: async () => text });

// ---------------------------------------------------------------------------------
// Clause packs

function packCases(rng: Rng): { kind: string; files: PackFile[] }[] {
  const good = (id: string) => clauseToYaml(sampleClause(id, `Title ${id}`));
  const validYaml = good('my-base');
  const cases: { kind: string; files: PackFile[] }[] = [];
  const withBad = (kind: string, bad: PackFile) => {
    // the bad file among good ones: the good ones must not be imported either
    const files = [{ file: `pack/my-good-${rng.int(1e6)}.yaml`, text: good(`my-good-${cases.length}`) }, bad];
    if (rng.next() < 0.5) files.reverse();
    cases.push({ kind, files });
  };
  // YAML syntax: truncations and character mutations
  for (let i = 0; i < 200; i++) withBad('truncated yaml', { file: 'pack/bad.yaml', text: validYaml.slice(0, rng.int(validYaml.length - 1)) });
  const alphabet = ':-[]{}"\'\t\n #&*!|>%@`,?0aZ';
  for (let i = 0; i < 250; i++) {
    const chars = [...validYaml];
    for (let k = 0, n = 1 + rng.int(6); k < n; k++) {
      const at = rng.int(chars.length);
      const op = rng.int(3);
      if (op === 0) chars.splice(at, 1);
      else if (op === 1) chars.splice(at, 0, rng.pick([...alphabet]));
      else chars[at] = rng.pick([...alphabet]);
    }
    withBad('mutated yaml', { file: 'pack/mutated.yaml', text: chars.join('') });
  }
  // wrong types and missing fields
  const fields = ['id', 'title', 'kind', 'topic', 'suits', 'variants', 'commentary', 'requires', 'modelledOn'];
  const values: unknown[] = [null, 42, true, 'x', [], {}, [1, 2], { a: 1 }, 'Not A Slug'];
  for (let i = 0; i < 250; i++) {
    const c = JSON.parse(JSON.stringify(sampleClause(`my-typed-${i}`))) as Record<string, unknown>;
    const f = rng.pick(fields);
    if (rng.next() < 0.3) delete c[f];
    else c[f] = rng.pick(values);
    if (rng.next() < 0.3) (c.variants as unknown[])?.splice?.(0, 1, { id: 'v', strength: 'huge' });
    withBad('wrong type', { file: `pack/${f}.yaml`, text: clauseToYaml(c as never) });
  }
  // ids: duplicates across files, an id already in the library
  for (let i = 0; i < 100; i++) {
    const id = `my-dup-${i}`;
    cases.push({ kind: 'duplicate id', files: [{ file: `a/${id}.yaml`, text: good(id) }, { file: `b/${id}.yaml`, text: good(id) }] });
  }
  for (let i = 0; i < 50; i++) withBad('id already in library', { file: 'pack/existing.yaml', text: good('my-existing') });
  // unknown placeholders in the text
  for (let i = 0; i < 100; i++) {
    const key = `no_such_${rng.int(1e6)}`;
    withBad('unknown placeholder', { file: 'pack/placeholder.yaml', text: clauseToYaml(sampleClause(`my-ph-${i}`, 'Placeholder', `The {${key}} shall report.`)) });
  }
  // YAML that expands without end, nests very deep, or is not a mapping
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 9 }, (_, k) => `${String.fromCharCode(98 + k)}: &${String.fromCharCode(98 + k)} [${Array(9).fill(`*${String.fromCharCode(97 + k)}`).join(',')}]`)].join('\n');
  for (let i = 0; i < 10; i++) withBad('alias bomb', { file: 'pack/laughs.yaml', text: laughs });
  for (let i = 0; i < 10; i++) withBad('deep yaml', { file: 'pack/deep.yaml', text: `${'['.repeat(2000 + rng.int(20000))}` });
  for (let i = 0; i < 10; i++) {
    let provisions = '{"text": "deep"}';
    for (let d = 0; d < 3000 + rng.int(5000); d++) provisions = `{"text": "x", "children": [${provisions}]}`;
    withBad('deep provisions', { file: 'pack/deep-provisions.yaml', text: validYaml.replace(/provisions:\n[\s\S]*?\ncommentary:/, `provisions: [${provisions}]\ncommentary:`) });
  }
  for (const text of ['', '---', '- a\n- b', 'just text', '42', 'null', '~']) withBad('not a clause', { file: 'pack/other.yaml', text });
  // a huge string where a short one belongs
  for (let i = 0; i < 5; i++) withBad('huge file', { file: 'pack/huge.yaml', text: validYaml.replace('title: Title my-base', `title: ${'x'.repeat(1_100_000)}`) });
  return cases;
}

async function zipCases(rng: Rng): Promise<{ kind: string; name: string; bytes: Uint8Array }[]> {
  const zip = new JSZip();
  zip.file('pack/my-z1.yaml', clauseToYaml(sampleClause('my-z1')));
  zip.file('pack/my-z2.yaml', clauseToYaml(sampleClause('my-z2')));
  const valid = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  const out: { kind: string; name: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < 60; i++) out.push({ kind: 'truncated zip', name: `t${i}.zip`, bytes: valid.slice(0, rng.int(valid.length - 1)) });
  for (let i = 0; i < 60; i++) {
    const b = valid.slice();
    for (let k = 0, n = 1 + rng.int(4); k < n; k++) b[rng.int(b.length)] = rng.int(256);
    out.push({ kind: 'corrupted zip', name: `c${i}.zip`, bytes: b });
  }
  const latin = new JSZip();
  latin.file('my-latin.yaml', new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0xe9, 0xe8]));
  out.push({ kind: 'not UTF-8', name: 'latin.zip', bytes: await latin.generateAsync({ type: 'uint8array' }) });
  const empty = new JSZip();
  empty.file('README.md', 'no clauses here');
  out.push({ kind: 'no clauses', name: 'empty.zip', bytes: await empty.generateAsync({ type: 'uint8array' }) });
  const bomb = new JSZip();
  bomb.file('my-bomb.yaml', 'a'.repeat(8 * 1024 * 1024));
  out.push({ kind: 'zip bomb', name: 'bomb.zip', bytes: await bomb.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) });
  return out;
}

// ---------------------------------------------------------------------------------

describe('fuzz: malformed project files', () => {
  const cases = projectCases(prng(SEED));

  it(`${cases.length} generated files: each is refused clearly (file and place named) or, if still valid, loads whole`, async () => {
    const file = '/drafts/Fuzzed town.ordinance.json';
    let refused = 0;
    const byKind = new Map<string, number>();
    for (const [n, c] of cases.entries()) {
      const where = `case ${n} (${c.kind})`;
      let result: Awaited<ReturnType<typeof readProjectFile>> | null = null;
      let error: unknown = null;
      try {
        result = await readProjectFile(file, { fs: memoryFs(c.text) });
      } catch (e) {
        error = e;
      }
      if (result) {
        // still a valid project: then it is complete, and saves to a file that loads the same
        const again = parseProject(serializeProject(result.project));
        expect(again.ok, where).toBe(true);
        continue;
      }
      expect(error, where).toBeInstanceOf(ProjectFileError);
      const e = error as ProjectFileError;
      expect(e.code, where).toBe('EINVALID');
      expect(e.message.startsWith(`${file}: `), where).toBe(true);
      expect(e.message.length, where).toBeLessThan(20_000);
      expect(e.issues.length, where).toBeGreaterThan(0);
      // the place: a JSON path, or for text that is not JSON the line and column
      const placed = e.issues.every((i) => i.path !== '' || /line \d+, column \d+|nests more than|not an Ordwright project|expected a project object|format version|unknown keys? "/i.test(i.message));
      expect(placed, `${where}: ${e.message.slice(0, 300)}`).toBe(true);
      refused++;
      byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
    }
    expect(refused).toBeGreaterThanOrEqual(1000);
    // every kind of damage was exercised and caught
    for (const kind of ['truncated', 'wrong type', 'key removed or added', 'mutated', 'deep array', 'deep document', 'huge string', 'invalid document', 'not a project']) {
      expect(byKind.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it('the depth check counts only real nesting (brackets in strings do not count)', () => {
    expect(jsonNestingDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonNestingDepth('{"a":"\\"[[["}')).toBe(1);
    expect(jsonNestingDepth('[[[]],[]]')).toBe(3);
    expect(jsonNestingDepth(sampleProjectText('x'))).toBeLessThan(20);
  });
});

describe('fuzz: malformed clause packs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ordwright-fuzz-packs-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('1,000+ generated packs: each is refused naming the file and field, and the library never changes', async () => {
    const rng = prng(SEED + 1);
    const lib = createUserLibrary({ dir });
    await lib.save(sampleClause('my-existing', 'Existing'));
    const before = (await readdir(join(dir, 'clauses'))).sort();
    const cases = packCases(rng);
    const zips = await zipCases(rng);
    let refused = 0;

    for (const [n, c] of cases.entries()) {
      const where = `pack case ${n} (${c.kind})`;
      const e = await lib.importPack(c.files, { packName: `fuzz-${n}.zip` }).then(
        () => null,
        (x: unknown) => x,
      );
      if (e === null) {
        // a mutation that left a valid clause: then the whole pack went in; take it out again
        for (const f of c.files) {
          const id = /^id: (.*)$/m.exec(f.text)?.[1];
          if (id) await lib.remove(id.trim()).catch(() => undefined);
        }
        continue;
      }
      expect(e, where).toBeInstanceOf(PackError);
      const err = e as PackError;
      expect(err.issues.length, where).toBeGreaterThan(0);
      for (const i of err.issues) {
        expect(c.files.map((f) => f.file), `${where}: ${i.file}`).toContain(i.file);
        // a field for schema problems; for a file that is not YAML at all, the line and column or a reason
        const placed = i.field !== '' || /not valid YAML|not a readable clause file|larger than|not UTF-8|must hold one clause/.test(i.message);
        expect(placed, `${where}: ${i.file} ${i.message}`).toBe(true);
      }
      expect(err.message, where).toContain(err.issues[0]!.file);
      expect(err.message.length, where).toBeLessThan(10_000);
      expect((await readdir(join(dir, 'clauses'))).sort(), where).toEqual(before);
      refused++;
    }

    for (const z of zips) {
      const r = await readZipPack(z.bytes, z.name);
      if (r.ok) {
        // a corruption JSZip does not notice (in a part it ignores) must still yield whole, valid clauses
        const imported = await lib.importPack(r.files, { packName: z.name }).then(
          (x) => x,
          (x: unknown) => x,
        );
        if (imported instanceof PackError) {
          expect(imported.issues.every((i) => i.file.startsWith(`${z.name}/`) || i.file === z.name), z.kind).toBe(true);
          refused++;
        } else if (!(imported instanceof Error)) {
          for (const id of (imported as { imported: string[] }).imported) await lib.remove(id);
        }
        continue;
      }
      expect(r.issues.length, z.kind).toBeGreaterThan(0);
      for (const i of r.issues) expect(i.file === z.name || i.file.startsWith(`${z.name}/`), `${z.kind}: ${i.file}`).toBe(true);
      refused++;
    }
    expect((await readdir(join(dir, 'clauses'))).sort()).toEqual(before);
    expect(refused).toBeGreaterThanOrEqual(1000);
    // nothing of any staging is left
    expect((await readdir(dir)).sort()).toEqual(['clauses']);
  });
});
