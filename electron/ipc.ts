import {
  HOST_CHANNELS,
  HOST_METHODS,
  hostError,
  runChecked,
  type HostChannel,
  type HostHandlers,
  type HostMethod,
  type HostResult,
} from '../core/host';
import { isAppUrl } from './app-url';

/**
 * The IPC handler table. For every channel: check who is asking, parse the payload
 * with the channel's request schema, run the handler, parse its response, and answer
 * with a result (never a thrown error, which Electron would flatten into a string).
 */

/** What the main process knows about the sender of an IPC message. */
export interface SenderInfo {
  /** webContents id of the sender. */
  webContentsId: number;
  /** URL of the frame that sent the message; null when the frame is gone. */
  frameUrl: string | null;
  /** Whether that frame is its page's main frame (not an iframe). */
  isMainFrame: boolean;
}

/** The parts of an IpcMainInvokeEvent that SenderInfo is made of (structural, so tests can fake it). */
export interface InvokeEventLike {
  sender: { id: number; mainFrame?: unknown };
  senderFrame?: { url: string } | null;
}

export function senderInfoOf(event: InvokeEventLike): SenderInfo {
  const frame = event.senderFrame ?? null;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  };
}

export type SenderCheck = { ok: true } | { ok: false; reason: string };

/**
 * A message is trusted only from the main frame of our own window, showing a page of
 * the app's own origin. Anything else (an iframe, another window, a page the window
 * was somehow navigated to) is refused before its payload is even parsed.
 */
export function validateSender(sender: SenderInfo, trustedWebContentsId: number | null): SenderCheck {
  if (trustedWebContentsId === null) return { ok: false, reason: 'no app window is open' };
  if (sender.webContentsId !== trustedWebContentsId) return { ok: false, reason: `unknown sender (webContents ${sender.webContentsId})` };
  if (!sender.isMainFrame) return { ok: false, reason: 'the sender is not the main frame' };
  if (sender.frameUrl === null || !isAppUrl(sender.frameUrl)) return { ok: false, reason: `the sender's page is not the app (${sender.frameUrl ?? 'no frame'})` };
  return { ok: true };
}

export type IpcHandler = (sender: SenderInfo, payload: unknown) => Promise<HostResult<unknown>>;

export function createIpcTable(handlers: HostHandlers, trustedWebContentsId: () => number | null): Record<HostChannel, IpcHandler> {
  const table = {} as Record<HostChannel, IpcHandler>;
  for (const method of HOST_METHODS) {
    table[HOST_CHANNELS[method]] = async (sender, payload) => {
      const check = validateSender(sender, trustedWebContentsId());
      if (!check.ok) return hostError('forbidden', `${method}: ${check.reason}`);
      return runChecked(method as HostMethod, payload, handlers[method] as never);
    };
  }
  return table;
}
