import type { MenuAction, RecentItem } from '../core/host';

/**
 * The native menu as data. main.ts turns it into an Electron Menu: an item with a
 * `role` is handled by Electron itself (clipboard, zoom, quit); an item with an
 * `action` sends a menu event to the renderer, which does the work through the same
 * code paths as its own toolbar buttons; an item with a `command` is done by main
 * itself (printing, the recent list).
 */

/** What main does itself, without the renderer. */
export type MainCommand = 'print' | 'export-pdf' | 'clear-recent';

export type MenuRole =
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'zoomIn'
  | 'zoomOut'
  | 'resetZoom'
  | 'toggleDevTools'
  | 'togglefullscreen'
  | 'quit'
  | 'appMenu'
  | 'close'
  | 'minimize'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'front'
  | 'services'
  | 'windowMenu';

export interface MenuItemSpec {
  id: string;
  label?: string;
  accelerator?: string;
  role?: MenuRole;
  action?: MenuAction;
  command?: MainCommand;
  /** For open-recent: the project to open. */
  path?: string;
  enabled?: boolean;
  type?: 'separator' | 'submenu';
  submenu?: MenuItemSpec[];
}

export interface MenuInput {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appName: string;
  recent: RecentItem[];
}

const sep = (id: string): MenuItemSpec => ({ id, type: 'separator' });
const act = (id: string, label: string, action: MenuAction, accelerator?: string): MenuItemSpec => ({
  id,
  label,
  action,
  ...(accelerator ? { accelerator } : {}),
});
const cmd = (id: string, label: string, command: MainCommand, accelerator?: string): MenuItemSpec => ({
  id,
  label,
  command,
  ...(accelerator ? { accelerator } : {}),
});

/** A recent project's menu label: a missing one says so (and cannot be chosen). Ampersands would become mnemonics. */
export function recentLabel(item: RecentItem): string {
  const name = item.name.replace(/&/g, '&&');
  return item.missing ? `${name} (not found)` : name;
}

export function buildMenuTemplate(input: MenuInput): MenuItemSpec[] {
  const isMac = input.platform === 'darwin';
  const isWin = input.platform === 'win32';
  const recent: MenuItemSpec[] = input.recent.length
    ? [
        ...input.recent.map(
          (r, i): MenuItemSpec =>
            r.missing
              ? { id: `file.recent.${i}`, label: recentLabel(r), enabled: false }
              : { id: `file.recent.${i}`, label: recentLabel(r), action: 'open-recent', path: r.path },
        ),
        sep('file.recent.sep'),
        cmd('file.recent.clear', '&Clear Recent', 'clear-recent'),
      ]
    : [{ id: 'file.recent.none', label: 'No recent projects', enabled: false }];

  const file: MenuItemSpec = {
    id: 'file',
    label: '&File',
    type: 'submenu',
    submenu: [
      act('file.new', '&New Project', 'new', 'CmdOrCtrl+N'),
      act('file.open', '&Open…', 'open', 'CmdOrCtrl+O'),
      { id: 'file.recent', label: 'Open &Recent', type: 'submenu', submenu: recent },
      sep('file.sep1'),
      act('file.save', '&Save', 'save', 'CmdOrCtrl+S'),
      act('file.saveAs', 'Save &As…', 'save-as', 'CmdOrCtrl+Shift+S'),
      sep('file.sep2'),
      act('file.export', '&Export to Word…', 'export', 'CmdOrCtrl+E'),
      cmd('file.exportPdf', 'Export as P&DF…', 'export-pdf'),
      act('file.import', '&Import…', 'import', 'CmdOrCtrl+I'),
      sep('file.sep3'),
      cmd('file.print', '&Print…', 'print', 'CmdOrCtrl+P'),
      sep('file.sep4'),
      // on macOS, Quit lives in the app menu and File ends with Close Window; Windows says Exit (Alt+F4)
      isMac
        ? { id: 'file.close', role: 'close' }
        : isWin
          ? { id: 'file.quit', label: 'E&xit', role: 'quit' }
          : { id: 'file.quit', label: '&Quit', role: 'quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  };

  const edit: MenuItemSpec = {
    id: 'edit',
    label: '&Edit',
    type: 'submenu',
    submenu: [
      // undo and redo go to the editor's own history, not the web contents' one
      act('edit.undo', '&Undo', 'undo', 'CmdOrCtrl+Z'),
      // Windows programs redo with Ctrl+Y; the editor's keymap takes Ctrl+Shift+Z there too
      act('edit.redo', '&Redo', 'redo', isWin ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z'),
      sep('edit.sep1'),
      { id: 'edit.cut', label: 'Cu&t', role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { id: 'edit.copy', label: '&Copy', role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { id: 'edit.paste', label: '&Paste', role: 'paste', accelerator: 'CmdOrCtrl+V' },
      { id: 'edit.selectAll', label: 'Select &All', role: 'selectAll', accelerator: 'CmdOrCtrl+A' },
      sep('edit.sep2'),
      act('edit.find', '&Find…', 'find', 'CmdOrCtrl+F'),
      act('edit.replace', 'R&eplace…', 'replace', isMac ? 'Alt+Cmd+F' : 'CmdOrCtrl+H'),
    ],
  };

  const view: MenuItemSpec = {
    id: 'view',
    label: '&View',
    type: 'submenu',
    submenu: [
      act('view.toggleLeft', 'Toggle &Library and Outline', 'toggle-left-sidebar', 'CmdOrCtrl+Shift+L'),
      act('view.toggleRight', 'Toggle &Coverage and Checks', 'toggle-right-sidebar', 'CmdOrCtrl+Shift+K'),
      sep('view.sep1'),
      act('view.matrix', 'Coverage &Matrix', 'coverage-matrix', 'CmdOrCtrl+Shift+M'),
      sep('view.sepZoom'),
      // the page's own zoom (remembered by the app), not Electron's window zoom
      act('view.zoomIn', 'Zoom &In', 'zoom-in', 'CmdOrCtrl+='),
      act('view.zoomOut', 'Zoom &Out', 'zoom-out', 'CmdOrCtrl+-'),
      act('view.resetZoom', '&Actual Size', 'reset-zoom', 'CmdOrCtrl+0'),
      sep('view.sep2'),
      { id: 'view.fullscreen', label: 'Toggle &Full Screen', role: 'togglefullscreen', accelerator: isMac ? 'Ctrl+Cmd+F' : 'F11' },
      ...(input.isPackaged
        ? []
        : [sep('view.sep3'), { id: 'view.devtools', label: 'Toggle &Developer Tools', role: 'toggleDevTools' as const, accelerator: isMac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' }]),
    ],
  };

  const library: MenuItemSpec = {
    id: 'library',
    label: '&Library',
    type: 'submenu',
    submenu: [
      act('library.open', '&My Clause Library…', 'open-user-library'),
      act('library.save', '&Save Section to My Library…', 'save-to-user-library'),
    ],
  };

  const help: MenuItemSpec = {
    id: 'help',
    label: '&Help',
    type: 'submenu',
    submenu: [act('help.about', `&About ${input.appName}`, 'about')],
  };

  const template: MenuItemSpec[] = [file, edit, view, library, help];
  if (isMac) {
    // the standard Window menu (Minimize, Zoom, Bring All to Front), before Help
    template.splice(template.indexOf(help), 0, { id: 'window', role: 'windowMenu' });
    template.unshift({
      id: 'app',
      label: input.appName,
      type: 'submenu',
      submenu: [
        act('app.about', `About ${input.appName}`, 'about'),
        sep('app.sep1'),
        { id: 'app.services', role: 'services' },
        sep('app.sep1b'),
        { id: 'app.hide', role: 'hide' },
        { id: 'app.hideOthers', role: 'hideOthers' },
        { id: 'app.unhide', role: 'unhide' },
        sep('app.sep2'),
        { id: 'app.quit', role: 'quit', accelerator: 'Cmd+Q' },
      ],
    });
  }
  return template;
}

/** Every item of a template, depth first (for lookups and tests). */
export function flattenMenu(items: MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((i) => [i, ...(i.submenu ? flattenMenu(i.submenu) : [])]);
}
