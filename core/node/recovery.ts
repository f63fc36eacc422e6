import { join } from 'node:path';
import { z } from 'zod';
import { parseProject, serializeProject } from '../document/project';
import { RecoveryId, RecoveryItem } from '../host';
import { atomicWrite, sweepTempFiles } from './atomic-write';
import { errnoCode, realFs, type StoreFs } from './store-fs';

/**
 * Recovery copies of unsaved work: the renderer sends a snapshot every few seconds
 * while the document has unsaved changes (and when the window loses focus); each goes
 * to `<recovery dir>/<id>.json` with an atomic write, so a crash at any moment leaves
 * the previous copy or the new one, never a torn file. On the next start the app lists
 * the copies and offers to restore or discard them; a clean save or a discard removes
 * the copy, so nothing is left behind.
 */

const RecoveryFile = RecoveryItem.extend({ version: z.literal(1) });

export interface RecoveryStoreOptions {
  /** The recovery folder (userData/recovery). */
  dir: string;
  fs?: StoreFs;
  now?: () => Date;
  /** Whether a writer process still runs (tests of a killed writer pass their own). */
  alive?: (pid: number) => boolean;
}

export interface RecoveryList {
  items: RecoveryItem[];
  /** Files in the folder that look like copies but could not be read (left in place, never deleted). */
  damaged: string[];
}

export interface RecoveryStore {
  dir: string;
  write(copy: { id: string; text: string; path: string | null; name: string }): Promise<{ savedAt: string }>;
  list(): Promise<RecoveryList>;
  clear(id: string): Promise<void>;
  /**
   * Start-up housekeeping: temporary files of writers that died between write and
   * rename, and copies whose project file on disk already holds the same work (a crash
   * after a save but before the copy was removed). Returns what was removed.
   */
  tidy(readSaved?: (path: string) => Promise<string | null>): Promise<{ temps: string[]; saved: string[] }>;
}

function fileFor(dir: string, id: string): string {
  // RecoveryId allows only [A-Za-z0-9_-]: the id can never leave the folder
  const r = RecoveryId.safeParse(id);
  if (!r.success) throw new Error(`not a recovery id: ${JSON.stringify(id)}`);
  return join(dir, `${id}.json`);
}

/**
 * Do two project texts hold the same work? The modification time is set at each
 * snapshot, so it is left out; everything else (document, profile, options) counts.
 */
export function sameWork(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = parseProject(a);
  const pb = parseProject(b);
  if (!pa.ok || !pb.ok) return false;
  const norm = (p: typeof pa.project) => serializeProject({ ...p, metadata: { ...p.metadata, modifiedAt: '1970-01-01T00:00:00.000Z' } });
  return norm(pa.project) === norm(pb.project);
}

export function createRecoveryStore(options: RecoveryStoreOptions): RecoveryStore {
  const fs = options.fs ?? realFs;
  const now = options.now ?? (() => new Date());
  const { dir } = options;
  let last = '';

  /** Time stamps strictly increase, so "newest first" holds even within one millisecond. */
  const stamp = (): string => {
    let t = now().toISOString();
    if (t <= last) t = new Date(Date.parse(last) + 1).toISOString();
    last = t;
    return t;
  };

  async function readCopy(name: string): Promise<RecoveryItem | null> {
    const bytes = await fs.readFile(join(dir, name));
    const parsed = RecoveryFile.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    if (!parsed.success) return null;
    const { version: _v, ...item } = parsed.data;
    // a copy renamed by hand would otherwise be listed under one id and cleared under another
    return `${item.id}.json` === name ? item : null;
  }

  async function list(): Promise<RecoveryList> {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return { items: [], damaged: [] };
    }
    const items: RecoveryItem[] = [];
    const damaged: string[] = [];
    for (const name of names.sort()) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      try {
        const item = await readCopy(name);
        if (item) items.push(item);
        else damaged.push(name);
      } catch {
        damaged.push(name);
      }
    }
    items.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
    return { items, damaged };
  }

  async function clear(id: string): Promise<void> {
    try {
      await fs.unlink(fileFor(dir, id));
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw e;
    }
  }

  return {
    dir,
    async write(copy) {
      const file = fileFor(dir, copy.id);
      const savedAt = stamp();
      await fs.mkdir(dir, { recursive: true });
      await atomicWrite(file, JSON.stringify({ version: 1, id: copy.id, savedAt, text: copy.text, path: copy.path, name: copy.name }), { fs });
      return { savedAt };
    },
    list,
    clear,
    async tidy(readSaved) {
      const temps = await sweepTempFiles(dir, { fs, alive: options.alive });
      const saved: string[] = [];
      if (readSaved) {
        for (const item of (await list()).items) {
          if (item.path === null) continue;
          const text = await readSaved(item.path).catch(() => null);
          if (text !== null && sameWork(text, item.text)) {
            await clear(item.id);
            saved.push(item.id);
          }
        }
      }
      return { temps, saved };
    },
  };
}
