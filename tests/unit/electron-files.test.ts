import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PROJECT_CHARS } from '../../core/host';
import { parseProject } from '../../core/document/project';
import { createFileHost, decodeUtf8, projectPathFromArgv, projectSavePath, safeFileStem, withExtension, type Dialogs } from '../../electron/files';
import { sampleProjectText as proj } from '../contract/host-contract';

/** The marker text inside a saved project file. */
async function markerIn(path: string): Promise<string> {
  const r = parseProject(await readFile(path, 'utf8'));
  if (!r.ok) throw r.error;
  return r.project.doc.lastChild!.lastChild!.textContent;
}

/** Dialogs that answer from a script; an unscripted question fails the test. */
function scriptedDialogs() {
  const answers: (string | null)[] = [];
  const asked: string[] = [];
  const next = (what: string) => {
    asked.push(what);
    if (answers.length === 0) throw new Error(`unexpected ${what} dialog`);
    return Promise.resolve(answers.shift()!);
  };
  const dialogs: Dialogs = {
    chooseProjectToOpen: () => next('open'),
    chooseProjectSaveTarget: (s) => next(`save:${s}`),
    chooseExportTarget: (s) => next(`export:${s}`),
    chooseImportFile: (e) => next(`import:${e.join(',')}`),
  };
  return { dialogs, answers, asked };
}

describe('electron/files', () => {
  let dir: string;
  let docs: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ordwright-files-'));
    docs = join(dir, 'docs');
    await mkdir(docs);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const make = (d: Dialogs, extra: Partial<Parameters<typeof createFileHost>[0]> = {}) => createFileHost({ userDataDir: join(dir, 'user'), dialogs: d, ...extra });

  it('save as adds the project extension, writes atomically, and becomes the current project', async () => {
    const s = scriptedDialogs();
    const current: (string | null)[] = [];
    const host = make(s.dialogs, { onCurrentChanged: (p) => current.push(p) });
    s.answers.push(join(docs, 'Riverbend'));
    const r = await host.handlers.saveProjectAs({ suggestedName: 'Riverbend: draft/2', text: proj('one') });
    expect(r).toMatchObject({ canceled: false, path: join(docs, 'Riverbend.ordinance.json'), name: 'Riverbend' });
    expect(s.asked).toEqual(['save:Riverbend draft 2.ordinance.json']);
    expect(await readFile(join(docs, 'Riverbend.ordinance.json'), 'utf8')).toBe(proj('one'));
    expect((await readdir(docs)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(host.currentPath()).toBe(join(docs, 'Riverbend.ordinance.json'));
    expect(current).toEqual([join(docs, 'Riverbend.ordinance.json')]);
  });

  it('saves only to the current project: another path is forbidden, and the file is not written', async () => {
    const s = scriptedDialogs();
    const host = make(s.dialogs);
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious');
    await expect(host.handlers.saveProject({ path: victim, text: proj('overwritten') })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await readFile(victim, 'utf8')).toBe('precious');

    s.answers.push(join(docs, 'a.ordinance.json'));
    await host.handlers.saveProjectAs({ text: proj('1') });
    await expect(host.handlers.saveProject({ path: victim, text: proj('overwritten') })).rejects.toMatchObject({ code: 'forbidden' });
    await host.handlers.saveProject({ path: join(docs, 'a.ordinance.json'), text: proj('2') });
    expect(await markerIn(join(docs, 'a.ordinance.json'))).toBe('2');
    // the version before is kept beside it
    expect(await markerIn(join(docs, 'a.ordinance.json.bak'))).toBe('1');

    // after New, even the previous project needs Save As
    await host.handlers.newProject({});
    await expect(host.handlers.saveProject({ path: join(docs, 'a.ordinance.json'), text: proj('3') })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses to save text that is not a valid project, and leaves the file as it was', async () => {
    const s = scriptedDialogs();
    const host = make(s.dialogs);
    s.answers.push(join(docs, 'a'));
    await host.handlers.saveProjectAs({ text: proj('good') });
    for (const bad of ['', '{', '{"format":"ordwright-project"}', proj('x').replace('"type": "section"', '"type": "sectoin"')]) {
      await expect(host.handlers.saveProject({ path: join(docs, 'a.ordinance.json'), text: bad })).rejects.toMatchObject({ code: 'bad-request' });
    }
    expect(await markerIn(join(docs, 'a.ordinance.json'))).toBe('good');
  });

  it('a save into a folder that is gone fails with a clear error', async () => {
    const s = scriptedDialogs();
    const host = make(s.dialogs);
    s.answers.push(join(docs, 'gone', 'a'));
    await expect(host.handlers.saveProjectAs({ text: proj('x') })).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('folder does not exist') });
    expect(host.currentPath()).toBeNull();
  });

  it('opens by path only what the user opened before, saved, or the OS handed over', async () => {
    const s = scriptedDialogs();
    const host = make(s.dialogs);
    const secret = join(dir, 'secret.ordinance.json');
    await writeFile(secret, 'secret');
    await expect(host.handlers.openProject({ path: secret })).rejects.toMatchObject({ code: 'forbidden' });

    host.grantOpen(secret); // e.g. double-clicked in the file manager
    expect(await host.handlers.openProject({ path: secret })).toMatchObject({ canceled: false, text: 'secret', name: 'secret' });

    // and now it is in the recent list, so a fresh host (next launch) may reopen it
    const later = make(scriptedDialogs().dialogs);
    expect(await later.handlers.openProject({ path: secret })).toMatchObject({ text: 'secret' });
  });

  it('reports a missing file, a folder, a too-large file and non-UTF-8 bytes clearly', async () => {
    const s = scriptedDialogs();
    const host = make(s.dialogs);
    s.answers.push(join(docs, 'missing.ordinance.json'));
    await expect(host.handlers.openProject({})).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('missing.ordinance.json') });

    s.answers.push(docs);
    await expect(host.handlers.openProject({})).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('not a file') });

    const big = join(docs, 'big.ordinance.json');
    await writeFile(big, Buffer.alloc(MAX_PROJECT_CHARS + 1, 0x20));
    s.answers.push(big);
    await expect(host.handlers.openProject({})).rejects.toMatchObject({ code: 'too-large' });

    const binary = join(docs, 'binary.ordinance.json');
    await writeFile(binary, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    s.answers.push(binary);
    await expect(host.handlers.openProject({})).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('not UTF-8') });
    expect(host.currentPath()).toBeNull(); // nothing half-opened
  });

  it('strips a byte order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), 'x')).toBe('{}');
  });

  it('keeps at most ten recent projects, newest first; a damaged list starts over', async () => {
    const s = scriptedDialogs();
    const changed: number[] = [];
    const host = make(s.dialogs, { onRecentChanged: (items) => changed.push(items.length) });
    for (let i = 0; i < 12; i++) {
      s.answers.push(join(docs, `p${i}`));
      await host.handlers.saveProjectAs({ text: proj(String(i)) });
    }
    const items = (await host.handlers.listRecent({})).items;
    expect(items.map((i) => i.name)).toEqual(['p11', 'p10', 'p9', 'p8', 'p7', 'p6', 'p5', 'p4', 'p3', 'p2']);
    expect(changed.at(-1)).toBe(10);

    // a project deleted behind our back stays in the list, marked missing, until forgotten
    await rm(join(docs, 'p10.ordinance.json'));
    const marked = (await host.handlers.listRecent({})).items;
    expect(marked.filter((i) => i.missing).map((i) => i.name)).toEqual(['p10']);
    expect(marked.find((i) => i.name === 'p11')!.missing).toBeUndefined();
    await host.handlers.forgetRecent({ path: join(docs, 'p10.ordinance.json') });
    expect((await host.handlers.listRecent({})).items.map((i) => i.name)).not.toContain('p10');
    expect((await host.handlers.listRecent({})).items).toHaveLength(9);
    await host.handlers.forgetRecent({});
    expect((await host.handlers.listRecent({})).items).toEqual([]);

    await writeFile(join(dir, 'user', 'recent.json'), '{ this is not json');
    expect((await host.handlers.listRecent({})).items).toEqual([]);
    await writeFile(join(dir, 'user', 'recent.json'), JSON.stringify({ version: 1, items: [{ path: 5 }] }));
    expect((await host.handlers.listRecent({})).items).toEqual([]);
  });

  it('a canceled dialog changes nothing', async () => {
    const s = scriptedDialogs();
    const host = make(s.dialogs);
    s.answers.push(null, null, null, null);
    expect(await host.handlers.saveProjectAs({ text: proj('x') })).toEqual({ canceled: true });
    expect(await host.handlers.openProject({})).toEqual({ canceled: true });
    expect(await host.handlers.exportDocx({ suggestedName: 'x', bytes: new Uint8Array([1]) })).toEqual({ canceled: true });
    expect(await host.handlers.importFile({})).toEqual({ canceled: true });
    expect(await readdir(docs)).toEqual([]);
  });

  it('exports the bytes to a .docx and imports only the accepted kinds', async () => {
    const s = scriptedDialogs();
    const host = make(s.dialogs);
    s.answers.push(join(docs, 'Riverbend'));
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 255]);
    const r = await host.handlers.exportDocx({ suggestedName: 'Riverbend.docx', bytes });
    expect(s.asked).toEqual(['export:Riverbend.docx']);
    expect(r).toEqual({ canceled: false, path: join(docs, 'Riverbend.docx'), name: 'Riverbend.docx' });
    expect([...(await readFile(join(docs, 'Riverbend.docx')))]).toEqual([...bytes]);

    await writeFile(join(docs, 'notes.txt'), 'hello');
    s.answers.push(join(docs, 'notes.txt'));
    await expect(host.handlers.importFile({ extensions: ['docx'] })).rejects.toMatchObject({ code: 'bad-request', message: expect.stringContaining('.docx') });
    s.answers.push(join(docs, 'Riverbend.docx'));
    const imported = await host.handlers.importFile({ extensions: ['docx'] });
    expect(imported).toMatchObject({ canceled: false, name: 'Riverbend.docx' });
  });

  it('recovery copies survive a damaged neighbour and ignore stray files', async () => {
    const host = make(scriptedDialogs().dialogs);
    await host.handlers.writeRecovery({ id: 'w1', text: 'one', path: null, name: 'Untitled' });
    await writeFile(join(dir, 'user', 'recovery', 'broken.json'), '{"version":1,');
    await writeFile(join(dir, 'user', 'recovery', 'README.txt'), 'not a copy');
    const { items } = await host.handlers.listRecovery({});
    expect(items.map((i) => [i.id, i.text])).toEqual([['w1', 'one']]);
  });

  it('helpers: extensions, safe file names, command lines', () => {
    expect(withExtension('/a/b', '.docx')).toBe('/a/b.docx');
    expect(withExtension('/a/b.DOCX', '.docx')).toBe('/a/b.DOCX');
    expect(safeFileStem('  ../../etc/passwd ')).toBe('etc passwd');
    expect(safeFileStem('a:b*c?d"e<f>g|h')).toBe('a b c d e f g h');
    expect(safeFileStem('...')).toBe('Untitled');
    expect(projectPathFromArgv(['/opt/Ordwright/ordwright', '--no-sandbox', 'Town.ordinance.json'], '/home/c')).toBe('/home/c/Town.ordinance.json');
    expect(projectPathFromArgv(['/usr/bin/electron', '.'], '/repo')).toBeNull();
    expect(projectPathFromArgv(['/opt/Ordwright/ordwright', '/x/y.ORDINANCE.JSON'], '/home/c')).toBe('/x/y.ORDINANCE.JSON');
  });

  it('save as completes the name the dialog gave, and asks before replacing a file the dialog did not ask about', async () => {
    expect(projectSavePath('/d/Town')).toBe('/d/Town.ordinance.json');
    expect(projectSavePath('/d/Town.json')).toBe('/d/Town.ordinance.json'); // macOS added ".json" only
    expect(projectSavePath('/d/Town.ORDINANCE.json')).toBe('/d/Town.ORDINANCE.json');
    expect(projectSavePath('/d/v1.2')).toBe('/d/v1.2.ordinance.json');

    const s = scriptedDialogs();
    const replies: boolean[] = [];
    const asked: string[] = [];
    const host = make({ ...s.dialogs, confirmReplace: async (p) => (asked.push(p), replies.shift() ?? false) });
    const target = join(docs, 'Town.ordinance.json');
    await writeFile(target, proj('precious'));
    // GTK gives back "Town" (it asked about "Town", which does not exist); "Town.ordinance.json" does
    s.answers.push(join(docs, 'Town'));
    replies.push(false);
    expect(await host.handlers.saveProjectAs({ text: proj('new') })).toEqual({ canceled: true });
    expect(asked).toEqual([target]);
    expect(await markerIn(target)).toBe('precious');
    s.answers.push(join(docs, 'Town'));
    replies.push(true);
    expect(await host.handlers.saveProjectAs({ text: proj('new') })).toMatchObject({ canceled: false, path: target });
    expect(await markerIn(target)).toBe('new');
    // a dialog that answered the full name already asked; and without confirmReplace such a save is refused
    s.answers.push(target);
    expect(await host.handlers.saveProjectAs({ text: proj('newer') })).toMatchObject({ canceled: false });
    expect(asked).toHaveLength(2);
    const noAsk = make(s.dialogs);
    await noAsk.handlers.newProject({});
    s.answers.push(join(docs, 'Town'));
    expect(await noAsk.handlers.saveProjectAs({ text: proj('x') })).toEqual({ canceled: true });
    expect(await markerIn(target)).toBe('newer');
  });

  it('a dropped project is granted and handed to main; folders, other files and missing files are not', async () => {
    const opened: string[] = [];
    const host = make(scriptedDialogs().dialogs, { onOpenRequest: (p) => opened.push(p) });
    const path = join(docs, 'Dropped.ordinance.json');
    await writeFile(path, proj('dropped'));
    await mkdir(join(docs, 'folder.ordinance.json'));
    await expect(host.handlers.openDropped({ paths: [join(docs, 'folder.ordinance.json'), join(docs, 'missing.ordinance.json')] })).rejects.toMatchObject({ code: 'bad-request' });
    expect(await host.handlers.openDropped({ paths: [join(docs, 'folder.ordinance.json'), path] })).toEqual({ path });
    expect(opened).toEqual([path]);
    expect(await host.handlers.openProject({ path })).toMatchObject({ canceled: false, name: 'Dropped' });
  });

  it('a project nested thousands deep is refused in words before it reaches the renderer', async () => {
    const s = scriptedDialogs();
    const host = make(s.dialogs);
    const deep = join(docs, 'deep.ordinance.json');
    await writeFile(deep, proj('x').replace('"exportOptions": {}', `"exportOptions": {"x": ${'['.repeat(5000)}${']'.repeat(5000)}}`));
    s.answers.push(deep);
    await expect(host.handlers.openProject({})).rejects.toMatchObject({ code: 'bad-request', message: expect.stringMatching(/deep\.ordinance\.json" is not a valid project: its JSON nests more than 500 levels/) });
    expect(host.currentPath()).toBeNull();
  });

  it('a save removes what a killed earlier save of the same file left behind (and nothing else)', async () => {
    const s = scriptedDialogs();
    const host = make(s.dialogs);
    s.answers.push(join(docs, 'Town'));
    await host.handlers.saveProjectAs({ text: proj('1') });
    const dead = join(docs, '.Town.ordinance.json.999999999.0123456789ab.tmp');
    const other = join(docs, '.Other.ordinance.json.999999999.0123456789ab.tmp');
    await writeFile(dead, 'half');
    await writeFile(other, 'half');
    await host.handlers.saveProject({ path: join(docs, 'Town.ordinance.json'), text: proj('2') });
    const names = await readdir(docs);
    expect(names).not.toContain('.Town.ordinance.json.999999999.0123456789ab.tmp');
    expect(names).toContain('.Other.ordinance.json.999999999.0123456789ab.tmp');
  });
});
