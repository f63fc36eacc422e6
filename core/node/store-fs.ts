import * as fsp from 'node:fs/promises';

/**
 * The file system calls the stores in core/node make (atomic writes, recovery copies,
 * the user clause library), as one injectable object: the app passes the real one,
 * tests pass a wrapper that fails a chosen step (a full disk, a rename refused, the
 * process "killed" between write and rename) to show nothing is ever lost.
 */

export interface WritableHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface StatLike {
  mode: number;
  size: number;
  mtime: Date;
  isFile(): boolean;
  isDirectory(): boolean;
}

export interface StoreFs {
  readFile(path: string): Promise<Uint8Array>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string, opts: { recursive: true }): Promise<unknown>;
  open(path: string, flags: string, mode?: number): Promise<WritableHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  rm(path: string, opts: { recursive: true; force: true }): Promise<void>;
  stat(path: string): Promise<StatLike>;
  chmod(path: string, mode: number): Promise<void>;
}

export const realFs: StoreFs = {
  readFile: (p) => fsp.readFile(p),
  readdir: (p) => fsp.readdir(p),
  mkdir: (p, o) => fsp.mkdir(p, o),
  open: (p, f, m) => fsp.open(p, f, m),
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
  rm: (p, o) => fsp.rm(p, o),
  stat: (p) => fsp.stat(p),
  chmod: (p, m) => fsp.chmod(p, m),
};

/** The error code of a Node file system error ('' when there is none). */
export function errnoCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
}

/** A file system error in words, naming what was being done: never a bare "ENOSPC". */
export function describeFsError(what: string, e: unknown): string {
  switch (errnoCode(e)) {
    case 'ENOENT':
      return `${what}: the file or folder does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `${what}: permission denied`;
    case 'EROFS':
      return `${what}: the disk or folder is read-only`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${what}: the disk is full`;
    case 'EISDIR':
      return `${what}: that is a folder, not a file`;
    default:
      return `${what}: ${e instanceof Error ? e.message : String(e)}`;
  }
}
