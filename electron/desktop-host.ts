import { join } from 'node:path';
import type { HostHandlers, HostParsedRequest } from '../core/host';
import type { UserLibrary } from '../core/node/user-library';
import { createFileHost, type FileHost, type FileHostOptions } from './files';
import { createLibraryHost, type LibraryDialogs } from './library-host';

/**
 * Every HostApi handler of the desktop app, from the plain modules that implement
 * them: files.ts (projects, recent list, recovery copies, dropped files),
 * library-host.ts (the user clause library) and the window state the renderer reports
 * (title, unsaved marker, its answer to a close request), which main.ts acts on.
 */

export type ReportedState = HostParsedRequest<'reportState'>;

export interface DesktopHostOptions extends FileHostOptions {
  libraryDialogs: LibraryDialogs;
  /** The renderer reported its document state (main sets the title and arms the close guard). */
  onState?: (state: ReportedState) => void;
  /** The renderer answered a close request. */
  onCloseAnswer?: (requestId: string, proceed: boolean) => void;
}

export interface DesktopHost {
  handlers: HostHandlers;
  files: FileHost;
  library: UserLibrary;
}

export function createDesktopHost(options: DesktopHostOptions): DesktopHost {
  const files = createFileHost(options);
  const lib = createLibraryHost({ dir: join(options.userDataDir, 'library'), dialogs: options.libraryDialogs });
  const handlers: HostHandlers = {
    ...files.handlers,
    ...lib.handlers,
    async reportState(req) {
      options.onState?.(req);
      return {};
    },
    async answerClose(req) {
      options.onCloseAnswer?.(req.requestId, req.proceed);
      return {};
    },
  };
  return { handlers, files, library: lib.library };
}
