import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, session, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { CLOSE_REQUEST_CHANNEL, type MenuEvent, MENU_CHANNEL } from '../core/host';
import { atomicWrite } from '../core/node/atomic-write';
import { APP_ENTRY_URL, APP_SCHEME } from './app-url';
import { projectPathFromArgv } from './argv';
import { CloseGuard } from './close-guard';
import { buildContextMenuTemplate } from './context-menu';
import { createDesktopHost, type ReportedState } from './desktop-host';
import {
  clausePackDialog,
  confirmReplaceDialog,
  exportDialog,
  importDialog,
  openProjectDialog,
  saveProjectDialog,
  unansweredCloseDialog,
} from './dialogs';
import type { Dialogs } from './files';
import { createIpcTable, senderInfoOf } from './ipc';
import type { LibraryDialogs } from './library-host';
import { buildMenuTemplate, type MainCommand, type MenuItemSpec } from './menu';
import { decideNavigation, decideWebviewAttach, windowOpenHandler } from './navigation';
import { devicePermissionHandler, permissionCheckHandler, permissionRequestHandler } from './permissions';
import { exportPdf, pdfOptions, printOptions } from './print';
import { createProtocolHandler } from './protocol';
import { decideRequest } from './requests';
import { windowTitle } from './title';
import { windowOptions } from './window-options';

/**
 * Electron main: wiring only. Every decision lives in a plain module beside this one
 * (and is tested there); this file hands those decisions to Electron.
 */

// Must run before 'ready': app:// is a standard, secure origin with fetch support, so
// module scripts, same-origin checks and the CSP's 'self' work as they do on https.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();
// One data folder, whatever package.json's name: ~/.config/Ordwright, %APPDATA%\Ordwright,
// ~/Library/Application Support/Ordwright (recovery copies, the recent list, the user library)
app.setPath('userData', join(app.getPath('appData'), 'Ordwright'));

let mainWindow: BrowserWindow | null = null;
let closeGuard: CloseGuard | null = null;
let documentState: ReportedState | null = null;
let pendingOpen: string | null = projectPathFromArgv(process.argv, process.cwd());

function sendMenu(event: MenuEvent): void {
  mainWindow?.webContents.send(MENU_CHANNEL, event);
}

function toElectronMenu(items: MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map((i): MenuItemConstructorOptions => {
    if (i.type === 'separator') return { type: 'separator' };
    const base: MenuItemConstructorOptions = { id: i.id, label: i.label, accelerator: i.accelerator, enabled: i.enabled ?? true };
    if (i.submenu) return { ...base, submenu: toElectronMenu(i.submenu) };
    if (i.role) return { ...base, role: i.role };
    const action = i.action;
    if (action) return { ...base, click: () => sendMenu({ action, ...(i.path ? { path: i.path } : {}) }) };
    const command = i.command;
    if (command) return { ...base, click: () => void runCommand(command) };
    return base;
  });
}

// dialogs are modal to the window when there is one
const showOpen = (o: Electron.OpenDialogOptions) => (mainWindow ? dialog.showOpenDialog(mainWindow, o) : dialog.showOpenDialog(o));
const showSave = (o: Electron.SaveDialogOptions) => (mainWindow ? dialog.showSaveDialog(mainWindow, o) : dialog.showSaveDialog(o));
const showMessage = (o: Electron.MessageBoxOptions) => (mainWindow ? dialog.showMessageBox(mainWindow, o) : dialog.showMessageBox(o));
const platform = process.platform;
/** Where save dialogs start: the open project's folder, else Documents. */
const startDir = (): string => {
  const current = host.files.currentPath();
  return current ? dirname(current) : app.getPath('documents');
};

const dialogs: Dialogs = {
  async chooseProjectToOpen() {
    const current = host.files.currentPath();
    const r = await showOpen(openProjectDialog(platform, current ? dirname(current) : null));
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  async chooseProjectSaveTarget(suggestedName) {
    const r = await showSave(saveProjectDialog(platform, startDir(), suggestedName));
    return r.canceled ? null : (r.filePath ?? null);
  },
  async chooseExportTarget(suggestedName) {
    const r = await showSave(exportDialog(platform, startDir(), suggestedName, 'docx'));
    return r.canceled ? null : (r.filePath ?? null);
  },
  async chooseImportFile(extensions) {
    const r = await showOpen(importDialog(extensions));
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  async confirmReplace(path) {
    return (await showMessage(confirmReplaceDialog(path, platform))).response === 0;
  },
};

const libraryDialogs: LibraryDialogs = {
  async chooseClausePack(from) {
    const r = await showOpen(clausePackDialog(from));
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
  async chooseClausePackTarget(suggestedName) {
    const r = await showSave(exportDialog(platform, app.getPath('documents'), suggestedName, 'zip'));
    return r.canceled ? null : (r.filePath ?? null);
  },
};

const host = createDesktopHost({
  userDataDir: app.getPath('userData'),
  dialogs,
  libraryDialogs,
  onRecentChanged: (items) => {
    setMenu(items);
    for (const i of items) app.addRecentDocument(i.path);
  },
  onOpenRequest: (path) => openFromOs(path),
  onState: (state) => {
    documentState = state;
    closeGuard?.report(state);
    applyTitle();
  },
  onCloseAnswer: (requestId, proceed) => closeGuard?.onAnswer(requestId, proceed),
});

function applyTitle(): void {
  const win = mainWindow;
  if (!win) return;
  const t = windowTitle(documentState, platform, app.name || 'Ordwright');
  win.setTitle(t.title);
  if (platform === 'darwin') {
    win.setDocumentEdited(t.documentEdited);
    win.setRepresentedFilename(t.representedFilename);
  }
}

function setMenu(recent: Parameters<typeof buildMenuTemplate>[0]['recent']): void {
  const template = buildMenuTemplate({ platform, isPackaged: app.isPackaged, appName: app.name || 'Ordwright', recent });
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(template)));
}

async function refreshMenu(): Promise<void> {
  setMenu((await host.handlers.listRecent({})).items);
}

async function runCommand(command: MainCommand): Promise<void> {
  const win = mainWindow;
  switch (command) {
    case 'clear-recent':
      await host.files.clearRecent();
      app.clearRecentDocuments();
      return refreshMenu();
    case 'print':
      win?.webContents.print(printOptions(), (ok, reason) => {
        // a canceled print dialog also reports failure ("cancelled"): only real errors are shown
        if (!ok && reason && !/cancel/i.test(reason)) dialog.showErrorBox('Printing failed', reason);
      });
      return;
    case 'export-pdf': {
      if (!win) return;
      const r = await exportPdf(
        {
          async chooseTarget(name) {
            const s = await showSave(exportDialog(platform, startDir(), name, 'pdf'));
            return s.canceled ? null : (s.filePath ?? null);
          },
          printToPdf: async () => new Uint8Array(await win.webContents.printToPDF(pdfOptions())),
          write: (path, bytes) => atomicWrite(path, bytes),
        },
        documentState?.name ?? 'Ordinance',
      );
      if (!r.canceled && 'error' in r) dialog.showErrorBox('Export as PDF failed', r.error);
      return;
    }
  }
}

function openFromOs(path: string): void {
  host.files.grantOpen(path);
  if (mainWindow && !mainWindow.webContents.isLoading()) sendMenu({ action: 'open-path', path });
  else pendingOpen = path;
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (e, url) => {
    if (decideNavigation(url) === 'deny') e.preventDefault();
  });
  contents.on('will-redirect', (e, url) => {
    if (decideNavigation(url) === 'deny') e.preventDefault();
  });
  contents.on('will-frame-navigate', (e) => {
    if (decideNavigation(e.url) === 'deny') e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => {
    if (decideWebviewAttach() === 'deny') e.preventDefault();
  });
  contents.setWindowOpenHandler(windowOpenHandler);
}

function createWindow(): void {
  const win = new BrowserWindow(
    windowOptions({
      preloadPath: join(app.getAppPath(), 'dist-electron', 'preload.cjs'),
      isPackaged: app.isPackaged,
      darkBackground: nativeTheme.shouldUseDarkColors,
    }),
  );
  mainWindow = win;
  documentState = null;
  const guard = new CloseGuard({
    sendCloseRequest: (request) => win.webContents.send(CLOSE_REQUEST_CHANNEL, request),
    closeWindow: () => win.close(),
    continueQuit: () => app.quit(),
    confirmCloseUnanswered: async () => (await dialog.showMessageBox(win, unansweredCloseDialog(documentState?.name ?? 'The project'))).response === 0,
    newRequestId: () => randomBytes(9).toString('base64url'),
    now: () => Date.now(),
  });
  closeGuard = guard;

  win.once('ready-to-show', () => win.show());
  win.on('close', (e) => {
    if (!guard.onClose()) e.preventDefault();
  });
  win.on('closed', () => {
    if (mainWindow === win) {
      mainWindow = null;
      closeGuard = null;
    }
  });
  // the title is main's (electron/title.ts), from the state the renderer reports
  win.on('page-title-updated', (e) => e.preventDefault());
  win.on('unresponsive', () => void guard.rendererUnresponsive());
  win.webContents.on('render-process-gone', () => guard.rendererCrashed());
  win.webContents.on('did-navigate', () => guard.pageLoaded());
  win.webContents.on('context-menu', (_e, params) => {
    const template = buildContextMenuTemplate(params);
    if (template.length) Menu.buildFromTemplate(toElectronMenu(template)).popup({ window: win });
  });
  win.webContents.on('did-finish-load', () => {
    if (pendingOpen) {
      sendMenu({ action: 'open-path', path: pendingOpen });
      pendingOpen = null;
    }
  });
  applyTitle();
  void win.loadURL(APP_ENTRY_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_e, argv, cwd) => {
    const path = projectPathFromArgv(argv, cwd);
    if (path) openFromOs(path);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  // macOS delivers opened files through this event, possibly before 'ready'
  app.on('open-file', (e, path) => {
    e.preventDefault();
    openFromOs(path);
  });
  if (pendingOpen) host.files.grantOpen(pendingOpen);

  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
  app.on('before-quit', () => closeGuard?.beforeQuit());

  void app.whenReady().then(async () => {
    const ses = session.defaultSession;
    ses.protocol.handle(APP_SCHEME, createProtocolHandler(join(app.getAppPath(), 'dist', 'renderer')));
    ses.webRequest.onBeforeRequest((details, callback) => callback(decideRequest(details.url)));
    ses.setPermissionRequestHandler(permissionRequestHandler);
    ses.setPermissionCheckHandler(permissionCheckHandler);
    ses.setDevicePermissionHandler(devicePermissionHandler);
    // no downloads: exports go through a save dialog in main, never through the page
    ses.on('will-download', (e) => e.preventDefault());

    const table = createIpcTable(host.handlers, () => mainWindow?.webContents.id ?? null);
    for (const [channel, handler] of Object.entries(table)) {
      ipcMain.handle(channel, (event, payload: unknown) => handler(senderInfoOf(event), payload));
    }

    // housekeeping of a crash: leftovers of a killed writer, copies already saved, an interrupted pack import
    await host.files.tidyRecovery().catch(() => undefined);
    await host.library.recover().catch(() => undefined);

    await refreshMenu();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
