import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { z } from 'zod';
import {
  HostFailure,
  MAX_BYTES,
  MAX_PROJECT_CHARS,
  MAX_RECENT,
  PROJECT_EXTENSION,
  RecentItem,
  projectDisplayName,
  projectTextProblem,
  type HostHandlers,
} from '../core/host';
import { formatProjectIssue, parseProject, type Project } from '../core/document/project';
import { atomicWrite, sweepTempFiles } from '../core/node/atomic-write';
import { ProjectFileError, writeProjectFile, type ProjectFileErrorCode } from '../core/node/project-files';
import { createRecoveryStore, type RecoveryStore } from '../core/node/recovery';
import { isProjectFileName, projectPathFromArgv as argvProjectPath } from './argv';

/**
 * The desktop host's file handlers: open, save, save as, recent projects, export,
 * import and recovery, on the real file system. Native dialogs are injected
 * (main.ts passes Electron's; tests pass fakes), so all of this runs in plain Node.
 *
 * Security: the renderer may only write to the project the user opened or chose in a
 * save dialog, and only read a project the user chose, opened from the OS, or has in
 * the recent list. A compromised renderer cannot name an arbitrary path.
 */

export interface Dialogs {
  /** Ask for a project to open; null when the user cancels. */
  chooseProjectToOpen(): Promise<string | null>;
  /** Ask where to save a project; null when the user cancels. */
  chooseProjectSaveTarget(suggestedName: string): Promise<string | null>;
  /** Ask where to save an exported .docx; null when the user cancels. */
  chooseExportTarget(suggestedName: string): Promise<string | null>;
  /** Ask for a file to import; null when the user cancels. */
  chooseImportFile(extensions: string[]): Promise<string | null>;
  /**
   * The name the user typed lacked the project extension, which was added, and a file
   * of that name exists: may it be replaced? (The save dialog's own overwrite question
   * was about the name without the extension.) Without this, such a save is refused.
   */
  confirmReplace?(path: string): Promise<boolean>;
}

export interface FileHostOptions {
  /** Where recent.json and recovery/ live (app.getPath('userData')). */
  userDataDir: string;
  dialogs: Dialogs;
  now?: () => Date;
  /** Called after the recent list changed (main rebuilds the Open Recent menu). */
  onRecentChanged?: (items: RecentItem[]) => void;
  /** Called when the window's current project changes (main sets the title). */
  onCurrentChanged?: (path: string | null) => void;
  /** A dropped project was accepted: main asks the renderer to open it (an 'open-path' menu event). */
  onOpenRequest?: (path: string) => void;
}

/** The HostApi methods this module implements. */
export const FILE_METHODS = [
  'newProject',
  'openProject',
  'saveProject',
  'saveProjectAs',
  'listRecent',
  'exportDocx',
  'importFile',
  'writeRecovery',
  'listRecovery',
  'clearRecovery',
  'forgetRecent',
  'openDropped',
] as const;
export type FileHandlers = Pick<HostHandlers, (typeof FILE_METHODS)[number]>;

export interface FileHost {
  handlers: FileHandlers;
  /** Let the renderer open `path` (a file the OS asked us to open). */
  grantOpen(path: string): void;
  currentPath(): string | null;
  readRecent(): Promise<RecentItem[]>;
  /** Empty the recent list (File > Open Recent > Clear). */
  clearRecent(): Promise<void>;
  recovery: RecoveryStore;
  /**
   * Start-up housekeeping of the recovery folder: leftovers of a writer killed between
   * write and rename, and copies whose project file already holds the same work.
   */
  tidyRecovery(): Promise<{ temps: string[]; saved: string[] }>;
}

const RecentFile = z.object({ version: z.literal(1), items: z.array(RecentItem) });

/**
 * Where a project is saved, from the name the save dialog answered: the project
 * extension added when missing. macOS's save panel may append ".json" alone (it knows
 * only the last part of an extension), which becomes ".ordinance.json".
 */
export function projectSavePath(chosen: string): string {
  if (isProjectFileName(chosen)) return chosen;
  if (/\.json$/i.test(chosen) && !/[\\/]\.json$/i.test(chosen)) return chosen.replace(/\.json$/i, PROJECT_EXTENSION);
  return chosen + PROJECT_EXTENSION;
}

/** "draft" -> "draft.ordinance.json"; a name that already has the extension is kept. */
export function withExtension(path: string, ext: string): string {
  return path.toLowerCase().endsWith(ext.toLowerCase()) ? path : path + ext;
}

/** A suggested file name from a display name: no path separators or reserved characters. */
export function safeFileStem(name: string): string {
  const stem = [...name]
    // path separators, characters Windows reserves, and control characters
    .map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    // no hidden files, no names made only of dots
    .replace(/^[.\s]+/, '')
    .trim();
  return stem.slice(0, 120) || 'Untitled';
}

/** Decode UTF-8 strictly (a stray binary file is an error, not mojibake); drop a BOM. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new HostFailure('io', `${what} is not UTF-8 text`);
  }
}

const PROJECT_FILE_CODES: Record<ProjectFileErrorCode, HostFailure['code']> = {
  ENOENT: 'not-found',
  EACCES: 'io',
  EROFS: 'io',
  ENOSPC: 'io',
  EISDIR: 'io',
  EIO: 'io',
  EINVALID: 'bad-request',
};

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

function ioFailure(what: string, e: unknown): HostFailure {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return new HostFailure('not-found', `${what} does not exist`);
    case 'EACCES':
    case 'EPERM':
      return new HostFailure('io', `${what}: permission denied`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new HostFailure('io', `${what}: the disk is full`);
    case 'EROFS':
      return new HostFailure('io', `${what}: the disk or folder is read-only`);
    case 'EISDIR':
      return new HostFailure('io', `${what} is a folder, not a file`);
    default:
      return new HostFailure('io', `${what}: ${err.message ?? String(e)}`);
  }
}

async function readLimited(path: string, limit: number, what: string): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new HostFailure('io', `${what} is not a file`);
    size = s.size;
  } catch (e) {
    if (e instanceof HostFailure) throw e;
    throw ioFailure(what, e);
  }
  if (size > limit) throw new HostFailure('too-large', `${what} is ${size} bytes; the limit is ${limit}`);
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    throw ioFailure(what, e);
  }
}

export function createFileHost(options: FileHostOptions): FileHost {
  const now = options.now ?? (() => new Date());
  const recentPath = join(options.userDataDir, 'recent.json');
  const recovery = createRecoveryStore({ dir: join(options.userDataDir, 'recovery'), now });
  let current: string | null = null;
  const openable = new Set<string>();

  const setCurrent = (p: string | null) => {
    current = p;
    options.onCurrentChanged?.(p);
  };

  async function readRecent(): Promise<RecentItem[]> {
    let text: string;
    try {
      text = await readFile(recentPath, 'utf8');
    } catch {
      return []; // no list yet
    }
    try {
      const parsed = RecentFile.safeParse(JSON.parse(text));
      // a damaged list is not worth a crash or a dialog: start a new one
      return parsed.success ? parsed.data.items.slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  }

  async function remember(path: string): Promise<void> {
    const items = (await readRecent()).filter((i) => i.path !== path);
    items.unshift({ path, name: projectDisplayName(path), openedAt: now().toISOString() });
    await writeRecent(items.slice(0, MAX_RECENT));
  }

  async function writeRecent(next: RecentItem[]): Promise<void> {
    try {
      await mkdir(options.userDataDir, { recursive: true });
      await atomicWrite(recentPath, JSON.stringify({ version: 1, items: next }, null, 2));
    } catch {
      // the recent list is a convenience: failing to update it must not fail a save
      return;
    }
    options.onRecentChanged?.(next);
  }

  async function openAt(path: string) {
    const bytes = await readLimited(path, MAX_PROJECT_CHARS, `The project "${path}"`);
    const text = decodeUtf8(bytes, `The project "${path}"`);
    // refused here, in words: the renderer's recursive reader would overflow its stack
    const problem = projectTextProblem(text);
    if (problem) throw new HostFailure('bad-request', `The project "${path}" is not a valid project: ${problem}`);
    setCurrent(path);
    await remember(path);
    return { canceled: false as const, path, name: projectDisplayName(path), text };
  }

  /**
   * Main checks the project itself before it touches a file (or asks where to save):
   * a renderer bug can never replace a good project with one Ordwright cannot open.
   */
  function checkedProject(text: string): Project {
    const problem = projectTextProblem(text);
    if (problem) throw new HostFailure('bad-request', `The project was not saved because it is not a valid project: ${problem}`);
    const parsed = parseProject(text);
    if (!parsed.ok) {
      const issues = parsed.error.issues.slice(0, 3).map(formatProjectIssue).join('; ');
      throw new HostFailure('bad-request', `The project was not saved because it is not a valid project: ${issues}`);
    }
    return parsed.project;
  }

  async function saveAt(path: string, project: Project) {
    try {
      // atomic, with the previous version kept as <path>.bak
      await writeProjectFile(path, project);
    } catch (e) {
      if (e instanceof ProjectFileError) throw new HostFailure(PROJECT_FILE_CODES[e.code], e.message);
      throw ioFailure(`Saving "${path}"`, e);
    }
    setCurrent(path);
    await remember(path);
    // a save that an earlier crash interrupted may have left its temporary file here
    await sweepTempFiles(dirname(path), { target: basename(path) }).catch(() => undefined);
    return { path, name: projectDisplayName(path), savedAt: now().toISOString() };
  }

  const handlers: FileHandlers = {
    async newProject() {
      setCurrent(null);
      return {};
    },

    async openProject(req) {
      if (req.path !== undefined) {
        const path = resolve(req.path);
        const recent = await readRecent();
        if (!openable.has(path) && !recent.some((r) => resolve(r.path) === path) && path !== current) {
          throw new HostFailure('forbidden', `"${req.path}" is not a project you opened before; use File > Open`);
        }
        return openAt(path);
      }
      const chosen = await options.dialogs.chooseProjectToOpen();
      if (chosen === null) return { canceled: true };
      return openAt(resolve(chosen));
    },

    async saveProject(req) {
      const path = resolve(req.path);
      if (path !== current) {
        throw new HostFailure('forbidden', `"${req.path}" is not the open project; use Save As to choose where to save`);
      }
      return saveAt(path, checkedProject(req.text));
    },

    async saveProjectAs(req) {
      const project = checkedProject(req.text);
      const suggested = safeFileStem(req.suggestedName ?? (current ? projectDisplayName(current) : 'Untitled ordinance'));
      const chosen = await options.dialogs.chooseProjectSaveTarget(suggested + PROJECT_EXTENSION);
      if (chosen === null) return { canceled: true };
      const path = resolve(projectSavePath(chosen));
      // the dialog asked about overwriting the name as typed; the extension we added may name another file
      if (path !== resolve(chosen) && path !== current && (await stat(path).then(() => true, () => false))) {
        const replace = (await options.dialogs.confirmReplace?.(path)) ?? false;
        if (!replace) return { canceled: true };
      }
      const saved = await saveAt(path, project);
      return { canceled: false, ...saved };
    },

    async listRecent() {
      const items = await readRecent();
      // a moved or deleted project stays in the list, marked, so the user sees what happened
      const exists = await Promise.all(items.map((i) => isFile(i.path)));
      return { items: items.map((i, k) => (exists[k] ? i : { ...i, missing: true })) };
    },

    async forgetRecent(req) {
      const items = await readRecent();
      const next = req.path === undefined ? [] : items.filter((i) => resolve(i.path) !== resolve(req.path!));
      if (next.length !== items.length) await writeRecent(next);
      return {};
    },

    async openDropped(req) {
      for (const raw of req.paths) {
        const path = resolve(raw);
        if (!isProjectFileName(path) || !(await isFile(path))) continue;
        // a drop is the user's choice of file, like a double-click: the same grant
        openable.add(path);
        options.onOpenRequest?.(path);
        return { path };
      }
      const names = req.paths.slice(0, 3).map((p) => `"${basename(p)}"`).join(', ');
      throw new HostFailure(
        'bad-request',
        `Only Ordwright projects (*${PROJECT_EXTENSION}) open by dropping them on the window; ${names} ${req.paths.length === 1 ? 'is not one' : 'are not'}. A Word document comes in with File > Import.`,
      );
    },

    async exportDocx(req) {
      const chosen = await options.dialogs.chooseExportTarget(withExtension(safeFileStem(req.suggestedName.replace(/\.docx$/i, '')), '.docx'));
      if (chosen === null) return { canceled: true };
      const path = resolve(withExtension(chosen, '.docx'));
      try {
        await atomicWrite(path, req.bytes);
      } catch (e) {
        throw ioFailure(`Exporting to "${path}"`, e);
      }
      return { canceled: false, path, name: basename(path) };
    },

    async importFile(req) {
      const extensions = req.extensions ?? [];
      const chosen = await options.dialogs.chooseImportFile(extensions);
      if (chosen === null) return { canceled: true };
      const path = resolve(chosen);
      const lower = basename(path).toLowerCase();
      if (extensions.length && !extensions.some((e) => lower.endsWith(`.${e}`))) {
        throw new HostFailure('bad-request', `"${basename(path)}" is not one of the accepted kinds (${extensions.map((e) => '.' + e).join(', ')})`);
      }
      const bytes = await readLimited(path, MAX_BYTES, `The file "${path}"`);
      return { canceled: false, name: basename(path) || extname(path), bytes };
    },

    async writeRecovery(req) {
      try {
        return await recovery.write(req);
      } catch (e) {
        throw ioFailure('Writing the recovery copy', e);
      }
    },

    async listRecovery() {
      return { items: (await recovery.list()).items };
    },

    async clearRecovery(req) {
      try {
        await recovery.clear(req.id);
      } catch (e) {
        throw ioFailure('Removing the recovery copy', e);
      }
      return {};
    },
  };

  return {
    handlers,
    grantOpen(path) {
      openable.add(resolve(path));
    },
    currentPath: () => current,
    readRecent,
    async clearRecent() {
      await writeRecent([]);
    },
    recovery,
    tidyRecovery: () =>
      recovery.tidy(async (path) => {
        const s = await stat(path);
        return s.isFile() && s.size <= MAX_PROJECT_CHARS ? readFile(path, 'utf8') : null;
      }),
  };
}

/**
 * The project a command line names, if any (see electron/argv.ts for each platform's
 * conventions).
 */
export function projectPathFromArgv(argv: readonly string[], cwd: string, platform: NodeJS.Platform = process.platform): string | null {
  return argvProjectPath(argv, cwd, platform);
}
