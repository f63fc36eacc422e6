import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Library } from '../library/library';
import { parseProject, serializeProject, type Project, type ProjectIssue } from '../document/project';
import { projectTextProblem } from '../host';
import { syncDir } from './atomic-write';

/**
 * Reading and writing project files (`*.ordinance.json`) on disk.
 *
 * A save never leaves a torn file: the new text goes to a temporary file in the same
 * folder, is flushed to disk, and is renamed over the old file (atomic on POSIX and
 * NTFS). The previous version is kept next to it as `<name>.bak`. When the disk is
 * full, the folder is read-only or permission is denied, the error says so in words
 * and the old file is untouched. The file system functions are injectable so tests
 * can make any step fail.
 */

export interface FileHandleLike {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface ProjectFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  open(path: string, flags: string, mode?: number): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number; isDirectory(): boolean }>;
}

export const nodeFs: ProjectFs = {
  readFile: (p, enc) => fsp.readFile(p, enc),
  open: (p, flags, mode) => fsp.open(p, flags, mode),
  rename: (a, b) => fsp.rename(a, b),
  copyFile: (a, b) => fsp.copyFile(a, b),
  unlink: (p) => fsp.unlink(p),
  stat: (p) => fsp.stat(p),
};

export type ProjectFileErrorCode = 'ENOENT' | 'EACCES' | 'EROFS' | 'ENOSPC' | 'EISDIR' | 'EINVALID' | 'EIO';

/** A project file could not be read or written; `message` says why in words, naming the file. */
export class ProjectFileError extends Error {
  constructor(
    public readonly code: ProjectFileErrorCode,
    public readonly path: string,
    message: string,
    /** For EINVALID: each problem with its JSON path. */
    public readonly issues: ProjectIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ProjectFileError';
  }
}

function errCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

const INTACT = 'The project was not saved; the previous version of the file is intact.';

function ioError(e: unknown, path: string, op: 'read' | 'write'): ProjectFileError {
  const code = errCode(e);
  const tail = op === 'write' ? ` ${INTACT}` : '';
  switch (code) {
    case 'ENOENT':
      return op === 'read'
        ? new ProjectFileError('ENOENT', path, `${path}: no such file`, [], { cause: e })
        : new ProjectFileError('ENOENT', path, `${path}: the folder does not exist.${tail}`, [], { cause: e });
    case 'EACCES':
    case 'EPERM':
      return new ProjectFileError('EACCES', path, `${path}: permission denied; Ordwright may not ${op} this file or its folder.${tail}`, [], { cause: e });
    case 'EROFS':
      return new ProjectFileError('EROFS', path, `${path}: the disk or folder is read-only.${tail}`, [], { cause: e });
    case 'ENOSPC':
    case 'EDQUOT':
      return new ProjectFileError('ENOSPC', path, `${path}: the disk is full.${tail}`, [], { cause: e });
    case 'EISDIR':
      return new ProjectFileError('EISDIR', path, `${path}: is a folder, not a project file`, [], { cause: e });
    default:
      return new ProjectFileError('EIO', path, `${path}: could not ${op} the file (${code || (e instanceof Error ? e.message : String(e))}).${tail}`, [], { cause: e });
  }
}

/** Problems listed in a message; the rest are counted (all are in `issues`). */
const MAX_LISTED = 20;
const MAX_LINE = 300;

function clip(s: string): string {
  return s.length > MAX_LINE ? `${s.slice(0, MAX_LINE - 1)}…` : s;
}

export interface ReadOptions {
  library?: Library;
  fs?: ProjectFs;
}

/** Read and check a project file. Throws ProjectFileError: I/O problems, or EINVALID with the JSON path of each problem. */
export async function readProjectFile(path: string, opts: ReadOptions = {}): Promise<{ project: Project; warnings: ProjectIssue[] }> {
  const fs = opts.fs ?? nodeFs;
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    throw ioError(e, path, 'read');
  }
  // a file nested thousands deep would overflow the stack of the recursive checks
  const problem = projectTextProblem(text);
  if (problem) throw new ProjectFileError('EINVALID', path, `${path}: not a valid Ordwright project: ${problem}`, [{ path: '', message: problem }]);
  let r: ReturnType<typeof parseProject>;
  try {
    r = parseProject(text, { library: opts.library });
  } catch (e) {
    // parseProject reports problems as results; anything thrown is still this file's fault
    const message = `${path}: not a valid Ordwright project: ${e instanceof Error ? e.message : String(e)}`;
    throw new ProjectFileError('EINVALID', path, message, [{ path: '', message }], { cause: e });
  }
  if (!r.ok) {
    // every problem with its place, each kept short: a 5 MB node name must not become a 5 MB message
    const lines = r.error.issues.slice(0, MAX_LISTED).map((i) => clip(i.path ? `${i.path}: ${i.message}` : i.message));
    const more = r.error.issues.length > MAX_LISTED ? `\n…and ${r.error.issues.length - MAX_LISTED} more` : '';
    throw new ProjectFileError('EINVALID', path, `${path}: not a valid Ordwright project:\n${lines.join('\n')}${more}`, r.error.issues, { cause: r.error });
  }
  return { project: r.project, warnings: r.warnings };
}

export interface WriteOptions {
  fs?: ProjectFs;
  /** Keep the previous version as `<path>.bak` (default true). */
  backup?: boolean;
}

function tempName(path: string, what: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.${what}`);
}

async function writeSynced(fs: ProjectFs, path: string, text: string, mode: number): Promise<void> {
  const fh = await fs.open(path, 'wx', mode);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function exists(fs: ProjectFs, path: string): Promise<{ mode: number } | null> {
  try {
    const st = await fs.stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    return { mode: st.mode & 0o777 };
  } catch (e) {
    if (errCode(e) === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Save a project atomically. The text is checked by parsing it back first, so a bug
 * upstream can never replace a good file with one Ordwright cannot open.
 */
export async function writeProjectFile(path: string, project: Project, opts: WriteOptions = {}): Promise<void> {
  const fs = opts.fs ?? nodeFs;
  const text = serializeProject(project);
  const check = parseProject(text);
  if (!check.ok) {
    throw new ProjectFileError('EINVALID', path, `${path}: refusing to save a project that would not load:\n${check.error.message}`, check.error.issues);
  }
  let old: { mode: number } | null;
  try {
    old = await exists(fs, path);
  } catch (e) {
    throw ioError(e, path, 'write');
  }
  const tmp = tempName(path, 'tmp');
  const cleanup: string[] = [];
  try {
    cleanup.push(tmp);
    await writeSynced(fs, tmp, text, old?.mode ?? 0o666);
    if (old && opts.backup !== false) {
      // the backup is itself replaced atomically, so a failure never leaves a torn .bak
      const bakTmp = tempName(path, 'bak.tmp');
      cleanup.push(bakTmp);
      await fs.copyFile(path, bakTmp);
      await fs.rename(bakTmp, `${path}.bak`);
      cleanup.pop();
    }
    await fs.rename(tmp, path);
    cleanup.length = 0;
  } catch (e) {
    for (const f of cleanup) await fs.unlink(f).catch(() => undefined);
    throw ioError(e, path, 'write');
  }
  await syncDir(dirname(path), fs);
}

