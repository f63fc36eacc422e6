import { posix, win32 } from 'node:path';
import { PROJECT_EXTENSION } from '../core/host';

/**
 * Which command-line argument names a project to open, on each platform.
 *
 * - Windows and Linux open an associated file by starting the app with the file's path
 *   as an argument (`Ordwright.exe "C:\Drafts\Town.ordinance.json"`); a second start
 *   while the app runs hands its whole command line to the running instance
 *   ('second-instance'), with its own working directory.
 * - Linux desktop entries written by electron-builder pass files as URLs (`%U`):
 *   `file:///home/c/Town%20draft.ordinance.json`.
 * - macOS never passes the file on the command line: it sends 'open-file' (main.ts);
 *   the only extra argument it may add is a `-psn_0_1234` process serial number.
 * - In development (`electron .`), argv[1] is the app folder.
 * - Chromium adds switches of its own (`--allow-file-access-from-files`,
 *   `--original-process-start-time=...`) to a second instance's argv, before or after
 *   the file. Every argument that starts with "-" is a switch.
 */

/** A file:// URL as a path of the platform ('' when it is not a local file URL). */
export function fileUrlToPath(url: string, platform: NodeJS.Platform): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '';
  }
  if (u.protocol !== 'file:') return '';
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return '';
  }
  if (pathname.includes('\0')) return '';
  if (platform === 'win32') {
    // file:///C:/x -> C:\x ; file://server/share/x -> \\server\share\x
    if (u.hostname && u.hostname !== 'localhost') return `\\\\${u.hostname}${pathname.replace(/\//g, '\\')}`;
    return pathname.replace(/^\/([A-Za-z]:)/, '$1').replace(/\//g, '\\');
  }
  // a URL naming another machine is not a local file
  if (u.hostname && u.hostname !== 'localhost') return '';
  return pathname;
}

export function isProjectFileName(path: string): boolean {
  return path.toLowerCase().endsWith(PROJECT_EXTENSION) && path.length > PROJECT_EXTENSION.length;
}

/**
 * The project a command line names, if any, as an absolute path of `platform`.
 * argv[0] is the executable and is never a project.
 */
export function projectPathFromArgv(argv: readonly string[], cwd: string, platform: NodeJS.Platform = process.platform): string | null {
  const path = platform === 'win32' ? win32 : posix;
  let switchesEnded = false;
  for (const raw of argv.slice(1)) {
    const arg = raw.trim();
    if (!switchesEnded) {
      if (arg === '--') {
        switchesEnded = true;
        continue;
      }
      if (arg.startsWith('-')) continue;
    }
    if (arg === '') continue;
    const candidate = /^file:/i.test(arg) ? fileUrlToPath(arg, platform) : arg;
    if (candidate && isProjectFileName(candidate)) return path.resolve(cwd, candidate);
  }
  return null;
}
