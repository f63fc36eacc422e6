import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { errnoCode, realFs, type StoreFs } from './store-fs';

/**
 * Write a file so that a crash, a full disk or a power cut leaves either the old
 * content or the new one, never a torn mix: write a temporary file in the same
 * folder, flush it to disk, then rename it over the target (atomic on POSIX and on
 * NTFS), then flush the folder entry where the platform allows it.
 *
 * A process killed between the write and the rename leaves its temporary file behind
 * (nothing runs to remove it): sweepTempFiles removes such leftovers of processes that
 * are gone, and their names (isTempName) never look like the files readers look for.
 */

export interface AtomicWriteOptions {
  fs?: StoreFs;
}

// ".<file>.<pid>.<12 hex>.tmp", and core/node/project-files.ts's backup copy "...<hex>.bak.tmp"
const TEMP = /^\.(.+)\.(\d+)\.([0-9a-f]{12})(?:\.bak)?\.tmp$/;

/** The temporary file name for `path` (hidden, in the same folder, naming our process). */
export function tempPathFor(path: string, pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Is `name` a temporary file of atomicWrite? Then: for which file, written by which process. */
export function isTempName(name: string): { target: string; pid: number } | null {
  const m = TEMP.exec(name);
  return m ? { target: m[1]!, pid: Number(m[2]) } : null;
}

export async function atomicWrite(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<void> {
  const fs = opts.fs ?? realFs;
  const dir = dirname(path);
  const tmp = tempPathFor(path);
  let mode: number | undefined;
  try {
    mode = (await fs.stat(path)).mode & 0o777;
  } catch {
    mode = undefined; // a new file: the umask decides
  }
  const fh = await fs.open(tmp, 'wx', mode ?? 0o666);
  try {
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (mode !== undefined) await fs.chmod(tmp, mode);
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir, fs);
}

/** Flush a folder so a rename in it is on disk (shared by every atomic writer in core/node). */
export async function syncDir(dir: string, fs: Pick<StoreFs, 'open'> | { open(path: string, flags: string): Promise<{ sync(): Promise<void>; close(): Promise<void> }> }): Promise<void> {
  // Windows cannot open a directory for fsync; the rename is durable enough there.
  if (process.platform === 'win32') return;
  try {
    const d = await fs.open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // some file systems refuse fsync on a directory; the data itself is already synced
  }
}

/** Is process `pid` still running? (Signal 0 only checks.) */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return errnoCode(e) === 'EPERM';
  }
}

export interface SweepOptions {
  fs?: StoreFs;
  /** Only leftovers of this file (its base name); all temporary files when absent. */
  target?: string;
  /** Whether the writer is still running (default: processAlive). */
  alive?: (pid: number) => boolean;
}

/**
 * Remove temporary files left in `dir` by writers that died between write and rename.
 * A live writer's file is never touched. Returns the names removed.
 */
export async function sweepTempFiles(dir: string, opts: SweepOptions = {}): Promise<string[]> {
  const fs = opts.fs ?? realFs;
  const alive = opts.alive ?? processAlive;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const t = isTempName(name);
    if (!t || (opts.target !== undefined && t.target !== opts.target) || alive(t.pid)) continue;
    try {
      await fs.unlink(join(dir, name));
      removed.push(name);
    } catch {
      // gone already, or not ours to remove: leave it
    }
  }
  return removed;
}
