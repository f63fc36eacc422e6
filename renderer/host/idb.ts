/**
 * A small promise wrapper over IndexedDB for the browser host: one database, four
 * object stores, get / put / delete / getAll. Every failure (quota, a blocked upgrade,
 * storage disabled in a private window) rejects with an Error that says what failed.
 */

export const STORES = {
  projects: 'projects', // { name, text, savedAt }
  recent: 'recent', // { path, name, openedAt }
  recovery: 'recovery', // { id, savedAt, text, path, name }
  userClauses: 'userClauses', // { id, yaml, savedAt }: the user clause library (version 2)
} as const;
export type StoreName = (typeof STORES)[keyof typeof STORES];

const KEY_PATHS: Record<StoreName, string> = { projects: 'name', recent: 'path', recovery: 'id', userClauses: 'id' };
// 2: the userClauses store. The upgrade only adds stores that are missing, so a
// version 1 database keeps its projects.
const DB_VERSION = 2;

function req<T>(r: IDBRequest<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(new Error(`${what}: ${r.error?.message ?? 'IndexedDB request failed'}`));
  });
}

export function openDatabase(name: string, factory: IDBFactory = indexedDB): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let open: IDBOpenDBRequest;
    try {
      open = factory.open(name, DB_VERSION);
    } catch (e) {
      reject(new Error(`Browser storage is not available: ${(e as Error).message}`));
      return;
    }
    open.onupgradeneeded = () => {
      const db = open.result;
      for (const store of Object.values(STORES)) {
        if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath: KEY_PATHS[store] });
      }
    };
    open.onsuccess = () => {
      const db = open.result;
      // another tab upgrading the schema: let it, and reopen next time
      db.onversionchange = () => db.close();
      resolve(db);
    };
    open.onerror = () => reject(new Error(`Browser storage could not be opened: ${open.error?.message ?? 'unknown error'}`));
    open.onblocked = () => reject(new Error('Browser storage is blocked by another Ordwright tab; close it and try again'));
  });
}

/** Run `fn` in one transaction and resolve once the transaction has committed. */
export function inTransaction<T>(db: IDBDatabase, stores: StoreName[], mode: IDBTransactionMode, fn: (tx: IDBTransaction) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(stores, mode);
    let result: T;
    tx.oncomplete = () => resolve(result);
    tx.onabort = () => reject(new Error(`Browser storage: ${tx.error?.message ?? 'the transaction was aborted'}`));
    fn(tx).then(
      (r) => {
        result = r;
      },
      (e: unknown) => {
        try {
          tx.abort();
        } catch {
          // already finished
        }
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export const idb = {
  get<T>(tx: IDBTransaction, store: StoreName, key: IDBValidKey): Promise<T | undefined> {
    return req(tx.objectStore(store).get(key) as IDBRequest<T | undefined>, `reading ${store}`);
  },
  getAll<T>(tx: IDBTransaction, store: StoreName): Promise<T[]> {
    return req(tx.objectStore(store).getAll() as IDBRequest<T[]>, `listing ${store}`);
  },
  put<T>(tx: IDBTransaction, store: StoreName, value: T): Promise<IDBValidKey> {
    return req(tx.objectStore(store).put(value), `writing ${store}`);
  },
  delete(tx: IDBTransaction, store: StoreName, key: IDBValidKey): Promise<undefined> {
    return req(tx.objectStore(store).delete(key), `deleting from ${store}`);
  },
};
