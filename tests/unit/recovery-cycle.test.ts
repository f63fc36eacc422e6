import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecoveryStore, sameWork } from '../../core/node/recovery';
import { createDesktopHost } from '../../electron/desktop-host';
import type { Dialogs } from '../../electron/files';
import { Autosave, newRecoveryId, type AutosaveDeps, type RecoverySnapshot } from '../../renderer/shell/autosave';
import { faultFs } from '../contract/fault-fs';
import { sampleProjectText as proj } from '../contract/sample-project';

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let n = 0;
  return {
    setTimer: (fn: () => void) => (pending.set(++n, fn), n),
    clearTimer: (h: unknown) => void pending.delete(h as number),
    /** Fire every pending timer (as if the interval passed). */
    fire() {
      const fns = [...pending.values()];
      pending.clear();
      for (const f of fns) f();
    },
    get count() {
      return pending.size;
    },
  };
}

const noOneAlive = () => false;

describe('recovery: the whole cycle on disk (autosave, crash, restore, save)', () => {
  let dir: string;
  let userData: string;
  let docs: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ordwright-cycle-'));
    userData = join(dir, 'userData');
    docs = join(dir, 'docs');
    await mkdir(docs);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const dialogs = (saveAs: string[]): Dialogs => ({
    chooseProjectToOpen: async () => null,
    chooseProjectSaveTarget: async () => saveAs.shift() ?? null,
    chooseExportTarget: async () => null,
    chooseImportFile: async () => null,
  });
  const startApp = (saveAs: string[] = []) =>
    createDesktopHost({ userDataDir: userData, dialogs: dialogs(saveAs), libraryDialogs: { chooseClausePack: async () => null, chooseClausePackTarget: async () => null } });

  it('typing is copied every interval; a crash keeps the last copy; restore, save, and nothing is left behind', async () => {
    // --- first run: the drafter types into an untitled project
    let app = startApp();
    const timers = manualTimers();
    let doc: RecoverySnapshot = { text: proj('v1'), path: null, name: 'Untitled ordinance' };
    const deps = (a: typeof app): AutosaveDeps => ({
      write: async (copy) => (await a.handlers.writeRecovery(copy), true),
      clear: async (id) => void (await a.handlers.clearRecovery({ id })),
      snapshot: () => doc,
      ...timers,
    });
    const auto = new Autosave(deps(app), { id: newRecoveryId() });
    auto.update(true, 'rev1');
    expect(timers.count).toBe(1);
    auto.update(true, 'rev1b'); // more typing does not postpone the copy
    expect(timers.count).toBe(1);
    timers.fire();
    await auto.idle();
    let copies = (await app.handlers.listRecovery({})).items;
    expect(copies.map((c) => c.text)).toEqual([proj('v1')]);

    doc = { ...doc, text: proj('v2') };
    auto.update(true, 'rev2');
    await auto.blur(); // the window lost focus: copied at once
    expect((await app.handlers.listRecovery({})).items.map((c) => c.text)).toEqual([proj('v2')]);

    // --- the crash: the next copy dies between write and rename
    const fs = faultFs({ method: 'rename', effect: 'kill' });
    void createRecoveryStore({ dir: join(userData, 'recovery'), fs }).write({ id: auto.recoveryId, text: proj('v3 never finished'), path: null, name: 'Untitled ordinance' });
    for (let i = 0; i < 100 && !fs.fired(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(fs.fired()).toBe(true);
    auto.dispose();

    // --- the next start: housekeeping, then the offer to restore
    app = startApp([join(docs, 'Riverbend')]);
    const tidy = await createRecoveryStore({ dir: join(userData, 'recovery'), alive: noOneAlive }).tidy();
    expect(tidy.temps).toHaveLength(1);
    copies = (await app.handlers.listRecovery({})).items;
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ text: proj('v2'), path: null, name: 'Untitled ordinance' });

    // restore: the copy becomes this window's slot (kept until the work is saved)
    const restored = copies[0]!;
    doc = { text: restored.text, path: null, name: restored.name };
    const timers2 = manualTimers();
    const auto2 = new Autosave({ ...deps(app), ...timers2 }, { id: newRecoveryId() });
    auto2.adopt(restored.id, 'restored');
    expect((await app.handlers.listRecovery({})).items).toHaveLength(1);

    // save as: the project is on disk, and the copy goes
    const saved = await app.handlers.saveProjectAs({ text: restored.text });
    expect(saved).toMatchObject({ canceled: false, name: 'Riverbend' });
    auto2.update(false, 'saved');
    await auto2.idle();
    expect((await app.handlers.listRecovery({})).items).toEqual([]);
    expect(await readdir(join(userData, 'recovery'))).toEqual([]);
    expect(await readdir(docs)).toEqual(['Riverbend.ordinance.json']);
    expect(await readFile(join(docs, 'Riverbend.ordinance.json'), 'utf8')).toBe(proj('v2'));
  });

  it('Don’t save (discard) removes the copy; a later edit starts a new one', async () => {
    const app = startApp();
    const timers = manualTimers();
    const auto = new Autosave(
      {
        write: async (copy) => (await app.handlers.writeRecovery(copy), true),
        clear: async (id) => void (await app.handlers.clearRecovery({ id })),
        snapshot: () => ({ text: proj('x'), path: null, name: 'Untitled' }),
        ...timers,
      },
      { id: 'w-discard' },
    );
    auto.update(true, 1);
    await auto.blur();
    expect((await app.handlers.listRecovery({})).items).toHaveLength(1);
    await auto.discard();
    expect((await app.handlers.listRecovery({})).items).toEqual([]);
    auto.update(true, 2);
    timers.fire();
    await auto.idle();
    expect((await app.handlers.listRecovery({})).items.map((i) => i.id)).toEqual(['w-discard']);
  });

  it('a copy whose project was saved after all (a crash between save and removal) is dropped at start; unsaved work is kept', async () => {
    const app = startApp();
    const path = join(docs, 'Town.ordinance.json');
    await writeFile(path, proj('saved'));
    const store = createRecoveryStore({ dir: join(userData, 'recovery') });
    // the same work, with only the modification time different
    const sameButTime = proj('saved').replace('"modifiedAt": "2026-01-02T03:04:05.000Z"', '"modifiedAt": "2026-05-05T05:05:05.000Z"');
    expect(sameButTime).not.toBe(proj('saved'));
    expect(sameWork(sameButTime, proj('saved'))).toBe(true);
    await store.write({ id: 'w-saved', text: sameButTime, path, name: 'Town' });
    await store.write({ id: 'w-unsaved', text: proj('more work'), path, name: 'Town' });
    await store.write({ id: 'w-moved', text: proj('saved'), path: join(docs, 'gone.ordinance.json'), name: 'Gone' });
    expect(await app.files.tidyRecovery()).toEqual({ temps: [], saved: ['w-saved'] });
    expect((await app.handlers.listRecovery({})).items.map((i) => i.id).sort()).toEqual(['w-moved', 'w-unsaved']);
  });
});

describe('core/node/recovery: the store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ordwright-recovery-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const code of ['ENOSPC', 'EROFS', 'EACCES']) {
    it(`${code} halfway through a copy: the error says so, the previous copy is intact, no temp file`, async () => {
      await createRecoveryStore({ dir }).write({ id: 'w1', text: 'one', path: null, name: 'U' });
      const fs = faultFs({ method: 'writeFile', effect: 'half', code });
      await expect(createRecoveryStore({ dir, fs }).write({ id: 'w1', text: 'two'.repeat(1000), path: null, name: 'U' })).rejects.toMatchObject({ code });
      expect((await createRecoveryStore({ dir }).list()).items.map((i) => i.text)).toEqual(['one']);
      expect(await readdir(dir)).toEqual(['w1.json']);
    });
  }

  it('a failed rename leaves the previous copy and no temp file', async () => {
    await createRecoveryStore({ dir }).write({ id: 'w1', text: 'one', path: null, name: 'U' });
    const fs = faultFs({ method: 'rename', effect: 'fail', code: 'EPERM' });
    await expect(createRecoveryStore({ dir, fs }).write({ id: 'w1', text: 'two', path: null, name: 'U' })).rejects.toMatchObject({ code: 'EPERM' });
    expect((await createRecoveryStore({ dir }).list()).items.map((i) => i.text)).toEqual(['one']);
    expect(await readdir(dir)).toEqual(['w1.json']);
  });

  it('lists newest first with strictly increasing times; a torn, renamed or foreign file is reported, never deleted', async () => {
    const fixed = new Date('2026-03-01T00:00:00.000Z');
    const store = createRecoveryStore({ dir, now: () => fixed });
    const a = await store.write({ id: 'a', text: 'A', path: null, name: 'A' });
    const b = await store.write({ id: 'b', text: 'B', path: null, name: 'B' });
    expect(b.savedAt > a.savedAt).toBe(true);
    await writeFile(join(dir, 'torn.json'), '{"version":1,"id":"torn","sav');
    await writeFile(join(dir, 'renamed.json'), await readFile(join(dir, 'a.json')));
    await writeFile(join(dir, 'notes.txt'), 'x');
    const list = await store.list();
    expect(list.items.map((i) => i.id)).toEqual(['b', 'a']);
    expect(list.damaged.sort()).toEqual(['renamed.json', 'torn.json']);
    await store.tidy();
    expect((await readdir(dir)).sort()).toEqual(['a.json', 'b.json', 'notes.txt', 'renamed.json', 'torn.json']);
    await expect(store.clear('../x')).rejects.toThrow(/not a recovery id/);
  });
});

describe('renderer/shell/autosave: when copies are written and removed', () => {
  function setup(opts: { write?: AutosaveDeps['write'] } = {}) {
    const timers = manualTimers();
    const log: string[] = [];
    const errors: string[] = [];
    let text = 'a';
    const auto = new Autosave(
      {
        write: opts.write ?? (async (c) => (log.push(`write ${c.id} ${c.text}`), true)),
        clear: async (id) => void log.push(`clear ${id}`),
        snapshot: () => ({ text, path: null, name: 'U' }),
        onError: (m) => errors.push(m),
        ...timers,
      },
      { id: 'w' },
    );
    return { auto, timers, log, errors, setText: (t: string) => (text = t) };
  }

  it('nothing is written while the document is clean, and nothing twice for the same revision', async () => {
    const { auto, timers, log } = setup();
    auto.update(false, 1);
    expect(timers.count).toBe(0);
    auto.update(true, 2);
    timers.fire();
    await auto.idle();
    await auto.blur();
    expect(log).toEqual(['write w a']);
  });

  it('a save while a copy is being written: the removal comes after the write, so no copy is left', async () => {
    let release: (() => void) | null = null;
    const { auto, timers, log } = setup({
      write: (c) =>
        new Promise((r) => {
          release = () => {
            log.push(`write ${c.id} ${c.text}`);
            r(true);
          };
        }),
    });
    auto.update(true, 1);
    timers.fire();
    for (let i = 0; i < 20 && !release; i++) await Promise.resolve();
    expect(release).not.toBeNull(); // the write is in flight
    auto.update(false, 2); // saved meanwhile
    release!();
    await auto.idle();
    expect(log).toEqual(['write w a', 'clear w']);
  });

  it('a save before a queued copy runs: the copy is never written', async () => {
    const { auto, timers, log } = setup();
    auto.update(true, 1);
    timers.fire();
    auto.update(false, 2);
    await auto.idle();
    expect(log).toEqual([]);
  });

  it('changes during a write get the next copy; a failed write is reported once, then retried', async () => {
    let fail = true;
    const { auto, timers, log, errors, setText } = setup({ write: async (c) => (fail ? false : (log.push(`write ${c.text}`), true)) });
    auto.update(true, 1);
    timers.fire();
    await auto.idle();
    expect(errors).toHaveLength(1);
    setText('b');
    auto.update(true, 2);
    timers.fire();
    await auto.idle();
    expect(errors).toHaveLength(1); // once, not at every tick
    fail = false;
    auto.update(true, 3);
    timers.fire();
    await auto.idle();
    expect(log).toEqual(['write b']);
  });

  it('recovery ids are valid slot names', () => {
    for (let i = 0; i < 50; i++) expect(newRecoveryId()).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});
