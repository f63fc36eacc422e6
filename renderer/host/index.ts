import { BRIDGE_GLOBAL, type CloseRequest, type HostApi, type HostBridge, type MenuEvent } from '../../core/host';
import { closeRequestsFromBridge, hostFromBridge, menuEventsFromBridge, pathFromBridge } from './bridge';
import { PromptStore } from './prompts';
import { createWebHost } from './web';

/**
 * The host the renderer talks to: the Electron preload's bridge when the app runs on
 * the desktop, else the browser implementation. Nothing else in the renderer knows
 * which one it has.
 */
export interface Host {
  api: HostApi;
  kind: 'desktop' | 'browser';
  /** Native menu events (desktop only; the browser has no native menu). */
  onMenu(listener: (event: MenuEvent) => void): () => void;
  /** The in-app dialogs the browser host asks through (null on the desktop). */
  prompts: PromptStore | null;
  /**
   * Requests to close the window or quit (desktop only): answer each with
   * api.answerClose, after asking about unsaved changes. See renderer/shell/useCloseGuard.
   */
  onCloseRequest(listener: (event: CloseRequest) => void): () => void;
  /** The file system path of a dropped file (desktop only; null in the browser). */
  pathForFile(file: File): string | null;
}

function isBridge(v: unknown): v is HostBridge {
  return typeof v === 'object' && v !== null && typeof (v as { onMenu?: unknown }).onMenu === 'function';
}

export function selectHost(win: Window = window): Host {
  const bridge = (win as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (isBridge(bridge)) {
    return {
      api: hostFromBridge(bridge as unknown as Record<string, unknown>),
      kind: 'desktop',
      onMenu: (l) => menuEventsFromBridge(bridge, l),
      prompts: null,
      onCloseRequest: (l) => closeRequestsFromBridge(bridge, l),
      pathForFile: (f) => pathFromBridge(bridge, f),
    };
  }
  const prompts = new PromptStore();
  return {
    api: createWebHost({ ui: prompts.ui }),
    kind: 'browser',
    onMenu: () => () => undefined,
    prompts,
    onCloseRequest: () => () => undefined,
    pathForFile: () => null,
  };
}
