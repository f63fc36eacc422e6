import { describe, expect, it } from 'vitest';
import { windowOptions } from '../../electron/window-options';

describe('electron/window-options', () => {
  const opts = windowOptions({ preloadPath: '/app/dist-electron/preload.cjs', isPackaged: true });
  const web = opts.webPreferences!;

  it('isolates and sandboxes the renderer, with Node kept out of every context', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.enableWebSQL).toBe(false);
    expect(web.spellcheck).toBe(false);
  });

  it('loads the given preload and only that', () => {
    expect(web.preload).toBe('/app/dist-electron/preload.cjs');
  });

  it('offers dev tools in development only', () => {
    expect(web.devTools).toBe(false);
    expect(windowOptions({ preloadPath: 'p', isPackaged: false }).webPreferences!.devTools).toBe(true);
  });

  it('shows the window only when ready, on the theme background', () => {
    expect(opts.show).toBe(false);
    expect(opts.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(windowOptions({ preloadPath: 'p', isPackaged: true, darkBackground: true }).backgroundColor).not.toBe(opts.backgroundColor);
    expect(opts.minWidth).toBeGreaterThanOrEqual(800);
  });
});
