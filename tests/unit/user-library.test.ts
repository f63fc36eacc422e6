import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clauseToYaml, readZipPack, userClauseId, newUserClause, slugify, type PackFile } from '../../core/clause-pack';
import { parseYamlFile } from '../../core/library/parse';
import { Clause } from '../../core/schema/clause';
import { ClauseConflictError, PackError, createUserLibrary, readFolderPack } from '../../core/node/user-library';
import { createLibraryHost, readPackAt } from '../../electron/library-host';
import { faultFs } from '../contract/fault-fs';
import { sampleClause, zipPack } from '../contract/host-contract';

const pack = (...ids: string[]): PackFile[] => ids.map((id) => ({ file: `pack/${id}.yaml`, text: clauseToYaml(sampleClause(id, `Title of ${id}`)) }));
const noOneAlive = () => false;

describe('core/node/user-library', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ordwright-userlib-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const ids = async (d = dir) => (await createUserLibrary({ dir: d }).list()).items.map((i) => i.clause.id);
  const files = async () => (await readdir(dir)).sort();

  it('saves each clause as <id>.yaml in the library’s own format, lists them by title, deletes them', async () => {
    const lib = createUserLibrary({ dir });
    await lib.save(sampleClause('my-zeta', 'Zeta'));
    const r = await lib.save(sampleClause('my-alpha', 'Alpha'));
    expect(r).toMatchObject({ id: 'my-alpha', replaced: false });
    expect(Number.isNaN(Date.parse(r.savedAt))).toBe(false);
    const text = await readFile(join(dir, 'clauses', 'my-alpha.yaml'), 'utf8');
    // what the clause library itself would read
    const parsed = parseYamlFile('my-alpha.yaml', text, Clause);
    expect(parsed.ok && parsed.value).toEqual(sampleClause('my-alpha', 'Alpha'));
    expect((await lib.list()).items.map((i) => i.clause.title)).toEqual(['Alpha', 'Zeta']);

    await expect(lib.save(sampleClause('my-alpha', 'Other'))).rejects.toBeInstanceOf(ClauseConflictError);
    expect(await lib.save(sampleClause('my-alpha', 'Alpha 2'), { replace: true })).toMatchObject({ replaced: true });
    expect((await lib.list()).items.map((i) => i.clause.title)).toEqual(['Alpha 2', 'Zeta']);

    await lib.remove('my-zeta');
    await lib.remove('my-zeta');
    expect(await ids()).toEqual(['my-alpha']);
    await expect(lib.remove('../../etc/passwd')).rejects.toThrow(/not a clause id/);
  });

  it('a damaged or misnamed file is reported with its file and field; the others still load', async () => {
    const lib = createUserLibrary({ dir });
    await lib.save(sampleClause('my-good', 'Good'));
    await writeFile(join(dir, 'clauses', 'my-broken.yaml'), clauseToYaml(sampleClause('my-broken')).replace(/^title: .*$/m, 'title: 42'));
    await writeFile(join(dir, 'clauses', 'my-renamed.yaml'), clauseToYaml(sampleClause('my-original')));
    await writeFile(join(dir, 'clauses', 'my-binary.yaml'), Buffer.from([0xff, 0xfe, 0x00]));
    await writeFile(join(dir, 'clauses', 'notes.txt'), 'not a clause');
    const { items, problems } = await lib.list();
    expect(items.map((i) => i.clause.id)).toEqual(['my-good']);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: 'clauses/my-broken.yaml', field: 'title', message: expect.any(String) },
        { file: 'clauses/my-renamed.yaml', field: 'id', message: expect.stringContaining('does not match the file name') },
        { file: 'clauses/my-binary.yaml', field: '', message: 'not UTF-8 text' },
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('imports a pack whole; a pack with one bad file, a duplicate id, or an id already there is refused whole', async () => {
    const lib = createUserLibrary({ dir });
    expect(await lib.importPack(pack('my-a', 'my-b'), { packName: 'p.zip' })).toEqual({ imported: ['my-a', 'my-b'], replaced: [] });

    const bad = [...pack('my-c'), { file: 'pack/my-d.yaml', text: 'id: my-d\ntitle: D\n' }];
    const e = await lib.importPack(bad, { packName: 'bad.zip' }).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(PackError);
    expect((e as PackError).issues.every((i) => i.file === 'pack/my-d.yaml')).toBe(true);
    expect((e as PackError).message).toMatch(/pack\/my-d\.yaml at kind: /);
    expect((e as PackError).message).toContain('nothing was changed');

    const dup = [...pack('my-e'), { file: 'other/my-e.yaml', text: clauseToYaml(sampleClause('my-e')) }];
    await expect(lib.importPack(dup, { packName: 'dup' })).rejects.toThrow(/other\/my-e\.yaml at id: duplicate clause id "my-e" \(also in pack\/my-e\.yaml\)/);

    await expect(lib.importPack(pack('my-b', 'my-f'), { packName: 'again' })).rejects.toThrow(/pack\/my-b\.yaml at id: a clause with id "my-b" is already in your library/);
    expect(await ids()).toEqual(['my-a', 'my-b']);
    expect(await lib.importPack(pack('my-b', 'my-f'), { packName: 'again', replace: true })).toEqual({ imported: ['my-b', 'my-f'], replaced: ['my-b'] });
    expect(await ids()).toEqual(['my-a', 'my-b', 'my-f']);
    // nothing of the staging is left
    expect(await files()).toEqual(['clauses']);
  });

  for (const [what, nth] of [
    ['the first move into the library', 1],
    ['the second move', 2],
  ] as const) {
    it(`killed during ${what} (after COMMIT): the next start finishes the import, all of it`, async () => {
      const fs = faultFs({ method: 'rename', path: (p) => p.includes('.import-') && !p.includes('COMMIT') && !p.includes('.tmp'), nth, effect: 'kill' });
      const lib = createUserLibrary({ dir, fs, alive: noOneAlive });
      void lib.importPack(pack('my-a', 'my-b', 'my-c'), { packName: 'p' });
      for (let i = 0; i < 200 && !fs.fired(); i++) await new Promise((r) => setTimeout(r, 5));
      expect(fs.fired()).toBe(true);
      // the next start of the app: a new store on the same folder
      const next = createUserLibrary({ dir, alive: noOneAlive });
      expect((await next.list()).items.map((i) => i.clause.id)).toEqual(['my-a', 'my-b', 'my-c']);
      expect(await files()).toEqual(['clauses']);
    });
  }

  for (const [what, fault] of [
    ['writing the second staged clause', { method: 'writeFile', path: (p: string) => p.endsWith('my-b.yaml'), effect: 'kill' }],
    ['writing COMMIT', { method: 'writeFile', path: (p: string) => p.includes('COMMIT'), effect: 'kill' }],
    ['renaming COMMIT into place', { method: 'rename', path: (p: string) => p.includes('COMMIT'), effect: 'kill' }],
  ] as const) {
    it(`killed while ${what} (before COMMIT): the next start drops the import, none of it`, async () => {
      await createUserLibrary({ dir }).save(sampleClause('my-old', 'Old'));
      const fs = faultFs(fault);
      void createUserLibrary({ dir, fs, alive: noOneAlive }).importPack(pack('my-a', 'my-b', 'my-c'), { packName: 'p' });
      for (let i = 0; i < 200 && !fs.fired(); i++) await new Promise((r) => setTimeout(r, 5));
      expect(fs.fired()).toBe(true);
      const next = createUserLibrary({ dir, alive: noOneAlive });
      expect((await next.list()).items.map((i) => i.clause.id)).toEqual(['my-old']);
      expect(await files()).toEqual(['clauses']);
      expect(await readdir(join(dir, 'clauses'))).toEqual(['my-old.yaml']);
    });
  }

  for (const code of ['ENOSPC', 'EROFS', 'EACCES']) {
    it(`${code} while staging: the import fails, the library is as it was, no staging left`, async () => {
      await createUserLibrary({ dir }).save(sampleClause('my-old', 'Old'));
      const fs = faultFs({ method: 'writeFile', path: (p) => p.includes('.import-'), nth: 2, effect: 'half', code });
      await expect(createUserLibrary({ dir, fs }).importPack(pack('my-a', 'my-b'), { packName: 'p' })).rejects.toMatchObject({ code });
      expect(await ids()).toEqual(['my-old']);
      expect(await files()).toEqual(['clauses']);
    });
  }

  it('a save that fails halfway (disk full) leaves the old clause file as it was', async () => {
    await createUserLibrary({ dir }).save(sampleClause('my-a', 'Before'));
    const before = await readFile(join(dir, 'clauses', 'my-a.yaml'), 'utf8');
    const fs = faultFs({ method: 'writeFile', effect: 'half', code: 'ENOSPC' });
    await expect(createUserLibrary({ dir, fs }).save(sampleClause('my-a', 'After'), { replace: true })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await readFile(join(dir, 'clauses', 'my-a.yaml'), 'utf8')).toBe(before);
    expect(await readdir(join(dir, 'clauses'))).toEqual(['my-a.yaml']);
  });

  it('exports a zip that reads back as the same clauses; unknown ids are named', async () => {
    const lib = createUserLibrary({ dir });
    await lib.importPack(pack('my-a', 'my-b', 'my-c'), { packName: 'p' });
    const all = await lib.exportPack();
    expect(all.count).toBe(3);
    const back = await readZipPack(all.bytes, 'x.zip');
    expect(back.ok && back.files.map((f) => f.file)).toEqual(['x.zip/clauses/my-a.yaml', 'x.zip/clauses/my-b.yaml', 'x.zip/clauses/my-c.yaml']);
    expect((await lib.exportPack(['my-b'])).count).toBe(1);
    await expect(lib.exportPack(['my-b', 'my-nope'])).rejects.toThrow('Not in your library: my-nope');
  });

  it('reads a folder pack: sub-folders, skips dot files and other files, names a bad file', async () => {
    const folder = join(dir, 'Coalition pack');
    await mkdir(join(folder, 'custody'), { recursive: true });
    await mkdir(join(folder, '.git'));
    await writeFile(join(folder, 'my-a.yaml'), clauseToYaml(sampleClause('my-a')));
    await writeFile(join(folder, 'custody', 'my-b.yml'), clauseToYaml(sampleClause('my-b')));
    await writeFile(join(folder, '.git', 'my-x.yaml'), 'ignored');
    await writeFile(join(folder, 'README.md'), 'ignored');
    const r = await readFolderPack(folder);
    expect(r.ok && r.files.map((f) => f.file)).toEqual(['Coalition pack/custody/my-b.yml', 'Coalition pack/my-a.yaml']);

    await writeFile(join(folder, 'custody', 'my-c.yaml'), Buffer.from([0xc3, 0x28]));
    expect(await readFolderPack(folder)).toEqual({ ok: false, issues: [{ file: 'Coalition pack/custody/my-c.yaml', field: '', message: 'not UTF-8 text' }] });
  });
});

describe('electron/library-host: packs from the desktop’s dialogs', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ordwright-libhost-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a folder chosen in the dialog; a bad folder is refused naming the file and field', async () => {
    const folder = join(dir, 'pack');
    await mkdir(folder);
    await writeFile(join(folder, 'my-a.yaml'), clauseToYaml(sampleClause('my-a')));
    const answers: (string | null)[] = [folder, folder, null];
    const asked: string[] = [];
    const { handlers } = createLibraryHost({
      dir: join(dir, 'library'),
      dialogs: {
        chooseClausePack: async (from) => (asked.push(from), answers.shift() ?? null),
        chooseClausePackTarget: async () => null,
      },
    });
    expect(await handlers.importClausePack({ from: 'folder' })).toEqual({ canceled: false, name: 'pack', imported: ['my-a'], replaced: [] });
    expect(asked).toEqual(['folder']);

    await writeFile(join(folder, 'my-b.yaml'), clauseToYaml(sampleClause('my-b')).replace('strength: baseline', 'strength: fierce'));
    await expect(handlers.importClausePack({ from: 'folder', replace: true })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/pack\/my-b\.yaml at variants\[0\]\.strength: /),
    });
    expect(await handlers.importClausePack({})).toEqual({ canceled: true });
    expect((await handlers.listUserClauses({})).items.map((i) => i.clause.id)).toEqual(['my-a']);
  });

  it('readPackAt: zip, YAML, folder; a zip bomb entry and non-UTF-8 are named', async () => {
    const zip = join(dir, 'p.zip');
    await writeFile(zip, await zipPack({ 'my-a.yaml': clauseToYaml(sampleClause('my-a')) }));
    expect((await readPackAt(zip)).files.map((f) => f.file)).toEqual(['p.zip/my-a.yaml']);
    const yaml = join(dir, 'my-a.yaml');
    await writeFile(yaml, clauseToYaml(sampleClause('my-a')));
    expect((await readPackAt(yaml)).files).toHaveLength(1);
    const bomb = join(dir, 'bomb.zip');
    await writeFile(bomb, await zipPack({ 'my-big.yaml': 'a'.repeat(3 * 1024 * 1024) }));
    await expect(readPackAt(bomb)).rejects.toThrow(/bomb\.zip\/my-big\.yaml: the file is larger than/);
    const latin1 = join(dir, 'l.yaml');
    await writeFile(latin1, Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9]));
    await expect(readPackAt(latin1)).rejects.toThrow(/l\.yaml: not UTF-8 text/);
  });
});

describe('core/clause-pack: making a clause from a drafter’s text', () => {
  it('ids: my-<slug>, never taken, never empty', () => {
    expect(slugify('Notice before a search!')).toBe('notice-before-a-search');
    expect(slugify('Café — données')).toBe('cafe-donnees');
    expect(slugify('§§§')).toBe('clause');
    expect(userClauseId('Notice', new Set())).toBe('my-notice');
    expect(userClauseId('Notice', new Set(['my-notice', 'my-notice-2']))).toBe('my-notice-3');
  });

  it('newUserClause passes the clause schema and claims no coverage', () => {
    const c = newUserClause({ id: 'my-x', title: '  Limits  ', provisions: [{ text: 'An agency shall not.' }] });
    expect(Clause.safeParse(c).success).toBe(true);
    expect(c.title).toBe('Limits');
    expect(c.variants[0]!.satisfies).toEqual({});
    expect(() => newUserClause({ id: 'Bad Id', title: 'x', provisions: [] })).toThrow(/could not be made/);
    const finding = newUserClause({ id: 'my-f', title: 'A finding', kind: 'finding', provisions: [{ text: 'WHEREAS data flows.' }] });
    expect(finding.sources.length).toBe(1);
  });
});
