import { describe, expect, it } from 'vitest';
import { MenuAction } from '../../core/host';
import { buildMenuTemplate, flattenMenu, type MenuInput } from '../../electron/menu';

const base: MenuInput = { platform: 'linux', isPackaged: true, appName: 'Ordwright', recent: [] };

function labels(template: ReturnType<typeof buildMenuTemplate>): string[] {
  return template.map((m) => (m.label ?? '').replace('&', ''));
}
function item(template: ReturnType<typeof buildMenuTemplate>, id: string) {
  const found = flattenMenu(template).find((i) => i.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

describe('electron/menu', () => {
  it('has File, Edit, View, Library and Help (and the app and Window menus on macOS)', () => {
    expect(labels(buildMenuTemplate(base))).toEqual(['File', 'Edit', 'View', 'Library', 'Help']);
    expect(labels(buildMenuTemplate({ ...base, platform: 'win32' }))).toEqual(['File', 'Edit', 'View', 'Library', 'Help']);
    const mac = buildMenuTemplate({ ...base, platform: 'darwin' });
    expect(labels(mac)).toEqual(['Ordwright', 'File', 'Edit', 'View', 'Library', '', 'Help']);
    expect(mac[5]).toMatchObject({ id: 'window', role: 'windowMenu' });
  });

  it('gives the usual accelerators', () => {
    const t = buildMenuTemplate(base);
    expect(item(t, 'file.new').accelerator).toBe('CmdOrCtrl+N');
    expect(item(t, 'file.open').accelerator).toBe('CmdOrCtrl+O');
    expect(item(t, 'file.save').accelerator).toBe('CmdOrCtrl+S');
    expect(item(t, 'file.saveAs').accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(item(t, 'edit.undo').accelerator).toBe('CmdOrCtrl+Z');
    expect(item(t, 'edit.redo').accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(item(t, 'edit.cut').accelerator).toBe('CmdOrCtrl+X');
    expect(item(t, 'edit.copy').accelerator).toBe('CmdOrCtrl+C');
    expect(item(t, 'edit.paste').accelerator).toBe('CmdOrCtrl+V');
    expect(item(t, 'edit.selectAll').accelerator).toBe('CmdOrCtrl+A');
    expect(item(t, 'edit.find').accelerator).toBe('CmdOrCtrl+F');
    expect(item(t, 'view.zoomIn').accelerator).toBe('CmdOrCtrl+=');
    expect(item(t, 'view.zoomOut').accelerator).toBe('CmdOrCtrl+-');
    expect(item(t, 'view.resetZoom').accelerator).toBe('CmdOrCtrl+0');
    expect(item(t, 'file.quit').accelerator).toBe('CmdOrCtrl+Q');
  });

  it('no accelerator is used twice', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const accels = flattenMenu(buildMenuTemplate({ ...base, platform, isPackaged: false }))
        .map((i) => i.accelerator)
        .filter((a): a is string => !!a);
      expect(new Set(accels).size, platform).toBe(accels.length);
    }
  });

  it('every item either has a role, sends a known action, runs a main command, is a submenu, a separator or disabled', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const recent = [
        { path: '/p/a.ordinance.json', name: 'a', openedAt: new Date().toISOString() },
        { path: '/p/gone.ordinance.json', name: 'gone', openedAt: new Date().toISOString(), missing: true },
      ];
      for (const i of flattenMenu(buildMenuTemplate({ ...base, platform, recent }))) {
        const kinds = [i.role, i.action, i.command, i.submenu, i.type === 'separator' ? true : undefined, i.enabled === false ? true : undefined].filter((k) => k !== undefined);
        expect(kinds.length, i.id).toBeGreaterThanOrEqual(1);
        if (i.action) expect(MenuAction.options).toContain(i.action);
        if (i.command) expect(['print', 'export-pdf', 'clear-recent']).toContain(i.command);
      }
      const ids = flattenMenu(buildMenuTemplate({ ...base, platform, recent })).map((i) => i.id);
      expect(new Set(ids).size, platform).toBe(ids.length);
    }
  });

  it('Print and Export as PDF are main’s own commands; the library menu reaches the user clause library', () => {
    const t = buildMenuTemplate(base);
    expect(item(t, 'file.print')).toMatchObject({ command: 'print', accelerator: 'CmdOrCtrl+P' });
    expect(item(t, 'file.exportPdf')).toMatchObject({ command: 'export-pdf' });
    expect(item(t, 'library.open').action).toBe('open-user-library');
    expect(item(t, 'library.save').action).toBe('save-to-user-library');
  });

  it('follows each platform: Exit without Ctrl+Q and redo on Ctrl+Y on Windows', () => {
    const win = buildMenuTemplate({ ...base, platform: 'win32' });
    expect(item(win, 'file.quit')).toMatchObject({ label: 'E&xit', role: 'quit' });
    expect(item(win, 'file.quit').accelerator).toBeUndefined();
    expect(item(win, 'edit.redo').accelerator).toBe('Ctrl+Y');
    expect(item(buildMenuTemplate(base), 'edit.redo').accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(item(buildMenuTemplate({ ...base, platform: 'darwin' }), 'edit.redo').accelerator).toBe('CmdOrCtrl+Shift+Z');
  });

  it('File has New, Open, Open Recent, Save, Save As, Export, Import, Quit; Edit clipboard roles; View zoom and sidebars', () => {
    const t = buildMenuTemplate(base);
    expect(item(t, 'file.new').action).toBe('new');
    expect(item(t, 'file.open').action).toBe('open');
    expect(item(t, 'file.recent').type).toBe('submenu');
    expect(item(t, 'file.save').action).toBe('save');
    expect(item(t, 'file.saveAs').action).toBe('save-as');
    expect(item(t, 'file.export').action).toBe('export');
    expect(item(t, 'file.import').action).toBe('import');
    expect(item(t, 'file.quit').role).toBe('quit');
    // undo and redo go to the editor's history, not to the web contents
    expect(item(t, 'edit.undo').action).toBe('undo');
    expect(item(t, 'edit.redo').action).toBe('redo');
    expect(['cut', 'copy', 'paste', 'selectAll'].map((r) => item(t, `edit.${r}`).role)).toEqual(['cut', 'copy', 'paste', 'selectAll']);
    expect(item(t, 'edit.find').action).toBe('find');
    expect(item(t, 'view.toggleLeft').action).toBe('toggle-left-sidebar');
    expect(item(t, 'view.toggleRight').action).toBe('toggle-right-sidebar');
    expect(item(t, 'help.about').action).toBe('about');
  });

  it('offers developer tools only in development builds', () => {
    const has = (isPackaged: boolean) => flattenMenu(buildMenuTemplate({ ...base, isPackaged })).some((i) => i.role === 'toggleDevTools');
    expect(has(true)).toBe(false);
    expect(has(false)).toBe(true);
  });

  it('lists recent projects, or says there are none', () => {
    const empty = item(buildMenuTemplate(base), 'file.recent').submenu!;
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({ enabled: false, label: 'No recent projects' });

    const recent = [
      { path: '/home/c/Riverbend.ordinance.json', name: 'Riverbend', openedAt: '2026-01-02T00:00:00.000Z' },
      { path: '/home/c/Lakeview.ordinance.json', name: 'Lakeview', openedAt: '2026-01-01T00:00:00.000Z' },
    ];
    const sub = item(buildMenuTemplate({ ...base, recent }), 'file.recent').submenu!;
    expect(sub.map((i) => [i.label, i.action, i.path])).toEqual([
      ['Riverbend', 'open-recent', '/home/c/Riverbend.ordinance.json'],
      ['Lakeview', 'open-recent', '/home/c/Lakeview.ordinance.json'],
      [undefined, undefined, undefined],
      ['&Clear Recent', undefined, undefined],
    ]);
    expect(sub.at(-1)!.command).toBe('clear-recent');
  });

  it('marks a recent project that is missing, and it cannot be chosen; "&" is not a mnemonic', () => {
    const recent = [
      { path: '/x/Gone.ordinance.json', name: 'Gone', openedAt: '2026-01-02T00:00:00.000Z', missing: true },
      { path: '/x/R&D.ordinance.json', name: 'R&D', openedAt: '2026-01-01T00:00:00.000Z' },
    ];
    const sub = item(buildMenuTemplate({ ...base, recent }), 'file.recent').submenu!;
    expect(sub[0]).toMatchObject({ label: 'Gone (not found)', enabled: false });
    expect(sub[0]!.action).toBeUndefined();
    expect(sub[1]).toMatchObject({ label: 'R&&D', action: 'open-recent' });
  });

  it('on macOS, Quit and About live in the app menu', () => {
    const t = buildMenuTemplate({ ...base, platform: 'darwin' });
    expect(item(t, 'app.quit').role).toBe('quit');
    expect(item(t, 'app.about').action).toBe('about');
    expect(flattenMenu(t).some((i) => i.id === 'file.quit')).toBe(false);
    expect(item(t, 'file.close').role).toBe('close');
  });
});

describe('electron/menu: the page, not the window', () => {
  it('zoom, replace and the coverage matrix are app actions the renderer handles', () => {
    const t = buildMenuTemplate(base);
    for (const [id, action] of [
      ['view.zoomIn', 'zoom-in'],
      ['view.zoomOut', 'zoom-out'],
      ['view.resetZoom', 'reset-zoom'],
      ['view.matrix', 'coverage-matrix'],
      ['edit.replace', 'replace'],
    ] as const) {
      const i = item(t, id);
      expect(i.role, id).toBeUndefined();
      expect(i.action, id).toBe(action);
      expect(MenuAction.safeParse(action).success).toBe(true);
    }
    expect(item(t, 'edit.replace').accelerator).toBe('CmdOrCtrl+H');
    expect(item(buildMenuTemplate({ ...base, platform: 'darwin' }), 'edit.replace').accelerator).toBe('Alt+Cmd+F');
  });
});
