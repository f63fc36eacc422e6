import { describe, expect, it } from 'vitest';
import { HOST_CHANNELS, HOST_METHODS, HostFailure, type HostHandlers } from '../../core/host';
import { createIpcTable, senderInfoOf, validateSender, type SenderInfo } from '../../electron/ipc';

const good: SenderInfo = { webContentsId: 3, frameUrl: 'app://ordwright/index.html', isMainFrame: true };

/** Handlers that record what they were asked and answer well-formed responses. */
function recordingHandlers(overrides: Partial<HostHandlers> = {}) {
  const calls: [string, unknown][] = [];
  const at = '2026-01-01T00:00:00.000Z';
  const h: HostHandlers = {
    newProject: async (r) => (calls.push(['newProject', r]), {}),
    openProject: async (r) => (calls.push(['openProject', r]), { canceled: true }),
    saveProject: async (r) => (calls.push(['saveProject', r]), { path: r.path, name: 'n', savedAt: at }),
    saveProjectAs: async (r) => (calls.push(['saveProjectAs', r]), { canceled: true }),
    listRecent: async (r) => (calls.push(['listRecent', r]), { items: [] }),
    exportDocx: async (r) => (calls.push(['exportDocx', r]), { canceled: true }),
    importFile: async (r) => (calls.push(['importFile', r]), { canceled: true }),
    writeRecovery: async (r) => (calls.push(['writeRecovery', r]), { savedAt: at }),
    listRecovery: async (r) => (calls.push(['listRecovery', r]), { items: [] }),
    clearRecovery: async (r) => (calls.push(['clearRecovery', r]), {}),
    forgetRecent: async (r) => (calls.push(['forgetRecent', r]), {}),
    openDropped: async (r) => (calls.push(['openDropped', r]), { path: r.paths[0]! }),
    reportState: async (r) => (calls.push(['reportState', r]), {}),
    answerClose: async (r) => (calls.push(['answerClose', r]), {}),
    listUserClauses: async (r) => (calls.push(['listUserClauses', r]), { items: [], problems: [] }),
    saveUserClause: async (r) => (calls.push(['saveUserClause', r]), { id: r.clause.id, savedAt: at, replaced: false }),
    deleteUserClause: async (r) => (calls.push(['deleteUserClause', r]), {}),
    importClausePack: async (r) => (calls.push(['importClausePack', r]), { canceled: true }),
    exportClausePack: async (r) => (calls.push(['exportClausePack', r]), { canceled: true }),
    ...overrides,
  };
  return { h, calls };
}

describe('electron/ipc: validateSender', () => {
  it('trusts the main frame of our window showing the app', () => {
    expect(validateSender(good, 3)).toEqual({ ok: true });
  });

  it.each<[string, SenderInfo, number | null]>([
    ['another window', { ...good, webContentsId: 4 }, 3],
    ['an iframe', { ...good, isMainFrame: false }, 3],
    ['a page that is not the app', { ...good, frameUrl: 'https://example.org/' }, 3],
    ['a file:// page', { ...good, frameUrl: 'file:///tmp/x.html' }, 3],
    ['a look-alike host', { ...good, frameUrl: 'app://ordwright.evil/index.html' }, 3],
    ['a destroyed frame', { ...good, frameUrl: null }, 3],
    ['no window at all', good, null],
  ])('refuses %s', (_what, sender, trusted) => {
    const r = validateSender(sender, trusted);
    expect(r.ok).toBe(false);
  });

  it('reads the sender from an IPC event: main frame only when the frame is the main frame', () => {
    const mainFrame = { url: 'app://ordwright/index.html' };
    const child = { url: 'app://ordwright/index.html' };
    expect(senderInfoOf({ sender: { id: 9, mainFrame }, senderFrame: mainFrame })).toEqual({ webContentsId: 9, frameUrl: 'app://ordwright/index.html', isMainFrame: true });
    expect(senderInfoOf({ sender: { id: 9, mainFrame }, senderFrame: child }).isMainFrame).toBe(false);
    expect(senderInfoOf({ sender: { id: 9, mainFrame }, senderFrame: null })).toEqual({ webContentsId: 9, frameUrl: null, isMainFrame: false });
  });
});

describe('electron/ipc: createIpcTable', () => {
  it('has one handler per channel', () => {
    const table = createIpcTable(recordingHandlers().h, () => 3);
    expect(Object.keys(table).sort()).toEqual(HOST_METHODS.map((m) => HOST_CHANNELS[m]).sort());
  });

  it('refuses an untrusted sender before parsing or running anything', async () => {
    const { h, calls } = recordingHandlers();
    const table = createIpcTable(h, () => 3);
    const r = await table[HOST_CHANNELS.saveProject]({ ...good, isMainFrame: false }, { path: '/etc/passwd', text: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('parses the payload: a bad one never reaches the handler', async () => {
    const { h, calls } = recordingHandlers();
    const table = createIpcTable(h, () => 3);
    for (const payload of [undefined, null, 'text', { path: '' , text: 'x' }, { path: 'a\0b', text: 'x' }, { path: 'a', text: 'x', extra: 1 }]) {
      const r = await table[HOST_CHANNELS.saveProject](good, payload);
      expect(r.ok, JSON.stringify(payload)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad-request');
    }
    expect(calls).toEqual([]);
    const ok = await table[HOST_CHANNELS.saveProject](good, { path: '/p/a.ordinance.json', text: 'x' });
    expect(ok.ok).toBe(true);
    expect(calls).toEqual([['saveProject', { path: '/p/a.ordinance.json', text: 'x' }]]);
  });

  it('turns a thrown failure into an error result with its code, and anything else into internal', async () => {
    const table = createIpcTable(
      recordingHandlers({
        openProject: async () => {
          throw new HostFailure('not-found', 'The project "x" does not exist');
        },
        listRecent: async () => {
          throw new TypeError('boom');
        },
      }).h,
      () => 3,
    );
    expect(await table[HOST_CHANNELS.openProject](good, {})).toEqual({ ok: false, error: { code: 'not-found', message: 'The project "x" does not exist' } });
    expect(await table[HOST_CHANNELS.listRecent](good, {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom') } });
  });

  it('checks the response too: a malformed one becomes bad-response', async () => {
    const table = createIpcTable(recordingHandlers({ listRecent: async () => ({ items: [{ path: 5 }] }) as never }).h, () => 3);
    expect(await table[HOST_CHANNELS.listRecent](good, {})).toMatchObject({ ok: false, error: { code: 'bad-response' } });
  });
});

describe('electron/ipc: the new channels parse their payloads too', () => {
  it('a clause that breaks the clause schema, a bad close answer or a bad drop never reach their handlers', async () => {
    const { h, calls } = recordingHandlers();
    const table = createIpcTable(h, () => 3);
    const bad: [string, unknown][] = [
      [HOST_CHANNELS.saveUserClause, { clause: { id: 'Not A Slug', title: 'x' } }],
      [HOST_CHANNELS.saveUserClause, { clause: {}, replace: 'yes' }],
      [HOST_CHANNELS.deleteUserClause, { id: '../../etc/passwd' }],
      [HOST_CHANNELS.answerClose, { requestId: 'r1', proceed: 'yes' }],
      [HOST_CHANNELS.answerClose, { requestId: '../r', proceed: true }],
      [HOST_CHANNELS.reportState, { name: 'x', path: null, dirty: 1 }],
      [HOST_CHANNELS.openDropped, { paths: [] }],
      [HOST_CHANNELS.openDropped, { paths: ['a\0b'] }],
      [HOST_CHANNELS.importClausePack, { from: 'network' }],
      [HOST_CHANNELS.exportClausePack, { suggestedName: 'x', ids: ['Bad Id'] }],
      [HOST_CHANNELS.forgetRecent, { path: '' }],
    ];
    for (const [channel, payload] of bad) {
      const r = await table[channel as keyof typeof table](good, payload);
      expect(r, `${channel} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(calls).toEqual([]);
    expect(await table[HOST_CHANNELS.answerClose](good, { requestId: 'r1', proceed: true })).toEqual({ ok: true, value: {} });
    expect(calls).toEqual([['answerClose', { requestId: 'r1', proceed: true }]]);
  });
});
