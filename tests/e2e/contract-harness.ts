/**
 * Runs in Chromium: the browser host (renderer/host/web.ts) with a scripted user in
 * place of the in-app dialogs. tests/e2e/host-contract.e2e.ts drives it from Node.
 * File pickers and downloads stay real; Playwright answers and captures them.
 */
// first: no schema may be created before this (see the module)
import '../../core/strict-csp';
import type { HostApi, HostMethod } from '../../core/host';
import { createWebHost, type ProjectChoice } from '../../renderer/host/web';

type Answer = { kind: 'name'; name: string } | { kind: 'open'; path: string } | { kind: 'cancel' };

const queue: Answer[] = [];
let host: (HostApi & { close(): void }) | null = null;

/** Bytes cross page.evaluate as base64 (structured clone is not available there). */
type Encoded = unknown;
function encode(v: unknown): Encoded {
  if (v instanceof Uint8Array) {
    let s = '';
    for (const b of v) s += String.fromCharCode(b);
    return { __bytes: btoa(s) };
  }
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}
function decode(v: Encoded): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && '__bytes' in v) {
    const s = atob((v as { __bytes: string }).__bytes);
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  }
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
  return v;
}

function next(): Answer {
  const a = queue.shift();
  if (!a) throw new Error('the host asked the user something the test did not script');
  return a;
}

const ui = {
  async askProjectName(): Promise<string | null> {
    const a = next();
    if (a.kind === 'cancel') return null;
    if (a.kind !== 'name') throw new Error(`expected a save dialog answer, got ${a.kind}`);
    return a.name;
  },
  async chooseProject(): Promise<ProjectChoice> {
    const a = next();
    if (a.kind === 'cancel') return null;
    if (a.kind !== 'open') throw new Error(`expected an open dialog answer, got ${a.kind}`);
    return { kind: 'saved', name: a.path };
  },
};

const harness = {
  /** A new host over a new, empty database. */
  reset(): void {
    host?.close();
    queue.length = 0;
    host = createWebHost({ ui, dbName: `contract-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  },
  answer(a: Answer): void {
    queue.push(a);
  },
  async call(method: HostMethod, request: Encoded): Promise<Encoded> {
    if (!host) throw new Error('reset() first');
    const fn = host[method] as (r: unknown) => Promise<unknown>;
    return encode(await fn(decode(request)));
  },
  encode,
  decode,
};

(window as unknown as { __contract: typeof harness }).__contract = harness;
document.body.dataset.ready = 'true';
