import { stat, readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { HostFailure, MAX_BYTES, type HostHandlers } from '../core/host';
import { decodeText, describePackIssues, readZipPack, safePackName, type PackFile } from '../core/clause-pack';
import { atomicWrite } from '../core/node/atomic-write';
import { describeFsError, errnoCode } from '../core/node/store-fs';
import { ClauseConflictError, PackError, createUserLibrary, readFolderPack, type UserLibrary } from '../core/node/user-library';

/**
 * The user clause library's HostApi handlers on the desktop: the store in
 * core/node/user-library.ts (userData/library/clauses/*.yaml) plus native dialogs to
 * pick a pack to import and where to export one. Dialogs are injected, as in files.ts.
 */

export interface LibraryDialogs {
  /** A pack to import: a .zip or .yaml file, or with 'folder' a folder of clause files. Null = cancel. */
  chooseClausePack(from: 'file' | 'folder'): Promise<string | null>;
  /** Where to write an exported pack (.zip). Null = cancel. */
  chooseClausePackTarget(suggestedName: string): Promise<string | null>;
}

export const LIBRARY_METHODS = ['listUserClauses', 'saveUserClause', 'deleteUserClause', 'importClausePack', 'exportClausePack'] as const;
export type LibraryHandlers = Pick<HostHandlers, (typeof LIBRARY_METHODS)[number]>;

export interface LibraryHostOptions {
  /** userData/library */
  dir: string;
  dialogs: LibraryDialogs;
}

function failure(what: string, e: unknown): HostFailure {
  if (e instanceof HostFailure) return e;
  if (e instanceof PackError) return new HostFailure('bad-request', e.message);
  if (e instanceof ClauseConflictError) return new HostFailure('conflict', `${e.message}; save it with "replace" to overwrite it`);
  const code = errnoCode(e);
  if (code) return new HostFailure(code === 'ENOENT' ? 'not-found' : 'io', describeFsError(what, e));
  return new HostFailure('internal', `${what}: ${e instanceof Error ? e.message : String(e)}`);
}

/** The files of the pack at `path`: a folder, a zip, or one YAML file. Throws PackError naming file and field. */
export async function readPackAt(path: string): Promise<{ packName: string; files: PackFile[] }> {
  const packName = basename(path) || path;
  const st = await stat(path);
  if (st.isDirectory()) {
    const r = await readFolderPack(path);
    if (!r.ok) throw new PackError(packName, r.issues, describePackIssues(packName, r.issues));
    return { packName, files: r.files };
  }
  if (!st.isFile()) throw new PackError(packName, [], `"${packName}" is neither a file nor a folder`);
  if (st.size > MAX_BYTES) throw new PackError(packName, [], `The clause pack "${packName}" is ${st.size} bytes; the limit is ${MAX_BYTES}`);
  const bytes = new Uint8Array(await readFile(path));
  if (/\.ya?ml$/i.test(packName)) {
    const text = decodeText(bytes);
    if (text === null) {
      const issues = [{ file: packName, field: '', message: 'not UTF-8 text' }];
      throw new PackError(packName, issues, describePackIssues(packName, issues));
    }
    return { packName, files: [{ file: packName, text }] };
  }
  const r = await readZipPack(bytes, packName);
  if (!r.ok) throw new PackError(packName, r.issues, describePackIssues(packName, r.issues));
  return { packName, files: r.files };
}

export function createLibraryHost(options: LibraryHostOptions): { handlers: LibraryHandlers; library: UserLibrary } {
  const library = createUserLibrary({ dir: options.dir });

  const handlers: LibraryHandlers = {
    async listUserClauses() {
      try {
        const { items, problems } = await library.list();
        return { items: items.map((i) => ({ clause: i.clause, savedAt: i.savedAt })), problems };
      } catch (e) {
        throw failure('Reading your clause library', e);
      }
    },

    async saveUserClause(req) {
      try {
        return await library.save(req.clause, { replace: req.replace });
      } catch (e) {
        throw failure(`Saving the clause "${req.clause.id}"`, e);
      }
    },

    async deleteUserClause(req) {
      try {
        await library.remove(req.id);
      } catch (e) {
        throw failure(`Deleting the clause "${req.id}"`, e);
      }
      return {};
    },

    async importClausePack(req) {
      const chosen = await options.dialogs.chooseClausePack(req.from ?? 'file');
      if (chosen === null) return { canceled: true };
      try {
        const { packName, files } = await readPackAt(resolve(chosen));
        const r = await library.importPack(files, { packName, replace: req.replace });
        return { canceled: false, name: safePackName(packName), ...r };
      } catch (e) {
        throw failure(`Importing "${basename(chosen)}"`, e);
      }
    },

    async exportClausePack(req) {
      let pack: { bytes: Uint8Array; count: number };
      try {
        pack = await library.exportPack(req.ids);
      } catch (e) {
        throw e instanceof Error && !errnoCode(e) ? new HostFailure('not-found', e.message) : failure('Reading your clause library', e);
      }
      if (pack.count === 0) throw new HostFailure('not-found', 'Your clause library is empty: there is nothing to export');
      const chosen = await options.dialogs.chooseClausePackTarget(`${req.suggestedName.replace(/\.zip$/i, '')}.zip`);
      if (chosen === null) return { canceled: true };
      const path = resolve(/\.zip$/i.test(chosen) ? chosen : `${chosen}.zip`);
      try {
        await atomicWrite(path, pack.bytes);
      } catch (e) {
        throw failure(`Exporting to "${path}"`, e);
      }
      return { canceled: false, path, name: basename(path), count: pack.count };
    },
  };

  return { handlers, library };
}
