import { CloseRequest, HOST_METHODS, MenuEvent, hostError, parseResult, type HostApi, type HostBridge, type HostMethod } from '../../core/host';

/**
 * The HostApi over the Electron preload bridge (window.ordwright). Main parses every
 * request; here every answer is parsed again, so a renderer never acts on a malformed
 * response, and a rejected invoke (main crashed, channel missing) becomes an error
 * result like any other.
 */
export function hostFromBridge(bridge: Partial<Record<string, unknown>>): HostApi {
  const api = {} as Record<HostMethod, (request: unknown) => Promise<unknown>>;
  for (const method of HOST_METHODS) {
    const fn = bridge[method];
    api[method] = async (request) => {
      if (typeof fn !== 'function') return hostError('unavailable', `${method} is not available in this version of the desktop app`);
      try {
        return parseResult(method, await (fn as (r: unknown) => Promise<unknown>)(request));
      } catch (e) {
        return hostError('internal', `${method} did not answer: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
  }
  return api as unknown as HostApi;
}

/** Subscribe to native menu events, dropping anything that is not a well-formed event. */
export function menuEventsFromBridge(bridge: Pick<HostBridge, 'onMenu'>, listener: (event: MenuEvent) => void): () => void {
  return bridge.onMenu((raw) => {
    const parsed = MenuEvent.safeParse(raw);
    if (parsed.success) listener(parsed.data);
  });
}

/** Subscribe to close requests, dropping anything malformed. A bridge without them (an older preload) never sends any. */
export function closeRequestsFromBridge(bridge: Pick<HostBridge, 'onCloseRequest'>, listener: (event: CloseRequest) => void): () => void {
  if (typeof bridge.onCloseRequest !== 'function') return () => undefined;
  return bridge.onCloseRequest((raw) => {
    const parsed = CloseRequest.safeParse(raw);
    if (parsed.success) listener(parsed.data);
  });
}

/** The path of a dropped File through the bridge; null when it has none or the bridge cannot tell. */
export function pathFromBridge(bridge: Pick<HostBridge, 'pathForFile'>, file: File): string | null {
  if (typeof bridge.pathForFile !== 'function') return null;
  try {
    const p = bridge.pathForFile(file);
    return typeof p === 'string' && p !== '' ? p : null;
  } catch {
    return null;
  }
}
