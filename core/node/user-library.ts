import { randomBytes } from 'node:crypto';
import { basename, join, relative, sep } from 'node:path';
import {
  PACK_LIMITS,
  clauseFileName,
  clauseToYaml,
  decodeText,
  describePackIssues,
  isClauseFileName,
  parseClauseText,
  validatePack,
  writeZipPack,
  type PackFile,
} from '../clause-pack';
import type { DataIssue } from '../library/parse';
import type { Clause } from '../schema/clause';
import { Slug } from '../schema/common';
import { atomicWrite, sweepTempFiles } from './atomic-write';
import { errnoCode, realFs, type StoreFs } from './store-fs';

/**
 * The drafter's own clause library on disk: `<dir>/clauses/<id>.yaml`, one file per
 * clause in the clause library's format, so a drafter (or their IT) can read, back up
 * and share the files like any others.
 *
 * Saving or deleting one clause is one atomic file operation. Importing a pack touches
 * many files, so it is made all or nothing with a small redo log:
 *   1. the whole pack is checked in memory (core/clause-pack.ts validatePack);
 *   2. every clause is written to a staging folder `<dir>/.import-<random>/`, flushed;
 *   3. a COMMIT file is written there atomically: the point of no return;
 *   4. the files are renamed into clauses/, then the staging folder is removed.
 * A crash before 3 leaves a staging folder without COMMIT, which the next operation
 * deletes (nothing was imported); a crash after 3 leaves a committed folder, which the
 * next operation finishes moving (everything is imported). Never a half-imported pack.
 */

export interface UserLibraryOptions {
  /** The library folder (userData/library). */
  dir: string;
  fs?: StoreFs;
  /** Whether a writer process still runs (for leftovers of a killed one). */
  alive?: (pid: number) => boolean;
}

export interface UserClauseEntry {
  clause: Clause;
  /** When the clause file was last written (its modification time). */
  savedAt: string;
  file: string;
}

/** A pack, or a clause, that was refused: every problem with its file and field. */
export class PackError extends Error {
  constructor(
    readonly packName: string,
    readonly issues: DataIssue[],
    message: string,
  ) {
    super(message);
    this.name = 'PackError';
  }
}

export class ClauseConflictError extends Error {
  constructor(readonly id: string) {
    super(`A clause with id "${id}" is already in your library`);
    this.name = 'ClauseConflictError';
  }
}

export interface UserLibrary {
  clausesDir: string;
  list(): Promise<{ items: UserClauseEntry[]; problems: DataIssue[] }>;
  save(clause: Clause, opts?: { replace?: boolean }): Promise<{ id: string; savedAt: string; replaced: boolean }>;
  remove(id: string): Promise<void>;
  /** Import checked pack files (see readFolderPack and core's readZipPack). Throws PackError. */
  importPack(files: PackFile[], opts: { packName: string; replace?: boolean }): Promise<{ imported: string[]; replaced: string[] }>;
  /** A zip of the given clauses (all when `ids` is absent). Unknown ids are an error. */
  exportPack(ids?: string[]): Promise<{ bytes: Uint8Array; count: number }>;
  /** Finish or undo an import a crash interrupted; remove leftovers of killed writers. */
  recover(): Promise<{ rolledForward: string[]; rolledBack: string[] }>;
}

const STAGING_PREFIX = '.import-';
const COMMIT = 'COMMIT';

function checkedId(id: string): string {
  if (!Slug.safeParse(id).success) throw new Error(`not a clause id: ${JSON.stringify(id)}`);
  return id;
}

/** A folder of clause files, read as a pack (sub-folders included, three levels deep). */
export async function readFolderPack(
  folder: string,
  fs: StoreFs = realFs,
): Promise<{ ok: true; files: PackFile[] } | { ok: false; issues: DataIssue[] }> {
  const packName = basename(folder) || folder;
  const files: PackFile[] = [];
  const issues: DataIssue[] = [];
  let total = 0;
  const walk = async (d: string, depth: number): Promise<void> => {
    let names: string[];
    try {
      names = (await fs.readdir(d)).sort();
    } catch (e) {
      issues.push({ file: join(packName, relative(folder, d)), field: '', message: `the folder cannot be read (${errnoCode(e) || String(e)})` });
      return;
    }
    for (const name of names) {
      if (name.startsWith('.') || name.startsWith('_')) continue;
      const p = join(d, name);
      const where = [packName, ...relative(folder, p).split(sep)].join('/');
      let st;
      try {
        st = await fs.stat(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (depth < 3) await walk(p, depth + 1);
        continue;
      }
      if (!st.isFile() || !isClauseFileName(name)) continue;
      if (files.length + issues.length >= PACK_LIMITS.maxFiles) {
        issues.push({ file: packName, field: '', message: `the folder holds more than ${PACK_LIMITS.maxFiles} clause files` });
        return;
      }
      if (st.size > PACK_LIMITS.maxFileBytes) {
        issues.push({ file: where, field: '', message: `the file is larger than ${PACK_LIMITS.maxFileBytes} bytes` });
        continue;
      }
      total += st.size;
      if (total > PACK_LIMITS.maxTotalBytes) {
        issues.push({ file: packName, field: '', message: `the clause files are larger than ${PACK_LIMITS.maxTotalBytes} bytes together` });
        return;
      }
      const text = decodeText(await fs.readFile(p));
      if (text === null) issues.push({ file: where, field: '', message: 'not UTF-8 text' });
      else files.push({ file: where, text });
    }
  };
  await walk(folder, 0);
  return issues.length ? { ok: false, issues } : { ok: true, files };
}

export function createUserLibrary(options: UserLibraryOptions): UserLibrary {
  const fs = options.fs ?? realFs;
  const root = options.dir;
  const clausesDir = join(root, 'clauses');
  const fileOf = (id: string) => join(clausesDir, clauseFileName(checkedId(id)));

  // one operation at a time: an import must not interleave with a save of the same id
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const run = queue.then(op, op);
    queue = run.catch(() => undefined);
    return run;
  };

  async function readNames(d: string): Promise<string[]> {
    try {
      return await fs.readdir(d);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return [];
      throw e;
    }
  }

  async function exists(p: string): Promise<boolean> {
    try {
      await fs.stat(p);
      return true;
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return false;
      throw e;
    }
  }

  async function finishImport(staging: string): Promise<void> {
    for (const name of await readNames(staging)) {
      if (name === COMMIT || !name.endsWith('.yaml')) continue;
      await fs.rename(join(staging, name), join(clausesDir, name));
    }
    await fs.rm(staging, { recursive: true, force: true });
  }

  async function recover(): Promise<{ rolledForward: string[]; rolledBack: string[] }> {
    const rolledForward: string[] = [];
    const rolledBack: string[] = [];
    for (const name of await readNames(root)) {
      if (!name.startsWith(STAGING_PREFIX)) continue;
      const staging = join(root, name);
      if (await exists(join(staging, COMMIT))) {
        await fs.mkdir(clausesDir, { recursive: true });
        await finishImport(staging);
        rolledForward.push(name);
      } else {
        await fs.rm(staging, { recursive: true, force: true });
        rolledBack.push(name);
      }
    }
    await sweepTempFiles(clausesDir, { fs, alive: options.alive });
    return { rolledForward, rolledBack };
  }

  async function list(): Promise<{ items: UserClauseEntry[]; problems: DataIssue[] }> {
    const items: UserClauseEntry[] = [];
    const problems: DataIssue[] = [];
    for (const name of (await readNames(clausesDir)).sort()) {
      if (!isClauseFileName(name)) continue;
      const p = join(clausesDir, name);
      const label = `clauses/${name}`;
      try {
        const st = await fs.stat(p);
        if (!st.isFile()) continue;
        const text = decodeText(await fs.readFile(p));
        if (text === null) {
          problems.push({ file: label, field: '', message: 'not UTF-8 text' });
          continue;
        }
        const r = parseClauseText(label, text);
        if (!r.ok) {
          problems.push(...r.issues);
          continue;
        }
        if (clauseFileName(r.clause.id) !== name) {
          problems.push({ file: label, field: 'id', message: `id "${r.clause.id}" does not match the file name; rename the file to ${clauseFileName(r.clause.id)}` });
          continue;
        }
        items.push({ clause: r.clause, savedAt: st.mtime.toISOString(), file: p });
      } catch (e) {
        problems.push({ file: label, field: '', message: `could not be read (${errnoCode(e) || String(e)})` });
      }
    }
    items.sort((a, b) => a.clause.title.localeCompare(b.clause.title) || (a.clause.id < b.clause.id ? -1 : 1));
    return { items, problems };
  }

  return {
    clausesDir,
    list: () =>
      serial(async () => {
        await recover();
        return list();
      }),

    save: (clause, opts = {}) =>
      serial(async () => {
        await recover();
        const file = fileOf(clause.id);
        // the same checks as a pack: a clause that could not be read back is never written
        const text = clauseToYaml(clause);
        const check = parseClauseText(clauseFileName(clause.id), text);
        if (!check.ok) throw new PackError(clauseFileName(clause.id), check.issues, `The clause was not saved: ${check.issues.map((i) => `${i.field || 'clause'}: ${i.message}`).join('; ')}`);
        const replaced = await exists(file);
        if (replaced && !opts.replace) throw new ClauseConflictError(clause.id);
        await fs.mkdir(clausesDir, { recursive: true });
        await atomicWrite(file, text, { fs });
        const st = await fs.stat(file);
        return { id: clause.id, savedAt: st.mtime.toISOString(), replaced };
      }),

    remove: (id) =>
      serial(async () => {
        await recover();
        try {
          await fs.unlink(fileOf(id));
        } catch (e) {
          if (errnoCode(e) !== 'ENOENT') throw e;
        }
      }),

    importPack: (files, opts) =>
      serial(async () => {
        await recover();
        const current = await list();
        const existingIds = new Set(current.items.map((i) => i.clause.id));
        const check = validatePack(files, { packName: opts.packName, existingIds, replace: opts.replace });
        if (!check.ok) {
          throw new PackError(opts.packName, check.issues, describePackIssues(opts.packName, check.issues));
        }
        const staging = join(root, `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`);
        await fs.mkdir(staging, { recursive: true });
        try {
          for (const { clause } of check.clauses) {
            const fh = await fs.open(join(staging, clauseFileName(clause.id)), 'wx', 0o666);
            try {
              await fh.writeFile(clauseToYaml(clause));
              await fh.sync();
            } finally {
              await fh.close();
            }
          }
          await fs.mkdir(clausesDir, { recursive: true });
          // the point of no return: from here a crash rolls the import forward
          await atomicWrite(join(staging, COMMIT), check.clauses.map((c) => c.clause.id).join('\n') + '\n', { fs });
        } catch (e) {
          await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
          throw e;
        }
        await finishImport(staging);
        return { imported: check.clauses.map((c) => c.clause.id), replaced: check.replaced };
      }),

    exportPack: (ids) =>
      serial(async () => {
        await recover();
        const { items } = await list();
        const byId = new Map(items.map((i) => [i.clause.id, i.clause]));
        const missing = (ids ?? []).filter((id) => !byId.has(id));
        if (missing.length) throw new Error(`Not in your library: ${missing.join(', ')}`);
        const chosen = ids ? ids.map((id) => byId.get(id)!) : items.map((i) => i.clause);
        return { bytes: await writeZipPack(chosen), count: chosen.length };
      }),

    recover: () => serial(recover),
  };
}
