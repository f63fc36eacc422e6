import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newProject, serializeProject, updateProject, type Project } from '../../core/document/project';
import { nodeFs, readProjectFile, writeProjectFile, ProjectFileError, type ProjectFs } from '../../core/node/project-files';
import { moveSection } from '../../core/document/commands';
import { composeFixture, fixtureLibrary, fixtureProfile, run, stateOf } from '../fixtures/document/helpers';

const lib = fixtureLibrary();
const NOW = '2026-10-01T12:00:00.000Z';

function project(): Project {
  return newProject({ doc: composeFixture(lib).doc, profile: fixtureProfile(lib), template: 'fixture-city', preset: 'baseline', libraryVersion: lib.info.version, now: NOW });
}

function edited(p: Project): Project {
  const s = run(stateOf(p.doc), moveSection('oversight', 'up'));
  return updateProject(p, s.doc, '2026-10-02T09:00:00.000Z');
}

type Step = 'open' | 'writeFile' | 'sync' | 'rename' | 'copyFile' | 'stat';

/** The real file system, except that `step` fails with `code` (the `nth` time it runs on a temp or target file). */
function faulty(step: Step, code: string, nth = 1): ProjectFs & { calls: string[] } {
  let count = 0;
  const calls: string[] = [];
  const fail = (what: string) => {
    calls.push(what);
    if (what.startsWith(step) && ++count === nth) throw Object.assign(new Error(`${code}: injected`), { code });
  };
  return {
    calls,
    readFile: (p, enc) => nodeFs.readFile(p, enc),
    stat: async (p) => {
      fail(`stat ${p}`);
      return nodeFs.stat(p);
    },
    open: async (p, flags, mode) => {
      if (flags === 'r') return nodeFs.open(p, flags, mode); // flushing the folder
      fail(`open ${p}`);
      const fh = await nodeFs.open(p, flags, mode);
      return {
        writeFile: async (d, e) => {
          fail('writeFile');
          // a full disk typically fails after part of the data is written
          await fh.writeFile(d.slice(0, d.length / 2), e);
        },
        sync: async () => {
          fail('sync');
          await fh.sync();
        },
        close: () => fh.close(),
      };
    },
    rename: async (a, b) => {
      fail(`rename ${b}`);
      return nodeFs.rename(a, b);
    },
    copyFile: async (a, b) => {
      fail(`copyFile ${b}`);
      return nodeFs.copyFile(a, b);
    },
    unlink: (p) => nodeFs.unlink(p),
  };
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ordwright-project-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeProjectFile / readProjectFile', () => {
  it('writes, keeps the previous version as .bak, and reads back the same document', async () => {
    const path = join(dir, 'draft.ordinance.json');
    const first = project();
    await writeProjectFile(path, first);
    expect(readdirSync(dir)).toEqual(['draft.ordinance.json']);
    const second = edited(first);
    await writeProjectFile(path, second);
    expect(readdirSync(dir).sort()).toEqual(['draft.ordinance.json', 'draft.ordinance.json.bak']);
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(serializeProject(first));
    const { project: loaded, warnings } = await readProjectFile(path, { library: lib });
    expect(loaded.doc.eq(second.doc)).toBe(true);
    expect(warnings).toEqual([]);
  });

  for (const [step, code, pattern] of [
    ['open', 'EACCES', /permission denied/],
    ['open', 'EROFS', /read-only/],
    ['writeFile', 'ENOSPC', /the disk is full/],
    ['sync', 'EIO', /could not write the file \(EIO\)/],
    ['copyFile', 'ENOSPC', /the disk is full/],
    ['rename', 'EROFS', /read-only/],
  ] as const) {
    it(`${code} during ${step}: a clear error, the old file intact, no temporary files left`, async () => {
      const path = join(dir, 'draft.ordinance.json');
      await writeProjectFile(path, project());
      await writeProjectFile(path, project()); // now a .bak exists too
      const before = readFileSync(path, 'utf8');
      const bakBefore = readFileSync(`${path}.bak`, 'utf8');
      const fs = faulty(step, code);
      const err = await writeProjectFile(path, edited(project()), { fs }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ProjectFileError);
      const e = err as ProjectFileError;
      expect(e.message).toMatch(pattern);
      expect(e.message).toContain(path);
      expect(e.message).toMatch(/previous version of the file is intact/);
      expect(readFileSync(path, 'utf8')).toBe(before);
      expect(readFileSync(`${path}.bak`, 'utf8')).toBe(bakBefore);
      expect(readdirSync(dir).sort()).toEqual(['draft.ordinance.json', 'draft.ordinance.json.bak']);
      expect(fs.calls.some((c) => c.startsWith(step))).toBe(true);
    });
  }

  it('a failure on the final rename after the backup was refreshed still leaves the old file in place', async () => {
    const path = join(dir, 'draft.ordinance.json');
    await writeProjectFile(path, project());
    const before = readFileSync(path, 'utf8');
    // the first rename moves the backup into place, the second would replace the file
    const fs = faulty('rename', 'EACCES', 2);
    await expect(writeProjectFile(path, edited(project()), { fs })).rejects.toThrow(/permission denied/);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  // root ignores permissions, so this only runs as an ordinary user (the injected faults above run everywhere)
  it.skipIf(process.getuid?.() === 0)('refuses to write into a read-only folder (real permissions)', async () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    const path = join(ro, 'draft.ordinance.json');
    await writeProjectFile(path, project());
    chmodSync(ro, 0o555);
    try {
      await expect(writeProjectFile(path, edited(project()))).rejects.toMatchObject({ code: 'EACCES' });
      expect(readFileSync(path, 'utf8')).toBe(serializeProject(project()));
    } finally {
      chmodSync(ro, 0o755);
    }
  });

  it('read errors say what is wrong with which file', async () => {
    await expect(readProjectFile(join(dir, 'missing.ordinance.json'))).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringMatching(/missing\.ordinance\.json: no such file/) });
    await expect(readProjectFile(dir)).rejects.toMatchObject({ code: 'EISDIR' });
    const bad = join(dir, 'bad.ordinance.json');
    writeFileSync(bad, serializeProject(project()).replace('"type": "heading"', '"type": "haeding"'));
    const e = await readProjectFile(bad).then(
      () => null,
      (x: unknown) => x as ProjectFileError,
    );
    expect(e?.code).toBe('EINVALID');
    expect(e?.message).toMatch(/bad\.ordinance\.json: not a valid Ordwright project:\ndoc\.content\[\d+\]\.content\[0\]: unknown node type "haeding"/);
    expect(e?.issues[0]?.path).toMatch(/^doc\.content\[\d+\]\.content\[0\]$/);
  });
});
