import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, CLOSE_REQUEST_CHANNEL, HOST_CHANNELS, MENU_CHANNEL } from '../core/host-channels';

/**
 * The preload: exposes window.ordwright, one function per HostApi channel, each a
 * plain ipcRenderer.invoke. It runs in a sandboxed renderer, so it is bundled into a
 * single CommonJS file whose only require is 'electron' (scripts/build-electron.mjs
 * checks that). It validates nothing itself: main parses every request, and the
 * renderer parses every response (renderer/host/index.ts).
 *
 * Nothing of ipcRenderer itself is exposed, only these closures, so the page cannot
 * send on any other channel.
 */

const invoke = (channel: string) => (request?: unknown) => ipcRenderer.invoke(channel, request ?? {});

/** Pass on the message only: the IpcRendererEvent would hand the page a sender object. */
function subscribe(channel: string, listener: (event: unknown) => void): () => void {
  const handler = (_event: IpcRendererEvent, message: unknown) => listener(message);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const methods = Object.fromEntries(Object.entries(HOST_CHANNELS).map(([method, channel]) => [method, invoke(channel)]));

const bridge = {
  ...methods,
  /** Subscribe to native menu events; returns the unsubscribe function. */
  onMenu: (listener: (event: unknown) => void): (() => void) => subscribe(MENU_CHANNEL, listener),
  /** Subscribe to close requests (answer each with answerClose); returns the unsubscribe function. */
  onCloseRequest: (listener: (event: unknown) => void): (() => void) => subscribe(CLOSE_REQUEST_CHANNEL, listener),
  /**
   * The path of a File dropped on the window ('' for one that is not on disk). With
   * context isolation the page cannot see paths; main still decides what it opens.
   */
  pathForFile(file: unknown): string {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return '';
    }
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
