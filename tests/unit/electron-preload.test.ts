import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, CLOSE_REQUEST_CHANNEL, HOST_CHANNELS, HOST_METHODS, MENU_CHANNEL } from '../../core/host';

/**
 * The preload needs 'electron', which cannot load in plain Node: the module is
 * replaced by a recording fake, so the real preload code runs against it.
 */
const fake = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const invoked: [string, unknown][] = [];
  const listeners = new Map<string, ((event: unknown, message: unknown) => void)[]>();
  const paths = new Map<unknown, string>();
  return {
    paths,
    exposed,
    invoked,
    listeners,
    electron: {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => {
          exposed[key] = api;
        },
      },
      ipcRenderer: {
        invoke: async (channel: string, payload: unknown) => {
          invoked.push([channel, payload]);
          return { ok: true, value: { echoed: channel } };
        },
        on: (channel: string, fn: (event: unknown, message: unknown) => void) => {
          listeners.set(channel, [...(listeners.get(channel) ?? []), fn]);
        },
        removeListener: (channel: string, fn: (event: unknown, message: unknown) => void) => {
          listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn));
        },
      },
      webUtils: {
        getPathForFile: (file: unknown) => {
          const p = paths.get(file);
          if (p === undefined) throw new TypeError('not a File');
          return p;
        },
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

type Bridge = Record<string, (arg?: unknown) => unknown>;

describe('electron/preload', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    await import('../../electron/preload');
    bridge = fake.exposed[BRIDGE_GLOBAL] as Bridge;
  });

  it('exposes window.ordwright with one function per HostApi channel, plus onMenu, onCloseRequest and pathForFile, and nothing else', () => {
    expect(Object.keys(bridge).sort()).toEqual([...HOST_METHODS, 'onMenu', 'onCloseRequest', 'pathForFile'].sort());
    for (const k of Object.keys(bridge)) expect(typeof bridge[k]).toBe('function');
  });

  it('each function invokes its own channel with the request', async () => {
    for (const method of HOST_METHODS) {
      fake.invoked.length = 0;
      const result = await bridge[method]!({ probe: method });
      expect(fake.invoked).toEqual([[HOST_CHANNELS[method], { probe: method }]]);
      expect(result).toEqual({ ok: true, value: { echoed: HOST_CHANNELS[method] } });
    }
  });

  it('onMenu passes on the message only (never the IPC event) and unsubscribes', () => {
    const got: unknown[] = [];
    const off = bridge.onMenu!((m: unknown) => got.push(m)) as () => void;
    const [listener] = fake.listeners.get(MENU_CHANNEL)!;
    listener!({ sender: 'secret ipc internals' }, { action: 'save' });
    expect(got).toEqual([{ action: 'save' }]);
    off();
    expect(fake.listeners.get(MENU_CHANNEL)).toEqual([]);
  });

  it('onCloseRequest passes on close requests only, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = bridge.onCloseRequest!((m: unknown) => got.push(m)) as () => void;
    const [listener] = fake.listeners.get(CLOSE_REQUEST_CHANNEL)!;
    listener!({ sender: 'secret' }, { requestId: 'r1', reason: 'close' });
    expect(got).toEqual([{ requestId: 'r1', reason: 'close' }]);
    off();
    expect(fake.listeners.get(CLOSE_REQUEST_CHANNEL)).toEqual([]);
  });

  it('pathForFile answers a dropped file’s path, and "" for anything else (never throws into the page)', () => {
    const file = { name: 'Town.ordinance.json' };
    fake.paths.set(file, '/home/c/Town.ordinance.json');
    expect(bridge.pathForFile!(file)).toBe('/home/c/Town.ordinance.json');
    expect(bridge.pathForFile!({ name: 'not a file' })).toBe('');
  });
});

describe('the preload bundle', () => {
  it('is one CommonJS file whose only require is electron (loadable in a sandbox)', async () => {
    const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    const out = await build({
      entryPoints: [join(repo, 'electron/preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    expect(out.outputFiles).toHaveLength(1);
    const code = out.outputFiles[0]!.text;
    const requires = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\s*\(/);
    // small: the channel names and a few closures, no zod
    expect(code.length).toBeLessThan(8 * 1024);
  });
});
