/**
 * Requests to the desktop shell from elsewhere in the renderer (a toolbar button, the
 * start screen) without threading callbacks through the tree: the native menu sends
 * the same requests on the desktop. DesktopShell listens.
 */

export type ShellRequest = { kind: 'open-user-library' } | { kind: 'save-to-user-library' };

const listeners = new Set<(r: ShellRequest) => void>();

/** Open the user clause library (or, with 'save-to-user-library', save the section at the cursor to it). */
export function requestShell(request: ShellRequest): void {
  for (const l of [...listeners]) l(request);
}

export function onShellRequest(listener: (r: ShellRequest) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
