import { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CLOSE_REQUEST_CHANNEL, HOST_CHANNELS, HOST_METHODS, MENU_CHANNEL } from '../../core/host';
import { sampleProjectText } from '../contract/host-contract';

/**
 * electron/main.ts is wiring only; this checks the wiring. The Electron binary cannot
 * run here, so 'electron' is a recording fake: main.ts runs for real against it, and the
 * test inspects what it registered, then drives the registered handlers and events.
 */
const fake = vi.hoisted(() => {
  // node:events, required here because vi.hoisted runs before the imports
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events');
  const dirs = { userData: '', documents: '' };
  const calls: Record<string, unknown[][]> = {};
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      (calls[name] ??= []).push(args);
    };
  let readyResolve: () => void = () => undefined;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const appEvents = new Map<string, ((...a: unknown[]) => void)[]>();
  const ipcHandlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
  let protocolHandler: ((req: { url: string }) => Promise<Response>) | null = null;
  let beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
  let permissionRequest: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
  const menus: unknown[] = [];
  /** Scripted answers of the native dialogs, in order. */
  const dialogAnswers: { save: (string | null)[]; open: (string[] | null)[]; message: number[] } = { save: [], open: [], message: [] };

  class WebContents extends Emitter {
    id = 41;
    mainFrame = { url: 'app://ordwright/index.html' };
    sent: [string, unknown][] = [];
    printed: unknown[] = [];
    loading = false;
    send(channel: string, message: unknown) {
      this.sent.push([channel, message]);
    }
    isLoading() {
      return this.loading;
    }
    print(options: unknown, cb: (ok: boolean, reason: string) => void) {
      this.printed.push(options);
      cb(false, 'cancelled');
    }
    async printToPDF(options: unknown) {
      (calls.printToPDF ??= []).push([options]);
      return Buffer.from('%PDF-1.7 fake');
    }
  }

  class BrowserWindow extends Emitter {
    webContents = new WebContents();
    url?: string;
    title = '';
    documentEdited = false;
    closeCalls = 0;
    destroyed = false;
    constructor(public options: unknown) {
      super();
      windows.push(this);
      this.on('closed', () => (this.destroyed = true));
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    setTitle(t: string) {
      this.title = t;
    }
    setDocumentEdited(e: boolean) {
      this.documentEdited = e;
    }
    setRepresentedFilename() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      record('focus')();
    }
    show() {}
    /** Like Electron: 'close' can be prevented; otherwise the window is gone. */
    close() {
      this.closeCalls++;
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) this.emit('closed');
    }
    static getAllWindows() {
      return windows.filter((w) => !w.destroyed);
    }
  }
  const windows: BrowserWindow[] = [];

  const electron = {
    app: {
      name: 'Ordwright',
      isPackaged: false,
      enableSandbox: record('enableSandbox'),
      requestSingleInstanceLock: () => true,
      quit: record('quit'),
      getPath: (what: string) => (what === 'userData' ? dirs.userData : what === 'documents' ? dirs.documents : join(dirs.userData, what)),
      setPath: record('setPath'),
      getAppPath: () => '/nonexistent-app',
      whenReady: () => ready,
      on: (event: string, fn: (...a: unknown[]) => void) => appEvents.set(event, [...(appEvents.get(event) ?? []), fn]),
      addRecentDocument: record('addRecentDocument'),
      clearRecentDocuments: record('clearRecentDocuments'),
    },
    protocol: { registerSchemesAsPrivileged: record('registerSchemesAsPrivileged') },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, fn: typeof protocolHandler) => ((protocolHandler = fn), record('protocol.handle')(scheme)) },
        webRequest: { onBeforeRequest: (fn: typeof beforeRequest) => (beforeRequest = fn) },
        setPermissionRequestHandler: (fn: typeof permissionRequest) => (permissionRequest = fn),
        setPermissionCheckHandler: record('setPermissionCheckHandler'),
        setDevicePermissionHandler: record('setDevicePermissionHandler'),
        on: record('session.on'),
      },
    },
    ipcMain: { handle: (channel: string, fn: (e: unknown, p: unknown) => Promise<unknown>) => ipcHandlers.set(channel, fn) },
    Menu: {
      buildFromTemplate: (t: unknown) => {
        const menu = { t, popup: record('popup') };
        menus.push(menu);
        return menu;
      },
      setApplicationMenu: record('setApplicationMenu'),
    },
    BrowserWindow,
    dialog: {
      showOpenDialog: async (...a: unknown[]) => {
        record('showOpenDialog')(...a);
        const next = dialogAnswers.open.shift() ?? null;
        return next ? { canceled: false, filePaths: next } : { canceled: true, filePaths: [] };
      },
      showSaveDialog: async (...a: unknown[]) => {
        record('showSaveDialog')(...a);
        const next = dialogAnswers.save.shift() ?? null;
        return next ? { canceled: false, filePath: next } : { canceled: true };
      },
      showMessageBox: async (...a: unknown[]) => {
        record('showMessageBox')(...a);
        return { response: dialogAnswers.message.shift() ?? 1 };
      },
      showErrorBox: record('showErrorBox'),
    },
    nativeTheme: { shouldUseDarkColors: false },
  };
  return {
    electron,
    dirs,
    calls,
    ready: () => readyResolve(),
    appEvents,
    ipcHandlers,
    windows,
    menus,
    dialogAnswers,
    get protocolHandler() {
      return protocolHandler;
    },
    get beforeRequest() {
      return beforeRequest;
    },
    get permissionRequest() {
      return permissionRequest;
    },
    /** The application menu's template (the first menu built after setApplicationMenu). */
    get appMenu() {
      const last = fake.calls.setApplicationMenu?.at(-1)?.[0] as { t: unknown } | undefined;
      return (last?.t ?? []) as { id?: string; label?: string; submenu?: { id?: string; label?: string; enabled?: boolean; click?: () => void; submenu?: unknown[] }[] }[];
    },
  };
});
vi.mock('electron', () => fake.electron);

type Win = (typeof fake.windows)[number];
const win = (): Win => fake.windows.at(-1)!;
const settle = () => new Promise((r) => setTimeout(r, 20));

/** Call a HostApi channel as the window's main frame would. */
async function invoke(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const wc = win().webContents;
  return (await fake.ipcHandlers.get(channel)!({ sender: wc, senderFrame: wc.mainFrame }, payload)) as never;
}

describe('electron/main.ts wiring (against a recording fake of electron)', () => {
  let staleTemp: string;
  let savedCopy: string;
  let saved: string;

  beforeAll(async () => {
    fake.dirs.userData = mkdtempSync(join(tmpdir(), 'ordwright-main-'));
    fake.dirs.documents = join(fake.dirs.userData, 'Documents');
    mkdirSync(fake.dirs.documents);
    // what a crash left behind: a recovery write killed before its rename (by a process
    // that is gone), and a copy of work that was saved after all
    const recovery = join(fake.dirs.userData, 'recovery');
    mkdirSync(recovery);
    staleTemp = join(recovery, '.w1.json.999999999.0123456789ab.tmp');
    writeFileSync(staleTemp, '{"version":1,"id":"w1","tex');
    saved = join(fake.dirs.documents, 'Saved.ordinance.json');
    writeFileSync(saved, sampleProjectText('kept'));
    savedCopy = join(recovery, 'w2.json');
    writeFileSync(savedCopy, JSON.stringify({ version: 1, id: 'w2', savedAt: '2026-01-01T00:00:00.000Z', text: sampleProjectText('kept'), path: saved, name: 'Saved' }));
    writeFileSync(join(recovery, 'w3.json'), JSON.stringify({ version: 1, id: 'w3', savedAt: '2026-01-01T00:00:00.000Z', text: sampleProjectText('unsaved'), path: null, name: 'Untitled' }));

    await import('../../electron/main');
    fake.ready();
    // let whenReady's continuation (async: housekeeping, the recent list) finish
    for (let i = 0; i < 100 && fake.windows.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  });

  it('keeps its data in one folder named Ordwright', () => {
    expect(fake.calls.setPath).toEqual([['userData', join(fake.dirs.userData, 'appData', 'Ordwright')]]);
  });

  it('registers app:// as a standard, secure scheme and turns on the sandbox before ready', () => {
    expect(fake.calls.registerSchemesAsPrivileged?.[0]?.[0]).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(fake.calls.enableSandbox).toHaveLength(1);
  });

  it('opens one window with the secure options, loading the app from app://', () => {
    expect(fake.windows).toHaveLength(1);
    const w = fake.windows[0]! as unknown as { options: { webPreferences: Record<string, unknown> }; url: string };
    expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(w.options.webPreferences.preload)).toMatch(/dist-electron[\\/]preload\.cjs$/);
    expect(w.url).toBe('app://ordwright/index.html');
  });

  it('tidies the recovery folder at start: a killed writer’s temp file and a copy already saved go, unsaved work stays', async () => {
    expect(existsSync(staleTemp)).toBe(false);
    expect(existsSync(savedCopy)).toBe(false);
    const r = await invoke(HOST_CHANNELS.listRecovery, {});
    expect((r.value as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(['w3']);
  });

  it('serves app:// with the protocol handler and blocks other requests', async () => {
    expect(fake.calls['protocol.handle']).toEqual([['app']]);
    const r = await fake.protocolHandler!({ url: 'app://ordwright/index.html' });
    expect(r.status).toBe(404); // /nonexistent-app has no build: a 404, not a crash
  });

  it('the session’s request filter refuses every request outside app:// (a list of URLs)', () => {
    const decide = (url: string) => {
      let d: { cancel: boolean } | undefined;
      fake.beforeRequest!({ url }, (x) => (d = x));
      return d!.cancel ? 'blocked' : 'allowed';
    };
    const blocked = [
      'https://example.org/x.js',
      'http://localhost:5173/',
      'http://127.0.0.1/',
      'https://fonts.googleapis.com/css2?family=Inter',
      'https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic',
      'https://clients2.google.com/service/update2/crx',
      'wss://example.org/socket',
      'ws://localhost:9229/',
      'ftp://example.org/',
      'file:///etc/passwd',
      'file:///C:/Users/c/Town.ordinance.json',
      'app://elsewhere/index.html',
      'app://ordwright:8080/index.html',
      'blob:https://example.org/1234',
      'chrome-extension://abc/x.js',
      'javascript:alert(1)',
      'about:blank',
      '',
    ];
    for (const url of blocked) expect(decide(url), url).toBe('blocked');
    for (const url of ['app://ordwright/index.html', 'app://ordwright/assets/index.js', 'data:image/png;base64,AAAA', 'blob:app://ordwright/0f3e']) {
      expect(decide(url), url).toBe('allowed');
    }
  });

  it('denies permission requests and downloads', () => {
    let granted: boolean | undefined;
    fake.permissionRequest!({}, 'geolocation', (g) => (granted = g));
    expect(granted).toBe(false);
    const [event, handler] = fake.calls['session.on']![0] as [string, (e: { preventDefault(): void }) => void];
    expect(event).toBe('will-download');
    const e = { preventDefault: vi.fn() };
    handler(e);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('hardens every web contents: navigation away is prevented, window.open denied', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    for (const fn of fake.appEvents.get('web-contents-created') ?? []) fn({}, contents);
    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.org/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    contents.emit('will-navigate', inside, 'app://ordwright/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const frame = { url: 'https://example.org/', preventDefault: vi.fn() };
    contents.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown;
    expect(openHandler({ url: 'https://example.org' })).toEqual({ action: 'deny' });
  });

  it('handles every HostApi channel, and only for our window’s main frame', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(HOST_METHODS.map((m) => HOST_CHANNELS[m]).sort());
    const wc = win().webContents;
    const handler = fake.ipcHandlers.get(HOST_CHANNELS.listRecent)!;
    expect(await handler({ sender: wc, senderFrame: wc.mainFrame }, {})).toEqual({ ok: true, value: { items: [] } });
    const other = { id: 99, mainFrame: {} };
    expect(await handler({ sender: other, senderFrame: other.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const iframe = { url: 'app://ordwright/index.html' };
    expect(await handler({ sender: wc, senderFrame: iframe }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('sets the native menu; its items send menu events to the window', () => {
    expect(fake.calls.setApplicationMenu?.length).toBeGreaterThanOrEqual(1);
    const labels = fake.appMenu.map((m) => (m.label ?? '').replace('&', ''));
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Library', 'Help']));
    const file = fake.appMenu.find((m) => m.label === '&File')!;
    file.submenu!.find((i) => i.id === 'file.save')!.click!();
    expect(win().webContents.sent.at(-1)).toEqual([MENU_CHANNEL, { action: 'save' }]);
    const edit = fake.appMenu.find((m) => m.label === '&Edit')!;
    edit.submenu!.find((i) => i.id === 'edit.undo')!.click!();
    expect(win().webContents.sent.at(-1)).toEqual([MENU_CHANNEL, { action: 'undo' }]);
  });

  it('the window title follows the state the renderer reports (name and unsaved marker)', async () => {
    expect(await invoke(HOST_CHANNELS.reportState, { name: 'Riverbend draft', path: null, dirty: true })).toMatchObject({ ok: true });
    expect(win().title).toBe(process.platform === 'darwin' ? 'Riverbend draft' : '• Riverbend draft — Ordwright');
    await invoke(HOST_CHANNELS.reportState, { name: 'Riverbend draft', path: null, dirty: false });
    expect(win().title).toBe(process.platform === 'darwin' ? 'Riverbend draft' : 'Riverbend draft — Ordwright');
    // the page's own <title> does not override it
    const e = { preventDefault: vi.fn() };
    win().emit('page-title-updated', e, 'something else');
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('closing with unsaved changes asks the renderer; "stay" keeps the window, "proceed" closes it', async () => {
    const w = win();
    await invoke(HOST_CHANNELS.reportState, { name: 'Draft', path: null, dirty: true, closeGuard: true });
    const closed = vi.fn();
    w.once('closed', closed);

    w.close();
    expect(closed).not.toHaveBeenCalled();
    const [channel, request] = w.webContents.sent.at(-1)! as [string, { requestId: string; reason: string }];
    expect(channel).toBe(CLOSE_REQUEST_CHANNEL);
    expect(request.reason).toBe('close');

    // Cancel in the renderer's Save / Don't save / Cancel
    await invoke(HOST_CHANNELS.answerClose, { requestId: request.requestId, proceed: false });
    expect(closed).not.toHaveBeenCalled();

    // a second try asks again, with a new request; an answer to the old one is ignored
    w.close();
    const [, second] = w.webContents.sent.at(-1)! as [string, { requestId: string }];
    expect(second.requestId).not.toBe(request.requestId);
    await invoke(HOST_CHANNELS.answerClose, { requestId: request.requestId, proceed: true });
    expect(closed).not.toHaveBeenCalled();
    await invoke(HOST_CHANNELS.answerClose, { requestId: second.requestId, proceed: true });
    expect(closed).toHaveBeenCalledTimes(1);
  });

  it('a window without unsaved changes closes at once; quitting goes on after the renderer agrees', async () => {
    // a new window (macOS 'activate' after the last one closed)
    for (const fn of fake.appEvents.get('activate') ?? []) fn();
    const w = win();
    expect(fake.windows).toHaveLength(2);
    await invoke(HOST_CHANNELS.reportState, { name: 'Clean', path: null, dirty: false, closeGuard: true });
    const quitsBefore = fake.calls.quit?.length ?? 0;

    await invoke(HOST_CHANNELS.reportState, { name: 'Dirty', path: null, dirty: true, closeGuard: true });
    for (const fn of fake.appEvents.get('before-quit') ?? []) fn({});
    w.close();
    const [channel, request] = w.webContents.sent.at(-1)! as [string, { requestId: string; reason: string }];
    expect(channel).toBe(CLOSE_REQUEST_CHANNEL);
    expect(request.reason).toBe('quit');
    await invoke(HOST_CHANNELS.answerClose, { requestId: request.requestId, proceed: true });
    expect(fake.calls.quit?.length).toBe(quitsBefore + 1);

    // and a clean window closes without a question
    for (const fn of fake.appEvents.get('activate') ?? []) fn();
    const clean = win();
    await invoke(HOST_CHANNELS.reportState, { name: 'Clean', path: null, dirty: false, closeGuard: true });
    const sentBefore = clean.webContents.sent.length;
    const closed = vi.fn();
    clean.once('closed', closed);
    clean.close();
    expect(closed).toHaveBeenCalled();
    expect(clean.webContents.sent.length).toBe(sentBefore);
    // a fresh window for the tests below
    for (const fn of fake.appEvents.get('activate') ?? []) fn();
  });

  it('a second instance’s command line opens its project in the running window and focuses it', async () => {
    const path = join(fake.dirs.documents, 'Second.ordinance.json');
    writeFileSync(path, sampleProjectText('second'));
    const focusBefore = fake.calls.focus?.length ?? 0;
    for (const fn of fake.appEvents.get('second-instance') ?? []) fn({}, ['/opt/Ordwright/ordwright', '--allow-file-access-from-files', 'Second.ordinance.json'], fake.dirs.documents);
    expect(win().webContents.sent.at(-1)).toEqual([MENU_CHANNEL, { action: 'open-path', path }]);
    expect(fake.calls.focus?.length).toBe(focusBefore + 1);
    // and the renderer may now open it by path
    const r = await invoke(HOST_CHANNELS.openProject, { path });
    expect(r).toMatchObject({ ok: true, value: { canceled: false, name: 'Second' } });
  });

  it('macOS open-file opens the project too', async () => {
    const path = join(fake.dirs.documents, 'Finder.ordinance.json');
    writeFileSync(path, sampleProjectText('finder'));
    const e = { preventDefault: vi.fn() };
    for (const fn of fake.appEvents.get('open-file') ?? []) fn(e, path);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(win().webContents.sent.at(-1)).toEqual([MENU_CHANNEL, { action: 'open-path', path }]);
  });

  it('a project dropped on the window opens through the same open-path event; other files are refused', async () => {
    const path = join(fake.dirs.documents, 'Dropped.ordinance.json');
    writeFileSync(path, sampleProjectText('dropped'));
    writeFileSync(join(fake.dirs.documents, 'notes.docx'), 'PK');
    const r = await invoke(HOST_CHANNELS.openDropped, { paths: [join(fake.dirs.documents, 'notes.docx'), path] });
    expect(r).toEqual({ ok: true, value: { path } });
    expect(win().webContents.sent.at(-1)).toEqual([MENU_CHANNEL, { action: 'open-path', path }]);
    const bad = await invoke(HOST_CHANNELS.openDropped, { paths: [join(fake.dirs.documents, 'notes.docx')] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('"notes.docx"') } });
  });

  it('the editor’s context menu offers cut, copy, paste, insert cross-reference and show definition', () => {
    const before = fake.menus.length;
    win().webContents.emit('context-menu', {}, { isEditable: true, selectionText: 'agency', editFlags: { canCut: true, canCopy: true, canPaste: true, canSelectAll: true } });
    const menu = fake.menus.at(-1) as { t: { id?: string; role?: string; click?: () => void }[] };
    expect(fake.menus.length).toBe(before + 1);
    expect(menu.t.map((i) => i.role ?? i.id)).toEqual(
      expect.arrayContaining(['cut', 'copy', 'paste', 'ctx.xref', 'ctx.definition']),
    );
    menu.t.find((i) => i.id === 'ctx.definition')!.click!();
    expect(win().webContents.sent.at(-1)).toEqual([MENU_CHANNEL, { action: 'show-definition' }]);
    expect(fake.calls.popup?.length).toBeGreaterThanOrEqual(1);
  });

  it('Print goes to webContents.print; Export as PDF asks where, renders with printToPDF and writes the file', async () => {
    const file = fake.appMenu.find((m) => m.label === '&File')!;
    file.submenu!.find((i) => i.id === 'file.print')!.click!();
    expect(win().webContents.printed).toHaveLength(1);
    expect(fake.calls.showErrorBox ?? []).toEqual([]); // a canceled print is not an error

    await invoke(HOST_CHANNELS.reportState, { name: 'Riverbend', path: null, dirty: false, closeGuard: true });
    const target = join(fake.dirs.documents, 'Riverbend.pdf');
    fake.dialogAnswers.save.push(target);
    file.submenu!.find((i) => i.id === 'file.exportPdf')!.click!();
    // the export runs on its own (dialog, render, an fsync'd write): wait for the file, not a fixed time
    for (let i = 0; i < 200 && !existsSync(target); i++) await settle();
    const [, options] = fake.calls.showSaveDialog!.at(-1)! as [unknown, { defaultPath: string; filters: { extensions: string[] }[] }];
    expect(options.defaultPath).toMatch(/Riverbend\.pdf$/);
    expect(options.filters[0]!.extensions).toEqual(['pdf']);
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake');
    expect(readdirSync(fake.dirs.documents).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('Clear Recent empties the list and the menu', async () => {
    expect(((await invoke(HOST_CHANNELS.listRecent, {})).value as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const recentMenu = fake.appMenu.find((m) => m.label === '&File')!.submenu!.find((i) => i.id === 'file.recent')! as { submenu: { id?: string; click?: () => void }[] };
    recentMenu.submenu.find((i) => i.id === 'file.recent.clear')!.click!();
    for (let i = 0; i < 200 && (fake.appMenu.find((m) => m.label === '&File')!.submenu!.find((x) => x.id === 'file.recent')! as { submenu: unknown[] }).submenu.length !== 1; i++) await settle();
    expect(((await invoke(HOST_CHANNELS.listRecent, {})).value as { items: unknown[] }).items).toEqual([]);
    const after = fake.appMenu.find((m) => m.label === '&File')!.submenu!.find((i) => i.id === 'file.recent')! as { submenu: { label?: string }[] };
    expect(after.submenu.map((i) => i.label)).toEqual(['No recent projects']);
  });
});
