import { realFs, type StoreFs } from '../../core/node/store-fs';

/**
 * The real file system with one step made to fail, for the stores of core/node
 * (atomic writes, recovery copies, the user clause library):
 *
 * - `fail`: the call throws an Error with a Node error code (ENOSPC, EROFS, EACCES...).
 * - `kill`: the call never returns, and nothing after it runs, as when the process is
 *   killed at that moment: no catch, no finally, no clean-up. The test then opens a
 *   new store on the same folder, as the next start of the app would.
 * - `half`: a write puts half of its data on disk, then fails with the code (a disk
 *   that fills up in the middle of a file).
 *
 * A rule matches a method and, optionally, a path test and which matching call (nth,
 * from 1) it applies to. Every call is logged as "method path".
 */
export type Fault = { method: keyof StoreFs | 'writeFile' | 'sync'; path?: (p: string) => boolean; nth?: number; effect: 'fail' | 'kill' | 'half'; code?: string };

export interface FaultFs extends StoreFs {
  log: string[];
  /** Whether the fault has fired. */
  fired(): boolean;
}

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

export function faultFs(fault: Fault, base: StoreFs = realFs): FaultFs {
  const log: string[] = [];
  let seen = 0;
  let fired = false;
  const hit = (method: string, path: string): boolean => {
    log.push(`${method} ${path}`);
    if (method !== fault.method || (fault.path && !fault.path(path))) return false;
    seen++;
    if (seen !== (fault.nth ?? 1)) return false;
    fired = true;
    return true;
  };
  const error = () => Object.assign(new Error(`${fault.code ?? 'EIO'}: injected fault`), { code: fault.code ?? 'EIO' });
  const act = <T>(method: string, path: string, run: () => Promise<T>): Promise<T> => {
    if (!hit(method, path)) return run();
    if (fault.effect === 'kill') return never<T>();
    return Promise.reject(error());
  };
  return {
    log,
    fired: () => fired,
    readFile: (p) => act('readFile', p, () => base.readFile(p)),
    readdir: (p) => act('readdir', p, () => base.readdir(p)),
    mkdir: (p, o) => act('mkdir', p, () => base.mkdir(p, o)),
    rename: (a, b) => act('rename', `${a} -> ${b}`, () => base.rename(a, b)),
    unlink: (p) => act('unlink', p, () => base.unlink(p)),
    rm: (p, o) => act('rm', p, () => base.rm(p, o)),
    stat: (p) => act('stat', p, () => base.stat(p)),
    chmod: (p, m) => act('chmod', p, () => base.chmod(p, m)),
    async open(p, flags, mode) {
      const fh = await act('open', p, () => base.open(p, flags, mode));
      return {
        writeFile: (data): Promise<void> => {
          if (!hit('writeFile', p)) return fh.writeFile(data);
          // the descriptor is closed behind the scenes (the OS does that for a killed process too)
          if (fault.effect === 'kill') return fh.close().then(() => never<void>());
          if (fault.effect === 'half') {
            const half = typeof data === 'string' ? data.slice(0, Math.floor(data.length / 2)) : data.subarray(0, Math.floor(data.length / 2));
            return fh.writeFile(half).then(() => Promise.reject(error()));
          }
          return Promise.reject(error());
        },
        sync: (): Promise<void> => (hit('sync', p) ? (fault.effect === 'kill' ? fh.close().then(() => never<void>()) : Promise.reject(error())) : fh.sync()),
        close: () => fh.close(),
      };
    },
  };
}
