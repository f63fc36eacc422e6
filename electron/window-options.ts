import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of dist-electron/preload.cjs. */
  preloadPath: string;
  /** app.isPackaged: dev tools are only available in development builds. */
  isPackaged: boolean;
  /** Background painted before the renderer's first frame (matches the theme). */
  darkBackground?: boolean;
}

/**
 * The options of the app's one window. Every web preference that matters to security
 * is spelled out, even where Electron's default already agrees, so a change of
 * default in a later Electron cannot loosen it silently (the tests pin each one).
 */
export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 560,
    title: 'Ordwright',
    // shown on 'ready-to-show', so the user never sees an empty white frame
    show: false,
    backgroundColor: input.darkBackground ? '#1d1f23' : '#f4f3ef',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableDialogs: false,
      autoplayPolicy: 'document-user-activation-required',
      enableWebSQL: false,
      devTools: !input.isPackaged,
    },
  };
}
