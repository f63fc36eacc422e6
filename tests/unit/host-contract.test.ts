import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  HOST_CHANNELS,
  HOST_METHODS,
  HOST_SCHEMAS,
  MenuEvent,
  parseResult,
  projectDisplayName,
  type HostApi,
} from '../../core/host';
import { createDesktopHost } from '../../electron/desktop-host';
import type { Dialogs } from '../../electron/files';
import type { LibraryDialogs } from '../../electron/library-host';
import { createIpcTable, type SenderInfo } from '../../electron/ipc';
import { describeHostContract, type ContractHarness } from '../contract/host-contract';

/**
 * The HostApi contract against the Electron main process: the real file handlers on a
 * temporary folder, reached through the real IPC table with a trusted fake sender.
 * Requests and results are structured-cloned, as IPC does.
 */
async function mainHarness(): Promise<ContractHarness> {
  const dir = await mkdtemp(join(tmpdir(), 'ordwright-contract-'));
  const docs = join(dir, 'Documents');
  await mkdir(docs);
  type Answer = { kind: 'save'; name: string } | { kind: 'open'; path: string } | { kind: 'cancel' } | { kind: 'file'; path: string };
  const answers: Answer[] = [];
  const next = (want: Answer['kind'][]): Answer => {
    const a = answers.shift();
    if (!a) throw new Error('a dialog opened that the test did not script');
    if (a.kind !== 'cancel' && !want.includes(a.kind)) throw new Error(`expected a ${want.join('/')} answer, got ${a.kind}`);
    return a;
  };
  const dialogs: Dialogs = {
    async chooseProjectToOpen() {
      const a = next(['open']);
      return a.kind === 'open' ? a.path : null;
    },
    async chooseProjectSaveTarget() {
      const a = next(['save']);
      return a.kind === 'save' ? join(docs, a.name) : null;
    },
    async chooseExportTarget() {
      const a = next(['save']);
      return a.kind === 'save' ? join(docs, a.name) : null;
    },
    async chooseImportFile() {
      const a = next(['file']);
      return a.kind === 'file' ? a.path : null;
    },
  };
  const libraryDialogs: LibraryDialogs = {
    async chooseClausePack() {
      const a = next(['file']);
      return a.kind === 'file' ? a.path : null;
    },
    async chooseClausePackTarget() {
      const a = next(['save']);
      return a.kind === 'save' ? join(docs, a.name) : null;
    },
  };
  const desktop = createDesktopHost({ userDataDir: join(dir, 'userData'), dialogs, libraryDialogs });
  const table = createIpcTable(desktop.handlers, () => 1);
  const sender: SenderInfo = { webContentsId: 1, frameUrl: 'app://ordwright/index.html', isMainFrame: true };
  const host = Object.fromEntries(
    HOST_METHODS.map((m) => [m, async (request: unknown) => structuredClone(await table[HOST_CHANNELS[m]](sender, structuredClone(request)))]),
  ) as unknown as HostApi;
  return {
    host,
    user: {
      willSaveAs: async (name) => void answers.push({ kind: 'save', name }),
      willOpen: async (path) => void answers.push({ kind: 'open', path }),
      willCancel: async () => void answers.push({ kind: 'cancel' }),
      async willPickFile(file) {
        const path = join(dir, 'picked', file.name);
        await mkdir(join(dir, 'picked'), { recursive: true });
        await writeFile(path, file.bytes);
        answers.push({ kind: 'file', path });
      },
      exported: async (path) => new Uint8Array(await readFile(path)),
    },
    async dispose() {
      await rm(dir, { recursive: true, force: true });
      if (answers.length) throw new Error(`scripted dialog answers were never used: ${JSON.stringify(answers)}`);
    },
  };
}

describeHostContract('Electron main process (electron/desktop-host.ts via electron/ipc.ts)', mainHarness);

describe('core/host: the contract’s own schemas', () => {
  it('every method has a request and a response schema and a distinct channel', () => {
    expect(Object.keys(HOST_SCHEMAS).sort()).toEqual([...HOST_METHODS].sort());
    const channels = HOST_METHODS.map((m) => HOST_CHANNELS[m]);
    expect(new Set(channels).size).toBe(channels.length);
    for (const c of channels) expect(c).toMatch(/^ordwright:[a-z-]+$/);
  });

  it('parseResult refuses what is not a result, and a success whose value breaks the schema', () => {
    expect(parseResult('listRecent', undefined)).toMatchObject({ ok: false, error: { code: 'bad-response' } });
    expect(parseResult('listRecent', { ok: true })).toMatchObject({ ok: false, error: { code: 'bad-response' } });
    expect(parseResult('listRecent', { ok: true, value: { items: 'no' } })).toMatchObject({ ok: false, error: { code: 'bad-response' } });
    expect(parseResult('listRecent', { ok: false, error: { code: 'io', message: 'disk full' } })).toEqual({ ok: false, error: { code: 'io', message: 'disk full' } });
    expect(parseResult('listRecent', { ok: false, error: { code: 'made-up', message: 'x' } })).toMatchObject({ ok: false, error: { code: 'bad-response' } });
    expect(parseResult('listRecent', { ok: true, value: { items: [] } })).toEqual({ ok: true, value: { items: [] } });
  });

  it('bytes must be a Uint8Array (Node Buffers count), nothing array-like', () => {
    const req = HOST_SCHEMAS.exportDocx.request;
    expect(req.safeParse({ suggestedName: 'a', bytes: new Uint8Array([1]) }).success).toBe(true);
    expect(req.safeParse({ suggestedName: 'a', bytes: Buffer.from([1]) }).success).toBe(true);
    expect(req.safeParse({ suggestedName: 'a', bytes: [1, 2] }).success).toBe(false);
    expect(req.safeParse({ suggestedName: 'a', bytes: new Uint16Array([1]) }).success).toBe(false);
    expect(req.safeParse({ suggestedName: 'a', bytes: 'AQI=' }).success).toBe(false);
  });

  it('menu events: known actions only, paths optional', () => {
    expect(MenuEvent.safeParse({ action: 'save' }).success).toBe(true);
    expect(MenuEvent.safeParse({ action: 'open-recent', path: '/a.ordinance.json' }).success).toBe(true);
    expect(MenuEvent.safeParse({ action: 'format-disk' }).success).toBe(false);
    expect(MenuEvent.safeParse({ action: 'save', extra: 1 }).success).toBe(false);
  });

  it('display names of project paths', () => {
    expect(projectDisplayName('/home/c/Riverbend draft.ordinance.json')).toBe('Riverbend draft');
    expect(projectDisplayName('C:\\Users\\c\\Town.ORDINANCE.JSON')).toBe('Town');
    expect(projectDisplayName('/x/plain.json')).toBe('plain');
    expect(projectDisplayName('Council draft')).toBe('Council draft');
  });
});
