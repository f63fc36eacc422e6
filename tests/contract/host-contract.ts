import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostApi, HostResult } from '../../core/host';
import { clauseToYaml, newUserClause, readZipPack, validatePack } from '../../core/clause-pack';
import type { Clause } from '../../core/schema/clause';
import { sampleProjectText } from './sample-project';

/**
 * The HostApi contract, written once and run against every host: the Electron main
 * process handlers (tests/unit/host-contract.test.ts) and the browser host in
 * Chromium (tests/e2e/host-contract.e2e.ts). A host that passes behaves the same to
 * the renderer, whatever "a path" and "a dialog" mean on it.
 */

/** The user at the other end of the host's dialogs, scripted by the test. */
export interface ContractUser {
  /** The next save dialog answers with this name (a file name on the desktop, a project name in the browser). */
  willSaveAs(name: string): Promise<void>;
  /** The next open dialog picks the project at this path (as a host returned it). */
  willOpen(path: string): Promise<void>;
  /** The next save or open dialog is canceled. */
  willCancel(): Promise<void>;
  /** The next file picker (import) picks this file. */
  willPickFile(file: { name: string; bytes: Uint8Array }): Promise<void>;
  /** The bytes the user received from the export that answered with `path`. */
  exported(path: string): Promise<Uint8Array>;
}

export interface ContractHarness {
  host: HostApi;
  user: ContractUser;
  dispose?(): Promise<void>;
}

const project = (marker: string): string => sampleProjectText(marker);

function value<T>(r: HostResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

export { sampleProjectText };

/** A clause of the user library, as the "save to my library" action makes one. */
export const sampleClause = (id: string, title = `Clause ${id}`, text = 'An [[agency]] may not share [[personal information]] with a {governing_body} contractor.'): Clause =>
  newUserClause({ id, title, provisions: [{ text, children: [{ text: 'except as a court orders.' }] }], source: 'a contract test' });

/** A zipped clause pack with these files (name -> YAML text). */
export async function zipPack(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'uint8array' });
}

export function describeHostContract(label: string, setup: () => Promise<ContractHarness>): void {
  describe(`HostApi contract: ${label}`, () => {
    let h: ContractHarness;
    beforeEach(async () => {
      h = await setup();
    });
    afterEach(async () => {
      await h?.dispose?.();
    });

    it('newProject answers ok', async () => {
      expect(value(await h.host.newProject({}))).toEqual({});
    });

    it('save as, then open by the returned path, gives back exactly the saved text', async () => {
      await h.user.willSaveAs('Riverbend draft');
      const saved = value(await h.host.saveProjectAs({ suggestedName: 'Riverbend draft', text: project('one') }));
      if (saved.canceled) throw new Error('save as was canceled');
      expect(saved.name).toBe('Riverbend draft');
      expect(saved.path.length).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(saved.savedAt))).toBe(false);

      const opened = value(await h.host.openProject({ path: saved.path }));
      expect(opened).toEqual({ canceled: false, path: saved.path, name: 'Riverbend draft', text: project('one') });
    });

    it('save writes over the project; the open dialog then gives the new text', async () => {
      await h.user.willSaveAs('Overwrite me');
      const first = value(await h.host.saveProjectAs({ text: project('first') }));
      if (first.canceled) throw new Error('save as was canceled');
      const second = value(await h.host.saveProject({ path: first.path, text: project('second') }));
      expect(second.path).toBe(first.path);

      await h.user.willOpen(first.path);
      const opened = value(await h.host.openProject({}));
      expect(opened.canceled).toBe(false);
      if (!opened.canceled) expect(opened.text).toBe(project('second'));
    });

    it('a canceled save as or open changes nothing and says canceled', async () => {
      await h.user.willCancel();
      expect(value(await h.host.saveProjectAs({ text: project('never') }))).toEqual({ canceled: true });
      expect(value(await h.host.listRecent({})).items).toEqual([]);
      await h.user.willCancel();
      expect(value(await h.host.openProject({}))).toEqual({ canceled: true });
    });

    it('recent projects: most recent first, each once', async () => {
      const paths: string[] = [];
      for (const name of ['Alpha', 'Beta', 'Gamma']) {
        await h.user.willSaveAs(name);
        const r = value(await h.host.saveProjectAs({ text: project(name) }));
        if (r.canceled) throw new Error('canceled');
        paths.push(r.path);
      }
      // reopening Alpha from the recent list and saving it moves it to the top, once
      const reopened = value(await h.host.openProject({ path: paths[0]! }));
      expect(reopened.canceled).toBe(false);
      value(await h.host.saveProject({ path: paths[0]!, text: project('Alpha again') }));
      const items = value(await h.host.listRecent({})).items;
      expect(items.map((i) => i.name)).toEqual(['Alpha', 'Gamma', 'Beta']);
      expect(items.map((i) => i.path)).toEqual([paths[0], paths[2], paths[1]]);
    });

    it('a malformed request is a bad-request result naming the field, not a throw', async () => {
      const r = await h.host.saveProject({ path: 'x', text: 42 } as never);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad-request');
        expect(r.error.message).toContain("field 'text'");
      }
      const extra = await h.host.listRecent({ surprise: true } as never);
      expect(extra.ok).toBe(false);
      if (!extra.ok) expect(extra.error.code).toBe('bad-request');
      const badId = await h.host.clearRecovery({ id: '../../etc/passwd' });
      expect(badId.ok).toBe(false);
      if (!badId.ok) expect(badId.error.message).toContain("field 'id'");
    });

    it('text that is not a valid project is refused before any dialog, naming the problem, and nothing is saved', async () => {
      const r = await h.host.saveProjectAs({ text: '{"format":"ordwright-project","formatVersion":1}' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad-request');
        expect(r.error.message).toMatch(/not a valid project: .*metadata/);
      }
      expect(value(await h.host.listRecent({})).items).toEqual([]);
    });

    it('opening a project that does not exist is an error result', async () => {
      const r = await h.host.openProject({ path: 'no-such-project-anywhere' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['not-found', 'forbidden']).toContain(r.error.code);
    });

    it('export hands the user exactly the bytes, under a .docx name', async () => {
      const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 250, 251, 252, 253, 254, 255]);
      await h.user.willSaveAs('Riverbend ordinance');
      const r = value(await h.host.exportDocx({ suggestedName: 'Riverbend ordinance', bytes }));
      if (r.canceled) throw new Error('export was canceled');
      expect(r.name).toMatch(/\.docx$/);
      expect([...(await h.user.exported(r.path))]).toEqual([...bytes]);
    });

    it('import gives back the picked file name and bytes', async () => {
      const bytes = new Uint8Array(2048).map((_, i) => (i * 7) % 256);
      await h.user.willPickFile({ name: 'enacted.docx', bytes });
      const r = value(await h.host.importFile({ extensions: ['docx'] }));
      if (r.canceled) throw new Error('import was canceled');
      expect(r.name).toBe('enacted.docx');
      expect([...r.bytes]).toEqual([...bytes]);
    });

    it('recovery copies: write, list newest first, replace, clear', async () => {
      expect(value(await h.host.listRecovery({})).items).toEqual([]);
      value(await h.host.writeRecovery({ id: 'window-1', text: project('r1'), path: null, name: 'Untitled ordinance' }));
      await new Promise((r) => setTimeout(r, 5));
      value(await h.host.writeRecovery({ id: 'window-2', text: project('r2'), path: null, name: 'Second' }));
      let items = value(await h.host.listRecovery({})).items;
      expect(items.map((i) => i.id)).toEqual(['window-2', 'window-1']);
      expect(items[1]).toMatchObject({ text: project('r1'), path: null, name: 'Untitled ordinance' });

      await new Promise((r) => setTimeout(r, 5));
      value(await h.host.writeRecovery({ id: 'window-1', text: project('r1b'), path: null, name: 'Untitled ordinance' }));
      items = value(await h.host.listRecovery({})).items;
      expect(items.map((i) => [i.id, i.text])).toEqual([
        ['window-1', project('r1b')],
        ['window-2', project('r2')],
      ]);

      expect(value(await h.host.clearRecovery({ id: 'window-1' }))).toEqual({});
      expect(value(await h.host.clearRecovery({ id: 'window-1' }))).toEqual({}); // twice is fine
      expect(value(await h.host.listRecovery({})).items.map((i) => i.id)).toEqual(['window-2']);
    });

    it('recent list: forget one project, then all', async () => {
      const paths: string[] = [];
      for (const name of ['Keep', 'Drop']) {
        await h.user.willSaveAs(name);
        const r = value(await h.host.saveProjectAs({ text: project(name) }));
        if (r.canceled) throw new Error('canceled');
        paths.push(r.path);
      }
      value(await h.host.forgetRecent({ path: paths[1]! }));
      const items = value(await h.host.listRecent({})).items;
      expect(items.map((i) => i.name)).toEqual(['Keep']);
      expect(items[0]!.missing).toBeUndefined();
      value(await h.host.forgetRecent({}));
      expect(value(await h.host.listRecent({})).items).toEqual([]);
    });

    it('window state and close answers are accepted; malformed ones are bad requests', async () => {
      expect(value(await h.host.reportState({ name: 'Draft', path: null, dirty: true, closeGuard: true }))).toEqual({});
      expect(value(await h.host.answerClose({ requestId: 'no-such-request', proceed: true }))).toEqual({});
      const bad = await h.host.answerClose({ requestId: '../x', proceed: true });
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining("field 'requestId'") } });
      const badState = await h.host.reportState({ name: '', path: null, dirty: true });
      expect(badState).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    });

    it('a dropped file that is not a project is never opened', async () => {
      const r = await h.host.openDropped({ paths: ['notes.txt'] });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['bad-request', 'unavailable']).toContain(r.error.code);
    });

    it('user clause library: save, list, edit (only with replace), delete', async () => {
      expect(value(await h.host.listUserClauses({}))).toEqual({ items: [], problems: [] });
      const a = sampleClause('my-notice-limits', 'Notice limits');
      const saved = value(await h.host.saveUserClause({ clause: a }));
      expect(saved).toMatchObject({ id: 'my-notice-limits', replaced: false });
      value(await h.host.saveUserClause({ clause: sampleClause('my-audit', 'An audit clause') }));

      let list = value(await h.host.listUserClauses({}));
      expect(list.items.map((i) => i.clause.title)).toEqual(['An audit clause', 'Notice limits']);
      expect(list.items[1]!.clause).toEqual(a);

      // saving over an existing id needs replace: a conflict otherwise, and nothing changes
      const edited = { ...a, title: 'Notice limits (edited)' };
      const clash = await h.host.saveUserClause({ clause: edited });
      expect(clash).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(value(await h.host.saveUserClause({ clause: edited, replace: true }))).toMatchObject({ replaced: true });
      list = value(await h.host.listUserClauses({}));
      expect(list.items.find((i) => i.clause.id === a.id)!.clause.title).toBe('Notice limits (edited)');

      expect(value(await h.host.deleteUserClause({ id: 'my-audit' }))).toEqual({});
      expect(value(await h.host.deleteUserClause({ id: 'my-audit' }))).toEqual({}); // twice is fine
      expect(value(await h.host.listUserClauses({})).items.map((i) => i.clause.id)).toEqual(['my-notice-limits']);
    });

    it('a clause that breaks the clause schema is refused naming the field', async () => {
      const bad = { ...sampleClause('my-bad'), title: 'x' };
      const r = await h.host.saveUserClause({ clause: bad });
      expect(r).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining("field 'clause.title'") } });
      const placeholder = sampleClause('my-bad-placeholder', 'Bad placeholder', 'The {no_such_key} shall report.');
      const p = await h.host.saveUserClause({ clause: placeholder });
      expect(p).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('unknown placeholder {no_such_key}') } });
      expect(value(await h.host.listUserClauses({})).items).toEqual([]);
    });

    it('clause packs: a good zip imports every clause; a bad one is refused naming file and field, and nothing is imported', async () => {
      const good = await zipPack({
        'pack/my-one.yaml': clauseToYaml(sampleClause('my-one', 'One')),
        'pack/my-two.yaml': clauseToYaml(sampleClause('my-two', 'Two')),
        'pack/README.md': 'not a clause: skipped',
      });
      await h.user.willPickFile({ name: 'coalition.zip', bytes: good });
      const r = value(await h.host.importClausePack({}));
      if (r.canceled) throw new Error('canceled');
      expect(r).toEqual({ canceled: false, name: 'coalition.zip', imported: ['my-one', 'my-two'], replaced: [] });

      const badYaml = clauseToYaml(sampleClause('my-three', 'Three')).replace('kind: section', 'kind: paragraph');
      const bad = await zipPack({ 'my-three.yaml': badYaml, 'my-four.yaml': clauseToYaml(sampleClause('my-four', 'Four')) });
      await h.user.willPickFile({ name: 'broken.zip', bytes: bad });
      const refused = await h.host.importClausePack({});
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.code).toBe('bad-request');
        expect(refused.error.message).toContain('broken.zip/my-three.yaml at kind');
        expect(refused.error.message).toContain('nothing was changed');
      }
      // my-four was fine, but the pack is all or nothing
      expect(value(await h.host.listUserClauses({})).items.map((i) => i.clause.id)).toEqual(['my-one', 'my-two']);

      // the same ids again: refused unless replace
      await h.user.willPickFile({ name: 'coalition.zip', bytes: good });
      const again = await h.host.importClausePack({});
      expect(again).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('already in your library') } });
      await h.user.willPickFile({ name: 'coalition.zip', bytes: good });
      expect(value(await h.host.importClausePack({ replace: true }))).toMatchObject({ imported: ['my-one', 'my-two'], replaced: ['my-one', 'my-two'] });
    });

    it('a single clause file is a pack of one; a file that is not a zip is refused', async () => {
      await h.user.willPickFile({ name: 'my-solo.yaml', bytes: new TextEncoder().encode(clauseToYaml(sampleClause('my-solo', 'Solo'))) });
      expect(value(await h.host.importClausePack({}))).toMatchObject({ imported: ['my-solo'] });
      await h.user.willPickFile({ name: 'pack.zip', bytes: new TextEncoder().encode('this is not a zip') });
      const r = await h.host.importClausePack({});
      expect(r).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('pack.zip: not a readable zip file') } });
    });

    it('export gives a zip pack that holds exactly the clauses, in the library format', async () => {
      const clauses = [sampleClause('my-alpha', 'Alpha'), sampleClause('my-beta', 'Beta')];
      for (const clause of clauses) value(await h.host.saveUserClause({ clause }));
      await h.user.willSaveAs('My clauses');
      const r = value(await h.host.exportClausePack({ suggestedName: 'My clauses' }));
      if (r.canceled) throw new Error('canceled');
      expect(r).toMatchObject({ name: 'My clauses.zip', count: 2 });
      const files = await readZipPack(await h.user.exported(r.path), 'export.zip');
      if (!files.ok) throw new Error(JSON.stringify(files.issues));
      const check = validatePack(files.files, { packName: 'export.zip' });
      if (!check.ok) throw new Error(JSON.stringify(check.issues));
      expect(check.clauses.map((c) => c.clause)).toEqual(clauses);

      const none = await h.host.exportClausePack({ suggestedName: 'x', ids: ['my-nothing'] });
      expect(none).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('my-nothing') } });
    });
  });
}
