import {
  DisplayName,
  HostFailure,
  MAX_BYTES,
  MAX_PROJECT_CHARS,
  MAX_RECENT,
  hostApiFromHandlers,
  projectDisplayName,
  type HostApi,
  type HostHandlers,
  type RecentItem,
  type RecoveryItem,
  projectTextProblem,
} from '../../core/host';
import {
  clauseFileName,
  clauseToYaml,
  describePackIssues,
  parseClauseText,
  readZipPack,
  safePackName,
  validatePack,
  writeZipPack,
  decodeText,
  type PackFile,
} from '../../core/clause-pack';
import type { DataIssue } from '../../core/library/parse';
import type { Clause } from '../../core/schema/clause';
import { formatProjectIssue, parseProject } from '../../core/document/project';
import { STORES, idb, inTransaction, openDatabase } from './idb';

/**
 * The HostApi in a browser: the browser build of Ordwright and the end-to-end tests.
 *
 * Projects, the recent list and recovery copies live in IndexedDB, under the project's
 * name (its "path" in HostApi terms). Exports are downloads; imports and opening a
 * project file from disk use a file input. Choosing a name or a saved project is an
 * in-app dialog, supplied by the renderer as `ui` (never window.prompt).
 */

export interface SavedProjectInfo {
  name: string;
  savedAt: string;
  /** Characters of project text. */
  size: number;
}

export type ProjectChoice = { kind: 'saved'; name: string } | { kind: 'file' } | null;

export interface WebHostUi {
  /** Ask for the name to save under; `existing` are the names already saved. Null = cancel. */
  askProjectName(suggested: string, existing: string[]): Promise<string | null>;
  /** Ask which saved project to open, or to open a file from disk. Null = cancel. */
  chooseProject(saved: SavedProjectInfo[]): Promise<ProjectChoice>;
}

export interface WebHostOptions {
  ui: WebHostUi;
  /** IndexedDB database name; tests use their own. */
  dbName?: string;
  now?: () => Date;
}

interface ProjectRecord {
  name: string;
  text: string;
  savedAt: string;
}

/** A clause of the user library, kept as the YAML text the desktop would write to a file. */
interface UserClauseRecord {
  id: string;
  yaml: string;
  savedAt: string;
}

export const DEFAULT_DB_NAME = 'ordwright';

/**
 * Let the user pick a file. Browsers show a file picker only in answer to a click or a
 * key press; without one the picker would silently never open, so that is an error.
 */
export function pickFile(accept: string[]): Promise<File | null> {
  const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation;
  if (activation && !activation.isActive) {
    return Promise.reject(new HostFailure('unavailable', 'The browser opens a file picker only in answer to a click or a key press'));
  }
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept.join(',');
    input.hidden = true;
    document.body.append(input);
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    input.click();
  });
}

/** Hand bytes to the user as a download. */
export function downloadBytes(name: string, bytes: Uint8Array, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice()], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // the download has started by now; keep the URL a while for slow disks
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "Draft", "Draft (2)", "Draft (3)": the first name not in `taken`. */
export function uniqueName(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken.has(candidate)) return candidate;
  }
}

function cleanName(raw: string, what: string): string {
  const r = DisplayName.safeParse(raw);
  if (!r.success) throw new HostFailure('bad-request', `${what}: ${r.error.issues[0]?.message ?? 'invalid name'}`);
  return r.data;
}

export function createWebHost(options: WebHostOptions): HostApi & { close(): void } {
  const now = options.now ?? (() => new Date());
  const dbName = options.dbName ?? DEFAULT_DB_NAME;
  let dbPromise: Promise<IDBDatabase> | null = null;

  const db = async (): Promise<IDBDatabase> => {
    dbPromise ??= openDatabase(dbName).catch((e: unknown) => {
      dbPromise = null; // let a later call try again
      throw new HostFailure('io', (e as Error).message);
    });
    return dbPromise;
  };

  const storage = async <T>(stores: (keyof typeof STORES)[], mode: IDBTransactionMode, fn: (tx: IDBTransaction) => Promise<T>): Promise<T> => {
    try {
      return await inTransaction(await db(), stores, mode, fn);
    } catch (e) {
      if (e instanceof HostFailure) throw e;
      throw new HostFailure('io', (e as Error).message);
    }
  };

  async function savedProjects(): Promise<SavedProjectInfo[]> {
    const all = await storage(['projects'], 'readonly', (tx) => idb.getAll<ProjectRecord>(tx, 'projects'));
    return all.map((p) => ({ name: p.name, savedAt: p.savedAt, size: p.text.length })).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async function remember(tx: IDBTransaction, name: string): Promise<void> {
    await idb.put<RecentItem>(tx, 'recent', { path: name, name, openedAt: now().toISOString() });
    const all = await idb.getAll<RecentItem>(tx, 'recent');
    all.sort((a, b) => b.openedAt.localeCompare(a.openedAt));
    for (const old of all.slice(MAX_RECENT)) await idb.delete(tx, 'recent', old.path);
  }

  /** Like the desktop host: never store a project that could not be opened again. */
  function checkProject(text: string): void {
    const problem = projectTextProblem(text);
    if (problem) throw new HostFailure('bad-request', `The project was not saved because it is not a valid project: ${problem}`);
    const parsed = parseProject(text);
    if (!parsed.ok) {
      const issues = parsed.error.issues.slice(0, 3).map(formatProjectIssue).join('; ');
      throw new HostFailure('bad-request', `The project was not saved because it is not a valid project: ${issues}`);
    }
  }

  async function save(name: string, text: string) {
    const savedAt = now().toISOString();
    await storage(['projects', 'recent'], 'readwrite', async (tx) => {
      await idb.put<ProjectRecord>(tx, 'projects', { name, text, savedAt });
      await remember(tx, name);
    });
    return { path: name, name, savedAt };
  }

  async function openSaved(name: string) {
    const record = await storage(['projects', 'recent'], 'readwrite', async (tx) => {
      const r = await idb.get<ProjectRecord>(tx, 'projects', name);
      if (r) await remember(tx, name);
      return r;
    });
    if (!record) throw new HostFailure('not-found', `No project named "${name}" is saved in this browser`);
    return { canceled: false as const, path: record.name, name: record.name, text: record.text };
  }

  async function openFromDisk() {
    const file = await pickFile(['.ordinance.json', '.json', 'application/json']);
    if (!file) return { canceled: true as const };
    if (file.size > MAX_PROJECT_CHARS) throw new HostFailure('too-large', `"${file.name}" is ${file.size} bytes; the limit is ${MAX_PROJECT_CHARS}`);
    const text = await file.text();
    const problem = projectTextProblem(text);
    if (problem) throw new HostFailure('bad-request', `"${file.name}" is not a valid project: ${problem}`);
    // the browser cannot write back to the file: the project is kept under a name of its
    // own here, and never silently replaces a saved project of the same name
    const taken = new Set((await savedProjects()).map((p) => p.name));
    const name = uniqueName(cleanName(projectDisplayName(file.name), 'The file name'), taken);
    return { canceled: false as const, path: name, name, text };
  }

  const handlers: HostHandlers = {
    async newProject() {
      return {};
    },

    async openProject(req) {
      if (req.path !== undefined) return openSaved(req.path);
      const choice = await options.ui.chooseProject(await savedProjects());
      if (choice === null) return { canceled: true };
      if (choice.kind === 'file') return openFromDisk();
      return openSaved(choice.name);
    },

    async saveProject(req) {
      checkProject(req.text);
      return save(cleanName(req.path, 'The project name'), req.text);
    },

    async saveProjectAs(req) {
      checkProject(req.text);
      const existing = (await savedProjects()).map((p) => p.name);
      const answer = await options.ui.askProjectName(req.suggestedName ?? 'Untitled ordinance', existing);
      if (answer === null) return { canceled: true };
      const saved = await save(cleanName(answer, 'The project name'), req.text);
      return { canceled: false, ...saved };
    },

    async listRecent() {
      const items = await storage(['projects', 'recent'], 'readonly', async (tx) => {
        const recent = await idb.getAll<RecentItem>(tx, 'recent');
        const names = new Set((await idb.getAll<ProjectRecord>(tx, 'projects')).map((p) => p.name));
        // like the desktop: a project that is gone stays listed, marked
        return recent.map((r) => ({ path: r.path, name: r.name, openedAt: r.openedAt, ...(names.has(r.path) ? {} : { missing: true }) }));
      });
      items.sort((a, b) => b.openedAt.localeCompare(a.openedAt));
      return { items: items.slice(0, MAX_RECENT) };
    },

    async exportDocx(req) {
      const name = /\.docx$/i.test(req.suggestedName) ? req.suggestedName : `${req.suggestedName}.docx`;
      downloadBytes(name, req.bytes, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      return { canceled: false, path: name, name };
    },

    async importFile(req) {
      const extensions = req.extensions ?? [];
      const file = await pickFile(extensions.map((e) => `.${e}`));
      if (!file) return { canceled: true };
      const lower = file.name.toLowerCase();
      if (extensions.length && !extensions.some((e) => lower.endsWith(`.${e}`))) {
        throw new HostFailure('bad-request', `"${file.name}" is not one of the accepted kinds (${extensions.map((e) => '.' + e).join(', ')})`);
      }
      if (file.size > MAX_BYTES) throw new HostFailure('too-large', `"${file.name}" is ${file.size} bytes; the limit is ${MAX_BYTES}`);
      return { canceled: false, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    },

    async writeRecovery(req) {
      const savedAt = now().toISOString();
      await storage(['recovery'], 'readwrite', (tx) => idb.put<RecoveryItem>(tx, 'recovery', { id: req.id, savedAt, text: req.text, path: req.path, name: req.name }));
      return { savedAt };
    },

    async listRecovery() {
      const items = await storage(['recovery'], 'readonly', (tx) => idb.getAll<RecoveryItem>(tx, 'recovery'));
      items.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
      return { items: items.map((i) => ({ id: i.id, savedAt: i.savedAt, text: i.text, path: i.path, name: i.name })) };
    },

    async clearRecovery(req) {
      await storage(['recovery'], 'readwrite', (tx) => idb.delete(tx, 'recovery', req.id));
      return {};
    },

    async forgetRecent(req) {
      await storage(['recent'], 'readwrite', async (tx) => {
        if (req.path !== undefined) return idb.delete(tx, 'recent', req.path);
        for (const r of await idb.getAll<RecentItem>(tx, 'recent')) await idb.delete(tx, 'recent', r.path);
        return undefined;
      });
      return {};
    },

    async openDropped() {
      // a browser page never sees a file's path; a dropped project comes in through File > Open
      throw new HostFailure('unavailable', 'The browser cannot open a dropped file by its path; use Open instead');
    },

    async reportState() {
      // the page title is the renderer's own in a browser, and a tab asks before closing by itself
      return {};
    },

    async answerClose() {
      return {};
    },

    async listUserClauses() {
      const records = await storage(['userClauses'], 'readonly', (tx) => idb.getAll<UserClauseRecord>(tx, 'userClauses'));
      const items: { clause: Clause; savedAt: string }[] = [];
      const problems: DataIssue[] = [];
      for (const r of records) {
        const parsed = parseClauseText(clauseFileName(r.id), r.yaml);
        if (parsed.ok) items.push({ clause: parsed.clause, savedAt: r.savedAt });
        else problems.push(...parsed.issues);
      }
      items.sort((a, b) => a.clause.title.localeCompare(b.clause.title) || (a.clause.id < b.clause.id ? -1 : 1));
      return { items, problems };
    },

    async saveUserClause(req) {
      const yaml = clauseToYaml(req.clause);
      const check = parseClauseText(clauseFileName(req.clause.id), yaml);
      if (!check.ok) throw new HostFailure('bad-request', `The clause was not saved: ${check.issues.map((i) => `${i.field || 'clause'}: ${i.message}`).join('; ')}`);
      const savedAt = now().toISOString();
      const replaced = await storage(['userClauses'], 'readwrite', async (tx) => {
        const existing = await idb.get<UserClauseRecord>(tx, 'userClauses', req.clause.id);
        if (existing && !req.replace) throw new HostFailure('conflict', `A clause with id "${req.clause.id}" is already in your library; save it with "replace" to overwrite it`);
        await idb.put<UserClauseRecord>(tx, 'userClauses', { id: req.clause.id, yaml, savedAt });
        return existing !== undefined;
      });
      return { id: req.clause.id, savedAt, replaced };
    },

    async deleteUserClause(req) {
      await storage(['userClauses'], 'readwrite', (tx) => idb.delete(tx, 'userClauses', req.id));
      return {};
    },

    async importClausePack(req) {
      if (req.from === 'folder') throw new HostFailure('unavailable', 'The browser cannot import a folder; import a .zip pack instead');
      const file = await pickFile(['.zip', '.yaml', '.yml']);
      if (!file) return { canceled: true };
      const packName = safePackName(file.name);
      if (file.size > MAX_BYTES) throw new HostFailure('too-large', `"${file.name}" is ${file.size} bytes; the limit is ${MAX_BYTES}`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      let files: PackFile[];
      if (/\.ya?ml$/i.test(file.name)) {
        const text = decodeText(bytes);
        if (text === null) throw new HostFailure('bad-request', describePackIssues(packName, [{ file: packName, field: '', message: 'not UTF-8 text' }]));
        files = [{ file: packName, text }];
      } else {
        const r = await readZipPack(bytes, packName);
        if (!r.ok) throw new HostFailure('bad-request', describePackIssues(packName, r.issues));
        files = r.files;
      }
      const savedAt = now().toISOString();
      // checked and written in one transaction: all of the pack or none of it
      return storage(['userClauses'], 'readwrite', async (tx) => {
        const existing = await idb.getAll<UserClauseRecord>(tx, 'userClauses');
        const check = validatePack(files, { packName, existingIds: new Set(existing.map((r) => r.id)), replace: req.replace });
        if (!check.ok) throw new HostFailure('bad-request', describePackIssues(packName, check.issues));
        for (const { clause } of check.clauses) await idb.put<UserClauseRecord>(tx, 'userClauses', { id: clause.id, yaml: clauseToYaml(clause), savedAt });
        return { canceled: false as const, name: packName, imported: check.clauses.map((c) => c.clause.id), replaced: check.replaced };
      });
    },

    async exportClausePack(req) {
      const { items } = await handlers.listUserClauses({});
      const byId = new Map(items.map((i) => [i.clause.id, i.clause]));
      const missing = (req.ids ?? []).filter((id) => !byId.has(id));
      if (missing.length) throw new HostFailure('not-found', `Not in your library: ${missing.join(', ')}`);
      const chosen = req.ids ? req.ids.map((id) => byId.get(id)!) : items.map((i) => i.clause);
      if (chosen.length === 0) throw new HostFailure('not-found', 'Your clause library is empty: there is nothing to export');
      const name = `${req.suggestedName.replace(/\.zip$/i, '')}.zip`;
      downloadBytes(name, await writeZipPack(chosen), 'application/zip');
      return { canceled: false, path: name, name, count: chosen.length };
    },
  };

  return Object.assign(hostApiFromHandlers(handlers), {
    close() {
      void dbPromise?.then((d) => d.close(), () => undefined);
      dbPromise = null;
    },
  });
}
