import { useWindowFileDrop } from '../components/useWindowFileDrop';
import type { Host } from '../host';
import { projectFilesOf } from './close-flow';

/**
 * A project file dragged onto the window opens it (desktop). The drop is caught on
 * the window before the editor sees it, but only when it carries a project
 * (*.ordinance.json): other drops (text, a Word file the editor may take) pass by.
 *
 * The host opens the project the way a double-click does: it sends an 'open-path'
 * menu event, so the app's usual open flow (unsaved-changes check included) runs.
 */
export function useFileDrop(host: Host, onError: (message: string) => void): void {
  useWindowFileDrop((files, e) => {
    const projects = projectFilesOf(files);
    if (projects.length === 0) {
      // a file the editor does not take would otherwise do nothing, silently
      if (files.length > 0) e.preventDefault();
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    if (host.kind !== 'desktop') {
      onError('In the browser, open a project file with Open (the browser does not let a page open a dropped file by its path).');
      return;
    }
    const paths = projects.map((f) => host.pathForFile(f)).filter((p): p is string => p !== null);
    if (paths.length === 0) {
      onError(`“${projects[0]!.name}” could not be opened: it is not a file on this computer.`);
      return;
    }
    void host.api.openDropped({ paths }).then((r) => {
      if (!r.ok) onError(r.error.message);
    });
  });
}
